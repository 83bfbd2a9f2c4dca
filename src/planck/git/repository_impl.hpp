#pragma once

// What a `Repository` holds: its libgit2 handle, what it learnt when it was opened, and the
// operations its members share. Used only inside src/planck/git/, where repository.cpp (opening,
// revisions, blobs, files), history.cpp (commits, merge bases, last changes), shallow_history.cpp
// (a shallow clone's commit graph) and tree_diff.cpp (changes between trees) implement it.

#include "planck/git/handles.hpp"
#include "planck/git/repository.hpp"

#include <git2.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace planck {

namespace git {

/// How to give a shallow clone the history a check needs, for messages.
inline constexpr const char* k_fetch_hint =
    "fetch the full history with `git fetch --unshallow` (GitHub actions/checkout: `fetch-depth: 0`;"
    " GitLab CI: `GIT_DEPTH: 0`), or deepen it with `git fetch --deepen=N`";

/// The object id `id` as 40 hex digits.
std::string hex(const git_oid* id);

} // namespace git

struct Repository::Impl
{
  git::RepositoryPtr repo;
  std::string opened_from;   // the path given to discover, for open_again
  // The folders read_blob and folder_tree read from last, newest first. Reads come folder by
  // folder, often base and head in turn, and a plans folder of 20,000 files is a tree of a
  // megabyte that libgit2's object cache does not keep (it caches trees of up to 4 KiB): found
  // again for every blob, it was inflated and parsed again for every blob. A handle is used by
  // one thread at a time, so these need no lock.
  struct ReadFolder
  {
    std::string sha;
    std::string dir;
    git::TreePtr tree;
  };
  mutable std::vector<ReadFolder> read_folders;
  struct HeldTree
  {
    git_oid id{};
    git::TreePtr tree;
  };
  mutable std::vector<HeldTree> held_trees;
  static constexpr std::size_t k_held_folders = 4;
  bool shallow = false;
  std::unordered_set<std::string> boundary;  // commits listed in .git/shallow
  std::string promisor;                      // a partial clone's promisor remote; empty in a full clone

  // repository.cpp

  /// Why `revision` could not be read, libgit2 having answered `code`: ambiguous, damaged, missing
  /// from a shallow clone, an unborn branch, or unknown (with how to fetch a branch of that name).
  std::string unresolved_message(int code, const std::string& revision) const;

  /// libgit2's error code when `revision` names a reference whose object cannot be read (other than
  /// not found); 0 otherwise, revparse then answering for it.
  int unreadable_reference_target(const std::string& revision) const;

  /// The commit `revision` names, or why it names none.
  Expected<git::CommitPtr> lookup_commit(const std::string& revision) const;

  /// The tree of the commit `revision` names, or why it cannot be read.
  Expected<git::TreePtr> tree_of(const std::string& revision) const;

  /// The blob `id` (file `path` of commit `sha`, for messages), unread when git records more than
  /// `max_bytes` for it. Its size comes from the object's header, so an oversized blob is never
  /// inflated; a partial clone's missing blob is fetched from the promisor remote once.
  Expected<FileText> read_object(const git_oid& id, const std::string& path, const std::string& sha,
                                 std::uint64_t max_bytes) const;

  /// The tree of folder `dir` ("" for the root) in `root`, or null when `root` is null or has no
  /// folder there; a failure when a tree on the way cannot be read (missing or damaged), which must
  /// never read as an absent folder. The last few folder trees read are held, so a folder that two
  /// commits share is read once.
  Expected<git::TreePtr> folder_tree(git_tree* root, const std::string& dir) const;

  /// The tree of folder `dir` at commit `sha`, held for the next reads from the same folder (null
  /// when there is no such folder), or why the commit cannot be read.
  Expected<git_tree*> folder_at(const std::string& sha, const std::string& dir) const;

  // history.cpp

  /// The tree of commit `sha` and of its first parent, the parent's null for a root commit or one at
  /// a shallow clone's boundary (which counts as adding what it contains); a failure when either
  /// cannot be read.
  Expected<std::pair<git::TreePtr, git::TreePtr>> trees_of(const std::string& sha) const;

  /// The commits reachable from `head` and not from `base`, children before parents, as libgit2
  /// walks a full clone.
  Expected<std::vector<std::string>> libgit2_walk(const git_oid* base, const git_oid* head) const;

  // shallow_history.cpp

  /// Why a shallow clone holds no merge base of `a` and `b`, with how to fetch more history.
  std::string shallow_message_for(const std::string& a, const std::string& b) const;

  /// The merge base of revisions `a` and `b` (commits `a_sha` and `b_sha`) within a shallow clone:
  /// the newest of their best common ancestors, or why there is none.
  Expected<std::string> shallow_merge_base(const std::string& a, const std::string& b,
                                           const std::string& a_sha, const std::string& b_sha) const;

  /// The commits reachable from `head_sha` and not from `base_sha` within a shallow clone: children
  /// before parents, newest committer time first among the ready ones.
  Expected<std::vector<std::string>> shallow_walk(const std::string& base_sha, const std::string& head_sha) const;

  // tree_diff.cpp

  /// What the diff compares `base` with: the tree `head` (null: an empty tree), or the index and
  /// work tree.
  enum class DiffTo { tree, worktree };

  /// The changes from `base` to `to`, renames found when `find_renames`.
  Expected<git::DiffPtr> make_diff(git_tree* base, DiffTo to, git_tree* head, bool find_renames) const;

  /// True when `delta`, a modification, leaves the content as it was: chmod +x, or a staged change
  /// undone in the work tree. A work tree file whose id the diff left unknown is hashed as git would
  /// store it (filters applied), without writing anything.
  bool same_content(const git_diff_delta* delta) const;

  /// The changes `diff` holds, line counts read when `counts` is yes; a change back to what was
  /// there is left out, one of mode alone marked `mode_only`.
  Expected<std::vector<FileChange>> changes_of(git_diff* diff, LineCounts counts) const;
};

} // namespace planck
