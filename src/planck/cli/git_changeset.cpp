#include "planck/cli/git_changeset.hpp"
#include "planck/markdown/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace planck {

namespace {

constexpr std::string_view k_lfs_pointer = "version https://git-lfs.github.com/spec/v1";

// A document that is not checked, with the one problem that says why.
std::unique_ptr<Document> unchecked(const std::string& path, std::string message)
{
  auto document = std::make_unique<Document>();
  document->path = path;
  document->skipped = true;
  document->problems.push_back({1, 1, std::move(message)});
  return document;
}

std::size_t entry_count(const Document& document)
{
  std::size_t count = 0;
  for (const auto& section : document.sections) {
    count += section.entries.size();
  }
  return count;
}

// The document for `content`, or one that says which limit it passed. Touches no shared state, so
// documents are built on several threads at once.
std::unique_ptr<Document> build_document(const std::string& path, const std::string& content, const Limits& limits)
{
  if (content.size() > limits.max_document_bytes) {
    return unchecked(path, fmt::format("is {} bytes, over the limit of {} (limits.max_document_bytes); not checked",
                                       content.size(), limits.max_document_bytes));
  }
  if (content.compare(0, k_lfs_pointer.size(), k_lfs_pointer) == 0) {
    return unchecked(path, "is a Git LFS pointer, not the document's text; planck reads what git stores and does "
                           "not fetch LFS objects");
  }
  auto document = std::make_unique<Document>(parse_document(path, content));
  if (const auto entries = entry_count(*document); entries > limits.max_entries) {
    return unchecked(path, fmt::format("has {} list entries in its sections, over the limit of {} "
                                       "(limits.max_entries); not checked",
                                       entries, limits.max_entries));
  }
  return document;
}

// How far reading may run ahead of parsing: texts read but not yet parsed are held in memory, and
// reading is faster than parsing, so without a bound every text of a large check was held at once.
constexpr std::size_t k_read_ahead = 64;

// Runs `produce(i)` for every i below `count` in order on the calling thread, and `consume(i)` for
// each i once produced, on up to one thread per core: the calling thread joins the consumers when
// it has produced everything, and consumes one itself whenever k_read_ahead items wait. Rethrows
// the first exception either side threw.
template <class Produce, class Consume>
void run_pipeline(std::size_t count, const Produce& produce, const Consume& consume)
{
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t helpers_wanted = std::min<std::size_t>(cores, count / 4);
  if (helpers_wanted <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      produce(i);
      consume(i);
    }
    return;
  }
  std::mutex lock;
  std::condition_variable ready;   // something to consume, or the end
  std::size_t produced = 0;
  std::size_t next = 0;
  bool stop = false;   // everything produced, or something failed
  std::exception_ptr failure;
  const auto fail = [&] {
    const std::lock_guard<std::mutex> guard(lock);
    failure = failure ? failure : std::current_exception();
    stop = true;
    next = count;
  };
  const auto consumer = [&] {
    try {
      while (true) {
        std::size_t i = 0;
        {
          std::unique_lock<std::mutex> guard(lock);
          ready.wait(guard, [&] { return next < produced || stop; });
          if (next >= produced) {
            return;
          }
          i = next++;
        }
        consume(i);
      }
    } catch (...) {
      fail();
      ready.notify_all();
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < helpers_wanted; ++t) {
    helpers.emplace_back(consumer);
  }
  try {
    for (std::size_t i = 0; i < count; ++i) {
      bool failed = false;
      while (true) {
        // Too far ahead: parse one here rather than hold another text.
        std::size_t waiting = 0;
        {
          const std::lock_guard<std::mutex> guard(lock);
          failed = static_cast<bool>(failure);
          if (failed || produced - next < k_read_ahead) {
            break;
          }
          waiting = next++;
        }
        consume(waiting);
      }
      if (failed) {
        break;
      }
      produce(i);
      {
        const std::lock_guard<std::mutex> guard(lock);
        ++produced;
      }
      ready.notify_one();
    }
  } catch (...) {
    fail();
  }
  {
    const std::lock_guard<std::mutex> guard(lock);
    stop = true;
  }
  ready.notify_all();
  consumer();
  for (auto& helper : helpers) {
    helper.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

} // namespace

GitChangeSet::GitChangeSet(const Repository& repository, RangeInfo range, Limits limits)
  : m_repository(repository), m_range(std::move(range)), m_limits(limits)
{
  if (m_range.base_sha.empty()) {
    return;
  }
  m_commits = m_repository.commits_between(m_range.base_sha, m_range.head_sha).or_throw();
  // Line counts diff every changed blob; only plan-required's `trigger_lines` and last-synced's
  // pure-rename test need them, so they are counted on first use (line_counts).
  m_changes = m_repository.diff(m_range.base_sha, m_range.head_sha, m_range.worktree, Repository::LineCounts::no)
                  .or_throw();
}

std::pair<int, int> GitChangeSet::line_counts(const FileChange& change) const
{
  if (!m_line_counts) {
    m_line_counts.emplace();
    const auto counted =
        m_repository.diff(m_range.base_sha, m_range.head_sha, m_range.worktree, Repository::LineCounts::yes).or_throw();
    for (const auto& file : counted) {
      (*m_line_counts)[{file.path, file.old_path}] = {file.additions, file.deletions};
    }
  }
  const auto it = m_line_counts->find({change.path, change.old_path});
  return it == m_line_counts->end() ? std::pair<int, int>{0, 0} : it->second;
}

const Document* GitChangeSet::cached(std::map<std::string, std::unique_ptr<Document>>& cache,
                                     const std::string& path, std::optional<std::string> content) const
{
  auto& slot = cache[path];
  if (slot || !content) {
    return slot.get();
  }
  slot = build_document(path, *content, m_limits);
  return slot.get();
}

std::optional<std::string> GitChangeSet::read_head(const std::string& path) const
{
  return m_range.worktree ? m_repository.read_worktree(path) : m_repository.read_blob(m_range.head_sha, path);
}

void GitChangeSet::prefetch(const std::vector<std::string>& head_paths, const std::vector<std::string>& base_paths) const
{
  // Blobs are read in order on this thread (libgit2 objects are not shared across threads) while
  // the documents already read are parsed on every core.
  struct Job
  {
    std::map<std::string, std::unique_ptr<Document>>* cache;
    const std::string* path;
    bool head = true;
    std::optional<std::string> content;
    std::unique_ptr<Document> document;
  };
  std::vector<Job> jobs;
  std::set<std::pair<const void*, std::string>> queued;
  for (const auto& path : head_paths) {
    if (m_head_documents.count(path) == 0 && queued.emplace(&m_head_documents, path).second) {
      jobs.push_back(Job{&m_head_documents, &path, true, std::nullopt, nullptr});
    }
  }
  if (!m_range.base_sha.empty()) {
    for (const auto& path : base_paths) {
      if (m_base_documents.count(path) == 0 && queued.emplace(&m_base_documents, path).second) {
        jobs.push_back(Job{&m_base_documents, &path, false, std::nullopt, nullptr});
      }
    }
  }
  run_pipeline(
      jobs.size(),
      [&](std::size_t i) {
        Job& job = jobs[i];
        job.content = job.head ? read_head(*job.path) : m_repository.read_blob(m_range.base_sha, *job.path);
      },
      [&](std::size_t i) {
        Job& job = jobs[i];
        if (job.content) {
          job.document = build_document(*job.path, *job.content, m_limits);
          job.content.reset();
        }
      });
  // A path with no content stays in the cache as absent, as head_document would leave it.
  for (auto& job : jobs) {
    (*job.cache)[*job.path] = std::move(job.document);
  }
}

const Document* GitChangeSet::base_document(const std::string& path) const
{
  if (m_range.base_sha.empty()) {
    return nullptr;
  }
  if (const auto it = m_base_documents.find(path); it != m_base_documents.end()) {
    return it->second.get();
  }
  return cached(m_base_documents, path, m_repository.read_blob(m_range.base_sha, path));
}

const Document* GitChangeSet::head_document(const std::string& path) const
{
  if (const auto it = m_head_documents.find(path); it != m_head_documents.end()) {
    return it->second.get();
  }
  return cached(m_head_documents, path, read_head(path));
}

void GitChangeSet::visit_head_texts(const std::vector<std::string>& paths,
                                    const std::function<void(std::size_t, std::string_view)>& visit) const
{
  // Read in order here, visited on every core; each text is dropped once visited.
  std::vector<std::optional<std::string>> texts(paths.size());
  run_pipeline(
      paths.size(), [&](std::size_t i) { texts[i] = read_head(paths[i]); },
      [&](std::size_t i) {
        if (texts[i]) {
          visit(i, *texts[i]);
          texts[i].reset();
        }
      });
}

const std::vector<std::string>& GitChangeSet::head_files() const
{
  if (!m_head_files) {
    m_head_files = m_repository.list_files(m_range.head_sha, m_range.worktree).or_throw();
  }
  return *m_head_files;
}

bool GitChangeSet::head_exists(const std::string& path) const
{
  const auto& files = head_files();
  if (std::binary_search(files.begin(), files.end(), path)) {
    return true;
  }
  // A directory exists when some file lies below it.
  const std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  const auto it = std::lower_bound(files.begin(), files.end(), prefix);
  return it != files.end() && it->compare(0, prefix.size(), prefix) == 0;
}

std::optional<std::int64_t> GitChangeSet::last_change_time(const std::string& path) const
{
  if (m_range.worktree) {
    if (!m_uncommitted) {
      m_uncommitted.emplace();
      const auto uncommitted =
          m_repository.diff(m_range.head_sha, m_range.head_sha, true, Repository::LineCounts::no).or_throw();
      for (const auto& change : uncommitted) {
        m_uncommitted->insert(change.path);
      }
    }
    if (m_uncommitted->count(path) != 0) {
      return m_range.now;
    }
  }
  if (!m_change_times) {
    // Asked for one document, answer for every document this check read at head in one pass:
    // those are the documents the rules ask about.
    std::vector<std::string> paths;
    paths.reserve(m_head_documents.size() + 1);
    for (const auto& [known, document] : m_head_documents) {
      paths.push_back(known);
    }
    if (m_head_documents.count(path) == 0) {
      paths.push_back(path);
    }
    const auto found = m_repository.last_change_times(m_commits, paths);
    auto& times = m_change_times.emplace();
    for (const auto& known : paths) {
      const auto it = found.find(known);
      times.emplace(known, it == found.end() ? std::nullopt : std::optional<std::int64_t>(it->second));
    }
  }
  if (const auto it = m_change_times->find(path); it != m_change_times->end()) {
    return it->second;
  }
  const auto time = m_repository.last_change_time(m_commits, path);
  m_change_times->emplace(path, time);
  return time;
}

} // namespace planck
