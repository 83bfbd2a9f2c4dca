#pragma once

#include "planck/model/document.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planck {

/// A commit of the checked range.
struct CommitInfo
{
  std::string sha;
  std::string summary;               // first line of the message
  std::string message;               // whole message
  std::int64_t author_time = 0;      // seconds since the epoch
  std::int64_t committer_time = 0;
  std::string committer_email;
  std::vector<std::pair<std::string, std::string>> trailers;  // in message order, e.g. {"Plan", "my-plan"}
  int parent_count = 1;
};

/// How the range changed one file.
struct FileChange
{
  enum class Status { added, modified, deleted, renamed, copied, type_changed };
  Status status = Status::modified;
  std::string path;          // path at head; for `deleted`, the path at base
  std::string old_path;      // path at base (differs from `path` for renames and copies)
  int additions = 0;         // changed lines, 0 for binary files; rules read them through
  int deletions = 0;         // ChangeSet::line_counts, which may count them only when asked
  bool binary = false;
  bool mode_only = false;    // `modified` in its mode alone (chmod +x): the content is the same
  bool same_blob = false;    // `renamed` or `copied` with the very blob it had (git's R100): set
                             // where both sides' object ids are known, between two commits
};

/// The two commits being compared and the times rules measure against.
struct RangeInfo
{
  std::string base_sha;      // the merge base of --base and --head (empty with --all and no base)
  std::string head_sha;
  std::int64_t head_committer_time = 0;
  std::int64_t base_committer_time = 0;   // of base_sha, when there is one
  std::int64_t now = 0;      // wall clock, UTC
  bool worktree = false;     // uncommitted changes are part of head
  bool all = false;          // every document is checked, whatever changed
};

/// What rules see: the range's commits and changes and the documents at base and head.
/// Implementations read lazily and cache; rules never touch git or cmark themselves.
class ChangeSet
{
public:
  virtual ~ChangeSet() = default;

  /// The commits and times of the range.
  virtual const RangeInfo& range() const = 0;

  /// Commits in the range, newest first (empty with --all and no base).
  virtual const std::vector<CommitInfo>& commits() const = 0;

  /// Files changed between base and head, renames detected.
  virtual const std::vector<FileChange>& changes() const = 0;

  /// Lines added and deleted by `change` (one of `changes()`), 0 and 0 for a binary file. Counting
  /// means diffing every changed blob, so a ChangeSet may defer it until a rule asks.
  virtual std::pair<int, int> line_counts(const FileChange& change) const
  {
    return {change.additions, change.deletions};
  }

  /// The parsed document at base for `path` (a base-side path), or null when it did not exist there.
  virtual const Document* base_document(const std::string& path) const = 0;

  /// The parsed document at head for `path`, or null when it does not exist there.
  virtual const Document* head_document(const std::string& path) const = 0;

  /// Says which documents are about to be read, so that an implementation can read and parse them
  /// together (in parallel) rather than one at a time on first use. A hint only: by default nothing.
  virtual void prefetch(const std::vector<std::string>& head_paths, const std::vector<std::string>& base_paths) const
  {
    (void)head_paths;
    (void)base_paths;
  }

  /// Lets go of the parsed documents, at head and at base, whose paths are not in `keep`: the rules
  /// are done with them. A later request reads and parses again. By default nothing is kept to
  /// let go of.
  virtual void forget_documents(const std::set<std::string>& keep) const { (void)keep; }

  /// True when every member function may be called from several threads at once, so that rules
  /// run side by side. By default false: the rules then run one after another.
  virtual bool shared_between_threads() const { return false; }

  /// True when head_document(path) would answer without reading anything: the document is
  /// parsed already. By default false: a rule that could read less asks this first.
  virtual bool head_document_ready(const std::string& path) const
  {
    (void)path;
    return false;
  }

  /// Calls `visit(i, text)` with the head text of every `paths[i]` that is a file at head, the
  /// texts unparsed and not kept: for rules that screen many documents before parsing a few.
  /// Calls may come from several threads at once and in any order: `visit` must only write to
  /// what belongs to `i`. By default, the head documents' lines, on this thread, binary and skipped
  /// documents left out.
  virtual void visit_head_texts(const std::vector<std::string>& paths,
                                const std::function<void(std::size_t, std::string_view)>& visit) const;

  /// True when `path` (a file or a directory) exists at head.
  virtual bool head_exists(const std::string& path) const = 0;

  /// Every file path at head, sorted.
  virtual const std::vector<std::string>& head_files() const = 0;

  /// The time of the newest commit in the range that changed `path` (now, for a work tree change).
  virtual std::optional<std::int64_t> last_change_time(const std::string& path) const = 0;

  /// The change that touched `path` (head path), or null when the range left it alone.
  const FileChange* change_for(const std::string& path) const;
};

} // namespace planck
