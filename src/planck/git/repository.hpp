#pragma once

#include "planck/model/changeset.hpp"
#include "planck/util/error.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace planck {

inline constexpr std::uint64_t k_no_limit = ~std::uint64_t{0};

/// One file as a revision or the work tree holds it.
struct FileText
{
  enum class State
  {
    text,        // `text` holds it
    absent,      // no regular file there
    too_large,   // over the size asked for: `size` says how large, `text` is empty
  };
  State state = State::absent;
  std::string text;
  std::uint64_t size = 0;

  bool present() const { return state != State::absent; }
};

/// A git repository opened with libgit2, with everything `check` reads from it.
/// Reads only: never writes to the work tree, the index or a ref. In a partial clone, the objects
/// a check needs and the clone lacks are fetched into its object store, as git itself does.
class Repository
{
public:
  ~Repository();
  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;

  /// Opens the repository containing `path` (searching upwards), or says why it cannot.
  static Expected<Repository> discover(const std::string& path);

  /// Another handle on the same repository, for another thread: libgit2 objects and handles are
  /// not shared between threads, but two handles on one repository may be used at once.
  Expected<Repository> open_again() const;

  /// The work tree's root, absolute, without a trailing slash (empty for a bare repository).
  std::string workdir() const;

  /// True for a shallow clone.
  bool is_shallow() const;

  /// The full SHA of `revision`, or why it cannot be resolved; a shallow clone's message says how to fetch.
  Expected<std::string> resolve(const std::string& revision) const;

  /// The merge base of two commits, or why there is none (a shallow clone's message says how to fetch).
  Expected<std::string> merge_base(const std::string& a, const std::string& b) const;

  /// Commits reachable from `head` but not from `base`, newest first (first-parent order not implied).
  Expected<std::vector<CommitInfo>> commits_between(const std::string& base, const std::string& head) const;

  /// Whether `diff` counts each file's added and deleted lines: reading and diffing every changed blob,
  /// most of the cost of a diff.
  enum class LineCounts { no, yes };

  /// Tree changes from commit `base` to commit `head` (plus the work tree when `worktree`), renames found;
  /// `additions`, `deletions` and `binary` stay 0 and false unless `counts` is yes. A change of mode
  /// alone is `mode_only`; a work tree file back to its content and mode at `base` is no change.
  Expected<std::vector<FileChange>> diff(const std::string& base, const std::string& head, bool worktree,
                                         LineCounts counts = LineCounts::yes) const;

  /// The files below folder `dir` that differ between commits `base` and `head` (added, deleted or
  /// modified; renames are not looked for), with repository paths: a quick look at one folder.
  Expected<std::vector<FileChange>> changes_below(const std::string& base, const std::string& head,
                                                  const std::string& dir) const;

  /// The content of `path` in commit `sha`: absent when it is not a regular file there (missing, a
  /// folder, a symbolic link, a submodule); too large, unread, when git records more than
  /// `max_bytes` for it. A failure when the file is there but could not be read: its object is
  /// missing from the clone (a partial clone's are fetched from its promisor remote first, as git
  /// would), corrupt, or `sha` names no commit. A check never takes a failure for "absent".
  Expected<FileText> read_blob(const std::string& sha, const std::string& path,
                               std::uint64_t max_bytes = k_no_limit) const;

  /// The content of `path` in the work tree: absent when missing, a folder or a symbolic link
  /// (no link is followed, not even a linked folder); too large as read_blob. A failure when it is
  /// there but could not be read (permissions, I/O).
  Expected<FileText> read_worktree(const std::string& path, std::uint64_t max_bytes = k_no_limit) const;

  /// Whether objects may be missing by design: a partial clone (`git clone --filter`), whose
  /// promisor remote read_blob fetches them from.
  bool is_partial_clone() const;

  /// Fetches, in one request to the promisor remote, the objects of those `paths` in commit `sha`
  /// that a partial clone lacks, so that reading many of them does not cost a fetch each. Nothing
  /// to do (and success) in a full clone. A failure says why the fetch failed.
  Expected<std::size_t> fetch_missing(const std::string& sha, const std::vector<std::string>& paths) const;

  /// Every file path in commit `sha` (plus work tree additions, minus deletions, when `worktree`), sorted.
  Expected<std::vector<std::string>> list_files(const std::string& sha, bool worktree) const;

  /// The file paths of commit `sha` in the folders `descend(folder)` admits (the root always; a
  /// folder's subfolders only when it was admitted) whose names `keep(name)` admits, sorted: a
  /// listing that skips most of a large tree.
  Expected<std::vector<std::string>> list_files_where(const std::string& sha,
                                                      const std::function<bool(const std::string&)>& descend,
                                                      const std::function<bool(std::string_view)>& keep) const;

  /// The commit's committer time and parents.
  Expected<CommitInfo> commit_info(const std::string& sha) const;

  /// `last_change_time` for each of `paths` in one pass over `commits`: the paths whose content some
  /// commit changed, with the author time of the newest one; paths no commit changed are left out.
  /// A tree that cannot be read on the way is a failure: a path is never taken for unchanged, or
  /// for absent, because its folder could not be read.
  Expected<std::unordered_map<std::string, std::int64_t>>
  last_change_times(const std::vector<CommitInfo>& commits, const std::vector<std::string>& paths) const;

  /// The author time of the newest commit among `commits` (newest first) that changed `path`, compared
  /// with its first parent: its content or its kind (a file, a link, a folder), not its mode alone.
  Expected<std::optional<std::int64_t>> last_change_time(const std::vector<CommitInfo>& commits,
                                                         const std::string& path) const;

private:
  struct Impl;
  explicit Repository(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace planck
