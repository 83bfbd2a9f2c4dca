#include "planck/cli/git_changeset.hpp"
#include "planck/markdown/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
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

// Runs `work(i)` for every i below `count` on up to one thread per core (the calling thread is
// one of them); rethrows the first exception a worker caught.
template <class Work>
void run_parallel(std::size_t count, const Work& work)
{
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t threads = std::min<std::size_t>(cores, count / 4);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      work(i);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::mutex failure_lock;
  std::exception_ptr failure;
  const auto worker = [&] {
    try {
      for (std::size_t i = next++; i < count; i = next++) {
        work(i);
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_lock);
      failure = failure ? failure : std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) {
    helpers.emplace_back(worker);
  }
  worker();
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
  // Blobs are read here, on one thread (libgit2 objects are not shared across threads); only the
  // parsing, most of the work, runs in parallel.
  struct Job
  {
    std::map<std::string, std::unique_ptr<Document>>* cache;
    std::string path;
    std::string content;
    std::unique_ptr<Document> document;
  };
  std::vector<Job> jobs;
  std::set<std::pair<const void*, std::string>> queued;
  const auto queue = [&](std::map<std::string, std::unique_ptr<Document>>& cache, const std::string& path,
                         std::optional<std::string> content) {
    if (content) {
      jobs.push_back(Job{&cache, path, std::move(*content), nullptr});
    } else {
      cache[path];   // known to be absent: remembered as such, as head_document would
    }
  };
  for (const auto& path : head_paths) {
    if (m_head_documents.count(path) == 0 && queued.emplace(&m_head_documents, path).second) {
      queue(m_head_documents, path, read_head(path));
    }
  }
  if (!m_range.base_sha.empty()) {
    for (const auto& path : base_paths) {
      if (m_base_documents.count(path) == 0 && queued.emplace(&m_base_documents, path).second) {
        queue(m_base_documents, path, m_repository.read_blob(m_range.base_sha, path));
      }
    }
  }
  run_parallel(jobs.size(), [&](std::size_t i) {
    jobs[i].document = build_document(jobs[i].path, jobs[i].content, m_limits);
    jobs[i].content = std::string();
  });
  for (auto& job : jobs) {
    (*job.cache)[job.path] = std::move(job.document);
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

std::optional<std::string> GitChangeSet::head_text(const std::string& path) const
{
  return read_head(path);
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
      for (const auto& change : m_repository.diff(m_range.head_sha, m_range.head_sha, true, Repository::LineCounts::no).or_throw()) {
        m_uncommitted->insert(change.path);
      }
    }
    if (m_uncommitted->count(path) != 0) {
      return m_range.now;
    }
  }
  if (!m_change_times) {
    m_change_times = m_repository.last_change_times(m_commits);
  }
  const auto it = m_change_times->find(path);
  return it == m_change_times->end() ? std::nullopt : std::optional<std::int64_t>(it->second);
}

} // namespace planck
