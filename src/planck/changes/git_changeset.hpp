#pragma once

#include "planck/config/config.hpp"
#include "planck/git/repository.hpp"
#include "planck/model/changeset.hpp"

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace planck {

/// Documents to read and parse while the range is diffed, on another core: the files below
/// `folders` that `wanted` accepts and that differ between base and head (at base and at head),
/// and `with_them` at head whenever there is one. A hint: the same documents are read either way.
struct EarlyReads
{
  std::vector<std::string> folders;
  std::function<bool(const std::string&)> wanted;
  std::vector<std::string> with_them;
  // Also find when the range last changed each of those documents that `history` picks (those
  // last-synced will ask about), on a thread of their own as soon as they are read: on a long
  // range of a large plans folder the walk takes seconds, which the diff leaves a core free for.
  std::function<bool(const Document&)> history;
};

/// The ChangeSet of a real repository: range data read once, documents read and parsed on first use.
class GitChangeSet : public ChangeSet
{
public:
  /// Reads the range's commits and changes from `repository`; `range` holds the resolved SHAs and flags.
  /// Documents past `limits` are not parsed: they hold one problem saying which limit they passed.
  GitChangeSet(const Repository& repository, RangeInfo range, Limits limits, const EarlyReads& early = {});
  ~GitChangeSet() override;
  GitChangeSet(const GitChangeSet&) = delete;
  GitChangeSet& operator=(const GitChangeSet&) = delete;

  /// How many documents were read and parsed while the range was diffed (EarlyReads).
  std::size_t early_documents() const { return m_early_documents; }

  /// Waits for the history walk started early (EarlyReads::history), if one still runs: call it
  /// before ending the process without destroying the change set.
  void wait_for_history() const;

  /// How many documents the early walk of the history was started for (EarlyReads::history).
  std::size_t early_walked() const { return m_early_paths.size(); }

  const RangeInfo& range() const override { return m_range; }
  const std::vector<CommitInfo>& commits() const override { return m_commits; }
  const std::vector<FileChange>& changes() const override { return m_changes; }
  std::pair<int, int> line_counts(const FileChange& change) const override;
  const Document* base_document(const std::string& path) const override;
  const Document* head_document(const std::string& path) const override;
  void forget_documents(const std::set<std::string>& keep) const override;
  bool shared_between_threads() const override { return true; }
  bool head_document_ready(const std::string& path) const override;
  void visit_head_texts(const std::vector<std::string>& paths,
                        const std::function<void(std::size_t, std::string_view)>& visit) const override;
  void prefetch(const std::vector<std::string>& head_paths, const std::vector<std::string>& base_paths) const override;
  bool head_exists(const std::string& path) const override;
  const std::vector<std::string>& head_files() const override;
  std::optional<std::int64_t> last_change_time(const std::string& path) const override;

private:
  // A document to read and parse, and where it goes.
  struct Job
  {
    std::map<std::string, std::unique_ptr<Document>>* cache = nullptr;
    std::string path;
    bool head = true;
    std::unique_ptr<Document> document;
  };
  // The jobs for `early`: what changed below its folders, asked of `repository`.
  std::vector<Job> early_jobs(const Repository& repository, const EarlyReads& early) const;
  // Starts the early walk of the history (EarlyReads::history) for the documents of `jobs` at the
  // indices `done` that read at head and that `wanted` picks. Gives up quietly: the walk is only
  // ever done sooner than last_change_time would do it.
  void start_early_walk(const std::vector<Job>& jobs, const std::vector<std::size_t>& done,
                        const std::function<bool(const Document&)>& wanted) noexcept;
  // Reads and parses `job` with `repository`'s handle.
  void run_job(Job& job, const Repository& repository) const;
  // Moves the documents of finished jobs into their caches (a document already there stays).
  static void keep_documents(std::vector<Job>& jobs);
  // The cached document for `path` in `cache`, read and parsed with the shared handle on first use
  // (at head when `head`, else at base); null for a path with no content there.
  const Document* read_one(std::map<std::string, std::unique_ptr<Document>>& cache, const std::string& path,
                           bool head) const;
  Expected<FileText> read_head_with(const Repository& repository, const std::string& path) const;
  // Handles on the repository for the threads that read and parse on every core, one per core
  // (none on one core).
  const std::vector<Repository>& helpers() const;

  // Held by every member that reads the repository or fills a cache, so that rules running side
  // by side share them; recursive, because members call one another.
  mutable std::recursive_mutex m_lock;
  // Held while the helper handles read on every core (prefetch, visit_head_texts): one such
  // reading at a time, without the lock above, which guards the shared handle and the caches.
  mutable std::mutex m_helpers_lock;
  // Held while last_change_time walks the history (with m_history, a handle of its own) and
  // fills m_change_times; taken before m_lock, never after.
  mutable std::mutex m_history_lock;
  std::size_t m_early_documents = 0;
  const Repository& m_repository;
  RangeInfo m_range;
  Limits m_limits;
  std::vector<CommitInfo> m_commits;
  std::vector<FileChange> m_changes;
  mutable std::map<std::string, std::unique_ptr<Document>> m_base_documents;
  mutable std::map<std::string, std::unique_ptr<Document>> m_head_documents;
  mutable std::optional<std::vector<std::string>> m_head_files;
  mutable std::optional<std::vector<Repository>> m_helpers;
  mutable std::optional<Repository> m_history;
  // The early walk (EarlyReads::history): last-change times of the documents read early, found on
  // m_history; taken into m_change_times on first use.
  mutable std::vector<std::string> m_early_paths;
  mutable std::future<std::unordered_map<std::string, std::int64_t>> m_early_times;   // after what it reads
  mutable bool m_batched = false;   // every document read at head has been walked for
  mutable std::optional<std::set<std::string>> m_uncommitted;   // paths the work tree changes on top of head
  // Last-change times found so far, nothing for a path no commit of the range changed (guarded by
  // m_history_lock).
  mutable std::optional<std::unordered_map<std::string, std::optional<std::int64_t>>> m_change_times;
  mutable std::optional<std::map<std::pair<std::string, std::string>, std::pair<int, int>>> m_line_counts;
};

} // namespace planck
