#include "planck/changes/git_changeset.hpp"
#include "planck/changes/documents.hpp"
#include "planck/util/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <numeric>
#include <system_error>
#include <thread>

namespace planck {

namespace {

// Runs `work(i, repository)` for every i below `count` on up to one thread per handle in
// `handles`, each thread with its own (libgit2 handles and objects are not shared between
// threads), the calling thread with the first. Rethrows the exception of the lowest failing index.
template <class Work>
void run_on_handles(std::size_t count, const std::vector<Repository>& handles, const Work& work)
{
  parallel_for(count, std::min(handles.size(), count / 4),
               [&](std::size_t index, std::size_t worker) { work(index, handles[worker]); });
}

// A few documents are not worth a thread.
constexpr std::size_t k_parallel_from = 8;

} // namespace

GitChangeSet::GitChangeSet(const Repository& repository, RangeInfo range, Limits limits, const EarlyReads& early)
  : m_repository(repository), m_range(std::move(range)), m_limits(limits)
{
  if (m_range.base_sha.empty()) {
    return;
  }
  // While this thread reads the range, another lists what changed below the early folders (one
  // folder's trees, a millisecond) and starts reading and parsing it; this thread then takes the
  // jobs left. Nothing of it is needed for the result: without it, prefetch reads the same.
  // Not in a partial clone: prefetch fetches what it lacks in one request, early reads would not.
  bool early_reads = !early.folders.empty() && !m_range.worktree && !m_repository.is_partial_clone() &&
                     !helpers().empty();
  // The range's commits first (milliseconds): the early walk of the history needs them.
  m_commits = m_repository.commits_between(m_range.base_sha, m_range.head_sha).or_throw();
  std::vector<Job> jobs;
  std::promise<void> listed;
  std::future<void> jobs_listed = listed.get_future();
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::thread helper;
  if (early_reads) {
    try {
      helper = std::thread([&, &own = helpers().front()] {
        try {
          jobs = early_jobs(own, early);
        } catch (...) {
          jobs.clear();   // prefetch reads them later, and reports what went wrong
        }
        listed.set_value();
        std::vector<std::size_t> done;
        try {
          for (std::size_t i = next++; i < jobs.size() && !stop; i = next++) {
            run_job(jobs[i], own);
            done.push_back(i);
          }
        } catch (...) {
          stop = true;
        }
        if (!stop && early.history) {
          start_early_walk(jobs, done, early.history);
        }
      });
    } catch (const std::system_error&) {
      early_reads = false;   // no thread to be had: prefetch reads the documents later
    }
  }
  struct Joiner
  {
    std::thread& thread;
    std::atomic<bool>& stop;
    ~Joiner()
    {
      if (thread.joinable()) {
        stop = true;
        thread.join();
      }
    }
  } joiner{helper, stop};

  // Line counts diff every changed blob; only plan-required's `trigger_lines` and last-synced's
  // pure-rename test need them, so they are counted on first use (line_counts).
  m_changes = m_repository.diff(m_range.base_sha, m_range.head_sha, m_range.worktree, Repository::LineCounts::no)
                  .or_throw();

  if (early_reads) {
    jobs_listed.wait();
    for (std::size_t i = next++; i < jobs.size() && !stop; i = next++) {
      run_job(jobs[i], m_repository);
    }
    helper.join();
    if (!stop && early.history && !m_early_times.valid()) {
      // The helper read none of them (this thread took every job): walk beside the rules instead.
      std::vector<std::size_t> all(jobs.size());
      std::iota(all.begin(), all.end(), std::size_t{0});
      start_early_walk(jobs, all, early.history);
    }
    if (!stop) {
      keep_documents(jobs);
      m_early_documents = jobs.size();
    }
  }
}

void GitChangeSet::start_early_walk(const std::vector<Job>& jobs, const std::vector<std::size_t>& done,
                                    const std::function<bool(const Document&)>& wanted) noexcept
{
  m_early_paths.clear();
  if (m_commits.size() < 2) {
    return;   // one commit changed them all: nothing to walk
  }
  try {
    for (const std::size_t i : done) {
      if (jobs[i].head && jobs[i].document && wanted(*jobs[i].document)) {
        m_early_paths.push_back(jobs[i].path);
      }
    }
    if (m_early_paths.empty()) {
      return;
    }
    auto handle = m_repository.open_again();
    if (!handle) {
      m_early_paths.clear();   // walked when asked, as without the early walk
      return;
    }
    m_history.emplace(std::move(*handle));
    m_early_times = std::async(std::launch::async, [this] {
      // A tree it cannot read fails the walk; the failure reaches whoever asks for the answers.
      return m_history->last_change_times(m_commits, m_early_paths).or_throw();
    });
  } catch (...) {
    m_early_paths.clear();   // no thread or memory to be had: walked when asked
  }
}

GitChangeSet::~GitChangeSet()
{
  wait_for_history();   // the walk reads members that are about to go
}

void GitChangeSet::wait_for_history() const
{
  const std::lock_guard<std::mutex> history(m_history_lock);   // last_change_time may take the answers
  if (m_early_times.valid()) {
    m_early_times.wait();
  }
}

std::vector<GitChangeSet::Job> GitChangeSet::early_jobs(const Repository& repository, const EarlyReads& early) const
{
  std::vector<Job> jobs;
  for (const auto& folder : early.folders) {
    for (const auto& change : repository.changes_below(m_range.base_sha, m_range.head_sha, folder).or_throw()) {
      if (!early.wanted(change.path)) {
        continue;
      }
      if (change.status != FileChange::Status::deleted) {
        jobs.push_back(Job{&m_head_documents, change.path, true, nullptr});
      }
      if (change.status != FileChange::Status::added) {
        jobs.push_back(Job{&m_base_documents, change.old_path, false, nullptr});
      }
    }
  }
  if (!jobs.empty()) {
    for (const auto& path : early.with_them) {
      jobs.push_back(Job{&m_head_documents, path, true, nullptr});
    }
  }
  return jobs;
}

void GitChangeSet::run_job(Job& job, const Repository& repository) const
{
  // A file there but unread (a partial clone's unfetchable object, a damaged one) stops the check:
  // taken as absent, it would pass a change that rewrote it.
  const FileText file = (job.head ? read_head_with(repository, job.path)
                                  : repository.read_blob(m_range.base_sha, job.path, m_limits.max_document_bytes))
                          .or_throw();
  if (file.present()) {
    job.document = build_document(job.path, file, m_limits);
  }
}

void GitChangeSet::keep_documents(std::vector<Job>& jobs)
{
  // A path with no content stays in the cache as absent, as head_document would leave it.
  for (auto& job : jobs) {
    job.cache->emplace(job.path, std::move(job.document));
  }
}

std::pair<int, int> GitChangeSet::line_counts(const FileChange& change) const
{
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
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

const Document* GitChangeSet::read_one(std::map<std::string, std::unique_ptr<Document>>& cache,
                                       const std::string& path, bool head) const
{
  if (const auto it = cache.find(path); it != cache.end()) {
    return it->second.get();
  }
  std::vector<Job> jobs;
  jobs.push_back(Job{&cache, path, head, nullptr});
  run_job(jobs.front(), m_repository);
  keep_documents(jobs);
  return cache.at(path).get();
}

Expected<FileText> GitChangeSet::read_head_with(const Repository& repository, const std::string& path) const
{
  return m_range.worktree ? repository.read_worktree(path, m_limits.max_document_bytes)
                          : repository.read_blob(m_range.head_sha, path, m_limits.max_document_bytes);
}

const std::vector<Repository>& GitChangeSet::helpers() const
{
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
  if (!m_helpers) {
    auto& helpers = m_helpers.emplace();
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    for (unsigned t = 0; t < cores && cores > 1; ++t) {
      auto handle = m_repository.open_again();
      if (!handle) {
        break;   // fewer threads, same result
      }
      helpers.push_back(std::move(*handle));
    }
  }
  return *m_helpers;
}

void GitChangeSet::prefetch(const std::vector<std::string>& head_paths, const std::vector<std::string>& base_paths) const
{
  // Read and parsed on every core, each thread with its own repository handle. The lock on the
  // caches is not held meanwhile, so that a rule running beside this one reads what is cached.
  std::vector<Job> jobs;
  {
    const std::lock_guard<std::recursive_mutex> guard(m_lock);
    std::set<std::pair<const void*, std::string>> queued;
    for (const auto& path : head_paths) {
      if (m_head_documents.count(path) == 0 && queued.emplace(&m_head_documents, path).second) {
        jobs.push_back(Job{&m_head_documents, path, true, nullptr});
      }
    }
    if (!m_range.base_sha.empty()) {
      for (const auto& path : base_paths) {
        if (m_base_documents.count(path) == 0 && queued.emplace(&m_base_documents, path).second) {
          jobs.push_back(Job{&m_base_documents, path, false, nullptr});
        }
      }
    }
    if (m_repository.is_partial_clone()) {
      // One fetch for what the clone lacks, rather than one per document as the reads find out.
      std::vector<std::string> head_wanted;
      std::vector<std::string> base_wanted;
      for (const auto& job : jobs) {
        (job.head ? head_wanted : base_wanted).push_back(job.path);
      }
      if (!m_range.worktree) {
        m_repository.fetch_missing(m_range.head_sha, head_wanted).or_throw();
      }
      if (!m_range.base_sha.empty()) {
        m_repository.fetch_missing(m_range.base_sha, base_wanted).or_throw();
      }
    }
    if (jobs.size() < k_parallel_from || helpers().size() < 2) {
      for (auto& job : jobs) {
        run_job(job, m_repository);
      }
      keep_documents(jobs);
      return;
    }
  }
  {
    const std::lock_guard<std::mutex> handles(m_helpers_lock);
    run_on_handles(jobs.size(), helpers(), [&](std::size_t i, const Repository& repository) { run_job(jobs[i], repository); });
  }
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
  keep_documents(jobs);   // a document another thread cached meanwhile stays: it is the same
}

void GitChangeSet::forget_documents(const std::set<std::string>& keep) const
{
  const std::lock_guard<std::mutex> history(m_history_lock);
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
  for (auto* cache : {&m_head_documents, &m_base_documents}) {
    std::erase_if(*cache, [&](const auto& cached) { return keep.count(cached.first) == 0; });
  }
  // The next last-change time asked is answered for the documents read from then on in one pass.
  m_batched = false;
}

const Document* GitChangeSet::base_document(const std::string& path) const
{
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
  if (m_range.base_sha.empty()) {
    return nullptr;
  }
  return read_one(m_base_documents, path, false);
}

bool GitChangeSet::head_document_ready(const std::string& path) const
{
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
  return m_head_documents.count(path) != 0;
}

const Document* GitChangeSet::head_document(const std::string& path) const
{
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
  return read_one(m_head_documents, path, true);
}

void GitChangeSet::visit_head_texts(const std::vector<std::string>& paths,
                                    const std::function<void(std::size_t, std::string_view)>& visit) const
{
  const auto read_and_visit = [&](std::size_t i, const Repository& repository) {
    const FileText file = read_head_with(repository, paths[i]).or_throw();
    if (file.state == FileText::State::text) {
      visit(i, file.text);   // an oversized file is reported where it is checked, not screened here
    }
  };
  if (paths.size() < k_parallel_from || helpers().size() < 2) {
    const std::lock_guard<std::recursive_mutex> guard(m_lock);   // the shared handle
    for (std::size_t i = 0; i < paths.size(); ++i) {
      read_and_visit(i, m_repository);
    }
    return;
  }
  // Read and visited on every core through the helper handles, each text dropped once visited;
  // the caches stay open to a rule running beside this one.
  const std::lock_guard<std::mutex> handles(m_helpers_lock);
  run_on_handles(paths.size(), helpers(), read_and_visit);
}

const std::vector<std::string>& GitChangeSet::head_files() const
{
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
  if (!m_head_files) {
    m_head_files = m_repository.list_files(m_range.head_sha, m_range.worktree).or_throw();
  }
  return *m_head_files;
}

bool GitChangeSet::head_exists(const std::string& path) const
{
  const std::lock_guard<std::recursive_mutex> guard(m_lock);
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
    const std::lock_guard<std::recursive_mutex> guard(m_lock);
    if (!m_uncommitted) {
      m_uncommitted.emplace();
      const auto uncommitted =
          m_repository.diff(m_range.head_sha, m_range.head_sha, true, Repository::LineCounts::no).or_throw();
      for (const auto& change : uncommitted) {
        if (!change.mode_only) {
          m_uncommitted->insert(change.path);
        }
      }
    }
    if (m_uncommitted->count(path) != 0) {
      return m_range.now;
    }
  }
  // The history is walked with a handle of its own, without the lock on the caches: over a long
  // range of a large folder it takes seconds, which a rule running beside this one would
  // otherwise spend waiting to read a document.
  const std::lock_guard<std::mutex> history(m_history_lock);
  const auto walk = [&](const auto& answer) {
    if (!m_history) {
      if (auto handle = m_repository.open_again()) {
        m_history.emplace(std::move(*handle));
      }
    }
    if (m_history) {
      return answer(*m_history);
    }
    const std::lock_guard<std::recursive_mutex> guard(m_lock);   // no handle of its own: the shared one
    return answer(m_repository);
  };
  auto& times = m_change_times ? *m_change_times : m_change_times.emplace();
  const auto keep = [&](const std::vector<std::string>& paths,
                        const std::unordered_map<std::string, std::int64_t>& found) {
    for (const auto& known : paths) {
      const auto it = found.find(known);
      times.emplace(known, it == found.end() ? std::nullopt : std::optional<std::int64_t>(it->second));
    }
  };
  if (m_early_times.valid()) {
    keep(m_early_paths, m_early_times.get());
  }
  if (!m_batched && times.count(path) == 0) {
    // Asked for one document, answer for every document this check read at head in one pass:
    // those are the documents the rules ask about.
    m_batched = true;
    std::vector<std::string> paths;
    {
      const std::lock_guard<std::recursive_mutex> guard(m_lock);
      paths.reserve(m_head_documents.size() + 1);
      for (const auto& [known, document] : m_head_documents) {
        if (times.count(known) == 0) {
          paths.push_back(known);
        }
      }
      if (m_head_documents.count(path) == 0) {
        paths.push_back(path);
      }
    }
    keep(paths, walk([&](const Repository& repository) {
      return repository.last_change_times(m_commits, paths).or_throw();
    }));
  }
  if (const auto it = times.find(path); it != times.end()) {
    return it->second;
  }
  const auto time = walk([&](const Repository& repository) {
    return repository.last_change_time(m_commits, path).or_throw();
  });
  times.emplace(path, time);
  return time;
}

} // namespace planck
