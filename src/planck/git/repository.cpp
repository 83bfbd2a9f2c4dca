#include "planck/git/repository.hpp"

#include "planck/git/handles.hpp"
#include "planck/git/loose_backend.hpp"
#include "planck/git/promisor.hpp"

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace planck {

namespace {

const char* const k_fetch_hint =
    "fetch the full history with `git fetch --unshallow` (GitHub actions/checkout: `fetch-depth: 0`;"
    " GitLab CI: `GIT_DEPTH: 0`), or deepen it with `git fetch --deepen=N`";

std::string hex(const git_oid* id)
{
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof text, id);
  return text;
}

// The remote a partial clone fetches missing objects from (`extensions.partialClone`, or the first
// remote marked `promisor`), or empty in a full clone.
std::string promisor_remote(git_repository* repo)
{
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) < 0) {
    git_error_clear();
    return "";
  }
  const git::ConfigPtr config(raw);
  const char* value = nullptr;
  if (git_config_get_string(&value, config.get(), "extensions.partialclone") == 0 && value != nullptr &&
      value[0] != '\0') {
    return value;
  }
  git_error_clear();
  // Every entry, filtered here: libgit2's regex matching (pcre2) leaks its match data per call.
  git_config_iterator* raw_iterator = nullptr;
  if (git_config_iterator_new(&raw_iterator, config.get()) < 0) {
    git_error_clear();
    return "";
  }
  const git::ConfigIteratorPtr entries(raw_iterator);
  std::string remote;
  git_config_entry* entry = nullptr;
  while (remote.empty() && git_config_next(&entry, entries.get()) == 0) {
    const std::string_view name = entry->name;   // remote.<name>.promisor
    constexpr std::string_view prefix = "remote.";
    constexpr std::string_view suffix = ".promisor";
    int truth = 0;
    if (name.size() > prefix.size() + suffix.size() && name.substr(0, prefix.size()) == prefix &&
        name.substr(name.size() - suffix.size()) == suffix && git_config_parse_bool(&truth, entry->value) == 0 &&
        truth != 0) {
      remote = std::string(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
    }
  }
  git_error_clear();
  return remote;
}

bool looks_like_sha(const std::string& revision)
{
  return revision.size() >= 4 && revision.size() <= GIT_OID_HEXSZ &&
         std::all_of(revision.begin(), revision.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

bool looks_like_branch(const std::string& revision)
{
  if (revision.empty() || revision == "HEAD" || looks_like_sha(revision) || revision.front() == '-' ||
      revision.front() == '/' || revision.back() == '/' || revision.find("..") != std::string::npos) {
    return false;
  }
  return std::all_of(revision.begin(), revision.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '_' || c == '/' || c == '-';
  });
}

// Read from the configuration rather than with git_remote_lookup, which leaks in libgit2 1.5.
bool remote_exists(git_repository* repo, const std::string& name)
{
  git_config* raw_config = nullptr;
  if (git_repository_config_snapshot(&raw_config, repo) < 0) {
    return false;
  }
  git::ConfigPtr config(raw_config);
  git_config_entry* raw_entry = nullptr;
  const int code = git_config_get_entry(&raw_entry, config.get(), ("remote." + name + ".url").c_str());
  git::ConfigEntryPtr entry(raw_entry);
  return code == 0;
}

// "origin/main" is branch "main" of remote "origin"; anything else is taken from origin.
std::string branch_fetch_command(git_repository* repo, const std::string& revision)
{
  std::string remote = "origin";
  std::string branch = revision;
  const auto slash = revision.find('/');
  if (slash != std::string::npos && remote_exists(repo, revision.substr(0, slash))) {
    remote = revision.substr(0, slash);
    branch = revision.substr(slash + 1);
  }
  return "`git fetch " + remote + " " + branch + "`";
}

FileChange::Status status_of(git_delta_t status)
{
  switch (status) {
  case GIT_DELTA_ADDED:
  case GIT_DELTA_UNTRACKED:
    return FileChange::Status::added;
  case GIT_DELTA_DELETED:
    return FileChange::Status::deleted;
  case GIT_DELTA_RENAMED:
    return FileChange::Status::renamed;
  case GIT_DELTA_COPIED:
    return FileChange::Status::copied;
  case GIT_DELTA_TYPECHANGE:
    return FileChange::Status::type_changed;
  default:
    return FileChange::Status::modified;
  }
}

// A path of plain names: no empty, `.` or `..` component, no leading or trailing slash.
bool is_plain_path(std::string_view path)
{
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return false;
    }
    if (end == path.size()) {
      return true;
    }
    start = end + 1;
  }
}

bool is_regular_file_mode(git_filemode_t mode)
{
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

CommitInfo info_of(git_commit* commit)
{
  CommitInfo info;
  info.sha = hex(git_commit_id(commit));
  const char* summary = git_commit_summary(commit);
  info.summary = summary == nullptr ? "" : summary;
  const char* message = git_commit_message(commit);
  info.message = message == nullptr ? "" : message;
  info.author_time = git_commit_author(commit)->when.time;
  info.committer_time = git_commit_committer(commit)->when.time;
  info.parent_count = static_cast<int>(git_commit_parentcount(commit));
  git::Trailers trailers;
  if (git_message_trailers(trailers.get(), info.message.c_str()) == 0) {
    for (std::size_t i = 0; i < trailers.array().count; ++i) {
      const git_message_trailer& trailer = trailers.array().trailers[i];
      info.trailers.emplace_back(trailer.key, trailer.value);
    }
  }
  return info;
}

// A file mode with the executable bit dropped: chmod +x changes no document.
git_filemode_t content_kind(git_filemode_t mode)
{
  return mode == GIT_FILEMODE_BLOB_EXECUTABLE ? GIT_FILEMODE_BLOB : mode;
}

// An entry's identity in a tree: what a commit changed at a path, compared with its parent.
struct EntryId
{
  git_oid id{};
  git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
  bool operator==(const EntryId& other) const
  {
    return content_kind(mode) == content_kind(other.mode) && git_oid_equal(&id, &other.id) != 0;
  }
};

std::optional<EntryId> entry_at(git_tree* tree, const std::string& path)
{
  if (tree == nullptr || path.empty()) {
    return std::nullopt;
  }
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) < 0) {
    return std::nullopt;
  }
  git::TreeEntryPtr entry(raw);
  EntryId result;
  git_oid_cpy(&result.id, git_tree_entry_id(entry.get()));
  result.mode = git_tree_entry_filemode(entry.get());
  return result;
}

// The entry called `name` directly in `tree` (which may be null).
std::optional<EntryId> entry_named(const git_tree* tree, const std::string& name)
{
  if (tree == nullptr || name.empty()) {
    return std::nullopt;
  }
  const git_tree_entry* entry = git_tree_entry_byname(tree, name.c_str());
  if (entry == nullptr) {
    return std::nullopt;
  }
  EntryId result;
  git_oid_cpy(&result.id, git_tree_entry_id(entry));
  result.mode = git_tree_entry_filemode(entry);
  return result;
}

// The commit graph of a shallow clone as git sees it: a commit listed in .git/shallow has no
// parents, and parents missing from the object store are not followed. libgit2 1.5 does not
// honour .git/shallow and fails at the boundary, so shallow clones are walked here; they are
// small by construction, which makes whole-ancestry sets affordable.
class ShallowGraph
{
public:
  ShallowGraph(git_repository* repo, const std::unordered_set<std::string>& boundary)
      : m_repo(repo), m_boundary(boundary)
  {
  }

  const std::vector<std::string>& parents(const std::string& sha) { return node(sha).parents; }

  std::int64_t time(const std::string& sha) { return node(sha).time; }

  // Every commit reachable from `starts`, the starts included.
  std::unordered_set<std::string> ancestors(const std::vector<std::string>& starts)
  {
    std::unordered_set<std::string> seen;
    std::vector<std::string> pending = starts;
    while (!pending.empty()) {
      std::string sha = std::move(pending.back());
      pending.pop_back();
      if (!seen.insert(sha).second) {
        continue;
      }
      for (const auto& parent : parents(sha)) {
        if (seen.count(parent) == 0) {
          pending.push_back(parent);
        }
      }
    }
    return seen;
  }

private:
  struct Node
  {
    std::vector<std::string> parents;
    std::int64_t time = 0;
  };

  git::CommitPtr lookup(const std::string& sha) const
  {
    git_oid id;
    git_commit* raw = nullptr;
    if (git_oid_fromstr(&id, sha.c_str()) < 0 || git_commit_lookup(&raw, m_repo, &id) < 0) {
      return nullptr;
    }
    return git::CommitPtr(raw);
  }

  const Node& node(const std::string& sha)
  {
    auto found = m_nodes.find(sha);
    if (found != m_nodes.end()) {
      return found->second;
    }
    Node result;
    if (auto commit = lookup(sha)) {
      result.time = git_commit_time(commit.get());
      if (m_boundary.count(sha) == 0) {
        for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
          const std::string parent = hex(git_commit_parent_id(commit.get(), i));
          if (lookup(parent)) {
            result.parents.push_back(parent);
          }
        }
      }
    }
    return m_nodes.emplace(sha, std::move(result)).first->second;
  }

  git_repository* m_repo;
  const std::unordered_set<std::string>& m_boundary;
  std::unordered_map<std::string, Node> m_nodes;
};

} // namespace

struct Repository::Impl
{
  git::RepositoryPtr repo;
  std::string opened_from;   // the path given to discover, for open_again
  // The folder read_blob read from last: reads come folder by folder. A handle is used by one
  // thread at a time, so this needs no lock.
  struct
  {
    std::string sha;
    std::string dir;
    git::TreePtr tree;
  } read_folder;
  bool shallow = false;
  std::unordered_set<std::string> boundary;  // commits listed in .git/shallow
  std::string promisor;                      // a partial clone's promisor remote; empty in a full clone

  std::string unresolved_message(int code, const std::string& revision) const
  {
    if (code == GIT_EAMBIGUOUS) {
      return "ambiguous revision '" + revision + "': give more hex digits";
    }
    if (code != GIT_ENOTFOUND && code != GIT_EINVALIDSPEC) {
      // Found but not readable: a damaged object or pack, which no fetch of the name mends.
      return git::failure_message(code, "cannot read revision '" + revision + "'") +
             " (the repository is damaged; `git fsck` names what is wrong)";
    }
    const std::string branch_hint = looks_like_branch(revision)
                                        ? "; if it is a branch on the remote, fetch it with " +
                                              branch_fetch_command(repo.get(), revision)
                                        : "";
    if (shallow) {
      return "revision '" + revision + "' is not in this shallow clone: " + k_fetch_hint + branch_hint;
    }
    if (git_repository_is_empty(repo.get()) == 1) {
      return "unknown revision '" + revision + "': the repository has no commits yet";
    }
    if (revision.rfind("HEAD", 0) == 0 && git_repository_head_unborn(repo.get()) == 1) {
      return "unknown revision '" + revision + "': the current branch has no commits yet";
    }
    if (code == GIT_EINVALIDSPEC) {
      return "invalid revision '" + revision + "'";
    }
    return "unknown revision '" + revision + "'" + branch_hint;
  }

  // libgit2's error code when `revision` names a reference whose object cannot be read (other than
  // not found); 0 otherwise, revparse then answering for it.
  int unreadable_reference_target(const std::string& revision) const
  {
    git_reference* raw_reference = nullptr;
    if (git_reference_dwim(&raw_reference, repo.get(), revision.c_str()) < 0) {
      git_error_clear();
      return 0;
    }
    const git::ReferencePtr reference(raw_reference);
    git_reference* raw_resolved = nullptr;
    if (git_reference_resolve(&raw_resolved, reference.get()) < 0) {
      git_error_clear();
      return 0;
    }
    const git::ReferencePtr resolved(raw_resolved);
    const git_oid* target = git_reference_target(resolved.get());
    if (target == nullptr) {
      return 0;
    }
    git_object* raw_object = nullptr;
    const int code = git_object_lookup(&raw_object, repo.get(), target, GIT_OBJECT_ANY);
    git_object_free(raw_object);
    return code < 0 && code != GIT_ENOTFOUND ? code : 0;
  }

  Expected<git::CommitPtr> lookup_commit(const std::string& revision) const
  {
    if (revision.empty()) {
      return Expected<git::CommitPtr>::failure("empty revision");
    }
    // A name that is a reference is read here first: libgit2 1.5's revparse leaks the reference
    // it resolved when the object it points to cannot be read (a damaged repository).
    if (const int damaged = unreadable_reference_target(revision); damaged < 0) {
      return Expected<git::CommitPtr>::failure(unresolved_message(damaged, revision));
    }
    git_object* raw = nullptr;
    const int code = git_revparse_single(&raw, repo.get(), revision.c_str());
    git::ObjectPtr object(raw);
    if (code < 0) {
      return Expected<git::CommitPtr>::failure(unresolved_message(code, revision));
    }
    git_object* raw_peeled = nullptr;
    const int peel_code = git_object_peel(&raw_peeled, object.get(), GIT_OBJECT_COMMIT);
    git::ObjectPtr peeled(raw_peeled);
    git_commit* commit = nullptr;
    if (peel_code < 0 || git_commit_lookup(&commit, repo.get(), git_object_id(peeled.get())) < 0) {
      return Expected<git::CommitPtr>::failure("revision '" + revision + "' does not name a commit");
    }
    return git::CommitPtr(commit);
  }

  Expected<git::TreePtr> tree_of(const std::string& revision) const
  {
    auto commit = lookup_commit(revision);
    if (!commit) {
      return Expected<git::TreePtr>::failure(commit.error());
    }
    git_tree* tree = nullptr;
    const int code = git_commit_tree(&tree, commit->get());
    if (code < 0) {
      return Expected<git::TreePtr>::failure(git::failure_message(code, "cannot read the tree of '" + revision + "'"));
    }
    return git::TreePtr(tree);
  }

  // The tree of commit `sha` and of its first parent, the parent's null for a root commit or one at
  // a shallow clone's boundary (which counts as adding what it contains); nothing when `sha` cannot
  // be read.
  std::optional<std::pair<git::TreePtr, git::TreePtr>> trees_of(const std::string& sha) const
  {
    auto commit = lookup_commit(sha);
    if (!commit) {
      return std::nullopt;
    }
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, commit->get()) < 0) {
      return std::nullopt;
    }
    std::pair<git::TreePtr, git::TreePtr> trees{git::TreePtr(raw_tree), git::TreePtr()};
    if (git_commit_parentcount(commit->get()) > 0 && boundary.count(sha) == 0) {
      git_commit* raw_parent = nullptr;
      if (git_commit_parent(&raw_parent, commit->get(), 0) == 0) {
        git::CommitPtr parent(raw_parent);
        git_tree* raw_parent_tree = nullptr;
        if (git_commit_tree(&raw_parent_tree, parent.get()) == 0) {
          trees.second.reset(raw_parent_tree);
        }
      }
    }
    return trees;
  }

  // The tree of folder `dir` ("" for the root) in `root`, or null when `root` is null or has no
  // folder there.
  // The blob `id` (file `path` of commit `sha`, for messages), unread when git records more than
  // `max_bytes` for it. Its size comes from the object's header, so an oversized blob is never
  // inflated; a partial clone's missing blob is fetched from the promisor remote once.
  Expected<FileText> read_object(const git_oid& id, const std::string& path, const std::string& sha,
                                 std::uint64_t max_bytes) const
  {
    git_odb* raw_odb = nullptr;
    if (const int code = git_repository_odb(&raw_odb, repo.get()); code < 0) {
      return Expected<FileText>::failure(git::failure_message(code, "cannot open the object database"));
    }
    const git::OdbPtr odb(raw_odb);
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    int code = git_odb_read_header(&size, &type, odb.get(), &id);
    if (code == GIT_ENOTFOUND) {
      // Another handle may have fetched it meanwhile; failing that, a partial clone fetches it.
      git_odb_refresh(odb.get());
      code = git_odb_read_header(&size, &type, odb.get(), &id);
      if (code == GIT_ENOTFOUND && !promisor.empty()) {
        const std::string failed = git::fetch_objects(git_repository_path(repo.get()), promisor, {hex(&id)});
        if (!failed.empty()) {
          return Expected<FileText>::failure(fmt::format(
            "cannot read {} at {}: this partial clone lacks it, and {}; fetch the history the check "
            "needs, or clone without --filter",
            path, sha.substr(0, 12), failed));
        }
        git_odb_refresh(odb.get());
        code = git_odb_read_header(&size, &type, odb.get(), &id);
      }
    }
    if (code == GIT_ENOTFOUND) {
      return Expected<FileText>::failure(fmt::format(
        "cannot read {} at {}: its object {} is missing from this repository{}", path, sha.substr(0, 12),
        hex(&id).substr(0, 12),
        promisor.empty() ? " (run `git fsck`; a clone made with --filter needs its promisor remote)"
                         : " even after fetching it from '" + promisor + "'"));
    }
    const auto damaged = [&](int error) {
      return Expected<FileText>::failure(git::failure_message(
        error, fmt::format("cannot read {} at {}: its object {} is damaged", path, sha.substr(0, 12),
                           hex(&id).substr(0, 12))));
    };
    if (code < 0 || type != GIT_OBJECT_BLOB) {
      return damaged(code < 0 ? code : GIT_EINVALID);
    }
    if (size > max_bytes) {
      return FileText{FileText::State::too_large, {}, size};
    }
    git_odb_object* raw_object = nullptr;
    if (const int read = git_odb_read(&raw_object, odb.get(), &id); read < 0) {
      return damaged(read);
    }
    const git::OdbObjectPtr object(raw_object);
    const auto* data = static_cast<const char*>(git_odb_object_data(object.get()));
    const std::size_t length = git_odb_object_size(object.get());
    return FileText{FileText::State::text, std::string(data, length), length};
  }

  git::TreePtr folder_tree(git_tree* root, const std::string& dir) const
  {
    if (root == nullptr) {
      return {};
    }
    git_oid id;
    if (dir.empty()) {
      git_oid_cpy(&id, git_tree_id(root));
    } else {
      git_tree_entry* raw = nullptr;
      if (git_tree_entry_bypath(&raw, root, dir.c_str()) < 0) {
        return {};
      }
      git::TreeEntryPtr entry(raw);
      if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
        return {};
      }
      git_oid_cpy(&id, git_tree_entry_id(entry.get()));
    }
    git_tree* tree = nullptr;
    if (git_tree_lookup(&tree, repo.get(), &id) < 0) {
      return {};
    }
    return git::TreePtr(tree);
  }

  // What the diff compares `base` with: the tree `head` (null: an empty tree), or the index and
  // work tree.
  enum class DiffTo { tree, worktree };

  // The changes from `base` to `to`, renames found when `find_renames`.
  Expected<git::DiffPtr> make_diff(git_tree* base, DiffTo to, git_tree* head, bool find_renames) const
  {
    git_diff_options options;
    git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
    options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE;
    git_diff* raw = nullptr;
    int code = 0;
    if (to == DiffTo::worktree) {
      if (git_repository_is_bare(repo.get()) == 1) {
        return Expected<git::DiffPtr>::failure("the repository is bare: there is no work tree to check");
      }
      options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
      // A submodule counts when its recorded commit moves, not for edits inside it.
      options.ignore_submodules = GIT_SUBMODULE_IGNORE_DIRTY;
      code = git_diff_tree_to_workdir_with_index(&raw, repo.get(), base, &options);
    } else {
      code = git_diff_tree_to_tree(&raw, repo.get(), base, head, &options);
    }
    git::DiffPtr diff(raw);
    if (code < 0) {
      return Expected<git::DiffPtr>::failure(git::failure_message(code, "cannot compute the diff"));
    }
    if (find_renames) {
      git_diff_find_options find;
      git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
      find.flags = GIT_DIFF_FIND_RENAMES;
      if (to == DiffTo::worktree) {
        find.flags |= GIT_DIFF_FIND_FOR_UNTRACKED;
      }
      find.rename_threshold = 50;
      code = git_diff_find_similar(diff.get(), &find);
      if (code < 0) {
        return Expected<git::DiffPtr>::failure(git::failure_message(code, "cannot detect renames"));
      }
    }
    return diff;
  }

  // True when `delta`, a modification, leaves the content as it was: chmod +x, or a staged change
  // undone in the work tree. A work tree file whose id the diff left unknown is hashed as git would
  // store it (filters applied), without writing anything.
  bool same_content(const git_diff_delta* delta) const
  {
    if (delta->status != GIT_DELTA_MODIFIED || (delta->old_file.flags & GIT_DIFF_FLAG_VALID_ID) == 0
        || delta->new_file.path == nullptr) {
      return false;
    }
    git_oid id = delta->new_file.id;
    if ((delta->new_file.flags & GIT_DIFF_FLAG_VALID_ID) == 0
        && (git_repository_is_bare(repo.get()) == 1
            || git_repository_hashfile(&id, repo.get(), delta->new_file.path, GIT_OBJECT_BLOB, nullptr) < 0)) {
      return false;
    }
    return git_oid_equal(&id, &delta->old_file.id) != 0;
  }

  Expected<std::vector<FileChange>> changes_of(git_diff* diff, LineCounts counts) const
  {
    std::vector<FileChange> changes;
    const std::size_t count = git_diff_num_deltas(diff);
    for (std::size_t i = 0; i < count; ++i) {
      const git_diff_delta* delta = git_diff_get_delta(diff, i);
      if (delta->status == GIT_DELTA_UNMODIFIED || delta->status == GIT_DELTA_IGNORED) {
        continue;
      }
      FileChange change;
      change.status = status_of(delta->status);
      change.old_path = delta->old_file.path == nullptr ? "" : delta->old_file.path;
      change.path = change.status == FileChange::Status::deleted || delta->new_file.path == nullptr
                        ? change.old_path
                        : std::string(delta->new_file.path);
      const bool submodule = delta->old_file.mode == GIT_FILEMODE_COMMIT || delta->new_file.mode == GIT_FILEMODE_COMMIT;
      if (!submodule && same_content(delta)) {
        if (delta->old_file.mode == delta->new_file.mode) {
          continue;   // no change after all
        }
        change.mode_only = true;
      }
      if (!submodule && counts == LineCounts::yes) {
        git_patch* raw = nullptr;
        const int code = git_patch_from_diff(&raw, diff, i);
        git::PatchPtr patch(raw);
        if (code < 0) {
          return Expected<std::vector<FileChange>>::failure(
              git::failure_message(code, "cannot compare the versions of '" + change.path + "'"));
        }
        const git_diff_delta* loaded = patch ? git_patch_get_delta(patch.get()) : git_diff_get_delta(diff, i);
        change.binary = (loaded->flags & GIT_DIFF_FLAG_BINARY) != 0;
        if (patch && !change.binary) {
          std::size_t context = 0;
          std::size_t additions = 0;
          std::size_t deletions = 0;
          git_patch_line_stats(&context, &additions, &deletions, patch.get());
          change.additions = static_cast<int>(additions);
          change.deletions = static_cast<int>(deletions);
        }
      }
      changes.push_back(std::move(change));
    }
    return changes;
  }

  std::string shallow_message_for(const std::string& a, const std::string& b) const
  {
    return "no merge base of '" + a + "' and '" + b + "' in this shallow clone: " + k_fetch_hint;
  }

  Expected<std::string> shallow_merge_base(const std::string& a, const std::string& b,
                                           const std::string& a_sha, const std::string& b_sha) const
  {
    ShallowGraph graph(repo.get(), boundary);
    const auto from_a = graph.ancestors({a_sha});
    const auto from_b = graph.ancestors({b_sha});
    std::vector<std::string> common;
    for (const auto& sha : from_a) {
      if (from_b.count(sha) != 0) {
        common.push_back(sha);
      }
    }
    if (common.empty()) {
      return Expected<std::string>::failure(shallow_message_for(a, b));
    }
    std::vector<std::string> below;
    for (const auto& sha : common) {
      const auto& parents = graph.parents(sha);
      below.insert(below.end(), parents.begin(), parents.end());
    }
    const auto redundant = graph.ancestors(below);
    std::string best;
    for (const auto& sha : common) {
      if (redundant.count(sha) != 0) {
        continue;
      }
      if (best.empty() || std::make_pair(graph.time(sha), sha) > std::make_pair(graph.time(best), best)) {
        best = sha;
      }
    }
    return best;
  }

  // Children before parents, newest committer time first among the ready ones.
  Expected<std::vector<std::string>> shallow_walk(const std::string& base_sha, const std::string& head_sha) const
  {
    ShallowGraph graph(repo.get(), boundary);
    const auto hidden = graph.ancestors({base_sha});
    std::unordered_set<std::string> wanted;
    for (const auto& sha : graph.ancestors({head_sha})) {
      if (hidden.count(sha) == 0) {
        wanted.insert(sha);
      }
    }
    std::unordered_map<std::string, int> waiting_children;
    for (const auto& sha : wanted) {
      for (const auto& parent : graph.parents(sha)) {
        if (wanted.count(parent) != 0) {
          ++waiting_children[parent];
        }
      }
    }
    using Item = std::pair<std::int64_t, std::string>;
    std::priority_queue<Item> ready;
    for (const auto& sha : wanted) {
      if (waiting_children[sha] == 0) {
        ready.emplace(graph.time(sha), sha);
      }
    }
    std::vector<std::string> order;
    while (!ready.empty()) {
      const std::string sha = ready.top().second;
      ready.pop();
      order.push_back(sha);
      for (const auto& parent : graph.parents(sha)) {
        if (wanted.count(parent) != 0 && --waiting_children[parent] == 0) {
          ready.emplace(graph.time(parent), parent);
        }
      }
    }
    return order;
  }

  Expected<std::vector<std::string>> libgit2_walk(const git_oid* base, const git_oid* head) const
  {
    git_revwalk* raw = nullptr;
    int code = git_revwalk_new(&raw, repo.get());
    git::RevwalkPtr walk(raw);
    if (code < 0) {
      return Expected<std::vector<std::string>>::failure(git::failure_message(code, "cannot walk the history"));
    }
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if ((code = git_revwalk_push(walk.get(), head)) < 0 || (code = git_revwalk_hide(walk.get(), base)) < 0) {
      return Expected<std::vector<std::string>>::failure(git::failure_message(code, "cannot walk the history"));
    }
    std::vector<std::string> order;
    git_oid id;
    while ((code = git_revwalk_next(&id, walk.get())) == 0) {
      order.push_back(hex(&id));
    }
    if (code != GIT_ITEROVER) {
      return Expected<std::vector<std::string>>::failure(git::failure_message(code, "cannot walk the history"));
    }
    return order;
  }
};

Repository::Repository(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Repository::~Repository() = default;
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;

Expected<Repository> Repository::discover(const std::string& path)
{
  git::ensure_libgit2();
  git_repository* raw = nullptr;
  const int code = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  git::RepositoryPtr repo(raw);
  if (code == GIT_ENOTFOUND) {
    return Expected<Repository>::failure("not a git repository (or any of its parents): " + path);
  }
  if (code < 0) {
    return Expected<Repository>::failure(git::failure_message(code, "cannot open the git repository at " + path));
  }
  auto impl = std::make_unique<Impl>();
  impl->shallow = git_repository_is_shallow(repo.get()) == 1;
  if (impl->shallow) {
    std::ifstream list(std::filesystem::path(git_repository_commondir(repo.get())) / "shallow");
    for (std::string line; std::getline(list, line);) {
      if (line.size() >= GIT_OID_HEXSZ) {
        impl->boundary.insert(line.substr(0, GIT_OID_HEXSZ));
      }
    }
  }
  if (const int guarded = git::guard_loose_objects(repo.get()); guarded < 0) {
    return Expected<Repository>::failure(git::failure_message(guarded, "cannot open the object database of " + path));
  }
  impl->promisor = promisor_remote(repo.get());
  impl->repo = std::move(repo);
  impl->opened_from = path;
  return Repository(std::move(impl));
}

Expected<Repository> Repository::open_again() const
{
  return discover(m_impl->opened_from);
}

std::string Repository::workdir() const
{
  const char* path = git_repository_workdir(m_impl->repo.get());
  if (path == nullptr) {
    return "";
  }
  std::string result = path;
  while (result.size() > 1 && result.back() == '/') {
    result.pop_back();
  }
  return result;
}

bool Repository::is_shallow() const
{
  return m_impl->shallow;
}

Expected<std::string> Repository::resolve(const std::string& revision) const
{
  auto commit = m_impl->lookup_commit(revision);
  if (!commit) {
    return Expected<std::string>::failure(commit.error());
  }
  return hex(git_commit_id(commit->get()));
}

Expected<std::string> Repository::merge_base(const std::string& a, const std::string& b) const
{
  auto a_commit = m_impl->lookup_commit(a);
  if (!a_commit) {
    return Expected<std::string>::failure(a_commit.error());
  }
  auto b_commit = m_impl->lookup_commit(b);
  if (!b_commit) {
    return Expected<std::string>::failure(b_commit.error());
  }
  const git_oid* a_id = git_commit_id(a_commit->get());
  const git_oid* b_id = git_commit_id(b_commit->get());
  if (m_impl->shallow) {
    return m_impl->shallow_merge_base(a, b, hex(a_id), hex(b_id));
  }
  git_oid base;
  const int code = git_merge_base(&base, m_impl->repo.get(), a_id, b_id);
  if (code == GIT_ENOTFOUND) {
    return Expected<std::string>::failure("no common ancestor between '" + a + "' and '" + b +
                                          "' (unrelated histories)");
  }
  if (code < 0) {
    return Expected<std::string>::failure(
        git::failure_message(code, "cannot find the merge base of '" + a + "' and '" + b + "'"));
  }
  return hex(&base);
}

Expected<std::vector<CommitInfo>> Repository::commits_between(const std::string& base, const std::string& head) const
{
  std::vector<CommitInfo> commits;
  if (base.empty()) {
    return commits;
  }
  auto base_commit = m_impl->lookup_commit(base);
  if (!base_commit) {
    return Expected<std::vector<CommitInfo>>::failure(base_commit.error());
  }
  auto head_commit = m_impl->lookup_commit(head);
  if (!head_commit) {
    return Expected<std::vector<CommitInfo>>::failure(head_commit.error());
  }
  const git_oid* base_id = git_commit_id(base_commit->get());
  const git_oid* head_id = git_commit_id(head_commit->get());
  auto order = m_impl->shallow ? m_impl->shallow_walk(hex(base_id), hex(head_id))
                               : m_impl->libgit2_walk(base_id, head_id);
  if (!order) {
    return Expected<std::vector<CommitInfo>>::failure(order.error());
  }
  for (const auto& sha : *order) {
    auto commit = m_impl->lookup_commit(sha);
    if (!commit) {
      return Expected<std::vector<CommitInfo>>::failure(commit.error());
    }
    commits.push_back(info_of(commit->get()));
  }
  return commits;
}

Expected<std::vector<FileChange>> Repository::diff(const std::string& base, const std::string& head, bool worktree,
                                                   LineCounts counts) const
{
  if (base.empty()) {
    return std::vector<FileChange>{};
  }
  auto base_tree = m_impl->tree_of(base);
  if (!base_tree) {
    return Expected<std::vector<FileChange>>::failure(base_tree.error());
  }
  // The work tree already sits on top of head, so base-to-work-tree covers both the range and
  // the uncommitted changes.
  git::TreePtr head_tree;
  if (!worktree) {
    auto tree = m_impl->tree_of(head);
    if (!tree) {
      return Expected<std::vector<FileChange>>::failure(tree.error());
    }
    head_tree = std::move(*tree);
  }
  auto diff = m_impl->make_diff(base_tree->get(), worktree ? Impl::DiffTo::worktree : Impl::DiffTo::tree,
                                head_tree.get(), true);
  if (!diff) {
    return Expected<std::vector<FileChange>>::failure(diff.error());
  }
  return m_impl->changes_of(diff->get(), counts);
}

Expected<std::vector<FileChange>> Repository::changes_below(const std::string& base, const std::string& head,
                                                            const std::string& dir) const
{
  auto base_root = m_impl->tree_of(base);
  if (!base_root) {
    return Expected<std::vector<FileChange>>::failure(base_root.error());
  }
  auto head_root = m_impl->tree_of(head);
  if (!head_root) {
    return Expected<std::vector<FileChange>>::failure(head_root.error());
  }
  // A folder missing on one side is an empty tree to libgit2.
  const git::TreePtr before = m_impl->folder_tree(base_root->get(), dir);
  const git::TreePtr after = m_impl->folder_tree(head_root->get(), dir);
  if (!before && !after) {
    return std::vector<FileChange>{};
  }
  auto diff = m_impl->make_diff(before.get(), Impl::DiffTo::tree, after.get(), false);
  if (!diff) {
    return Expected<std::vector<FileChange>>::failure(diff.error());
  }
  auto changes = m_impl->changes_of(diff->get(), LineCounts::no);
  if (changes && !dir.empty()) {
    for (auto& change : *changes) {
      change.path = dir + "/" + change.path;
      change.old_path = dir + "/" + change.old_path;
    }
  }
  return changes;
}

Expected<FileText> Repository::read_blob(const std::string& sha, const std::string& path, std::uint64_t max_bytes) const
{
  if (path.empty()) {
    return FileText{};
  }
  git_oid id;
  git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
  if (is_plain_path(path)) {
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    // Reads come folder by folder (a plans folder of thousands of files): the folder's tree is
    // held here instead of being found again, through libgit2's small cache, for every blob.
    auto& folder = m_impl->read_folder;
    if (!folder.tree || folder.sha != sha || folder.dir != dir) {
      auto root = m_impl->tree_of(sha);
      if (!root) {
        return Expected<FileText>::failure(root.error());
      }
      folder.sha = sha;
      folder.dir = dir;
      folder.tree = m_impl->folder_tree(root->get(), dir);
    }
    const git_tree_entry* entry = folder.tree ? git_tree_entry_byname(folder.tree.get(), name.c_str()) : nullptr;
    if (entry == nullptr) {
      return FileText{};
    }
    git_oid_cpy(&id, git_tree_entry_id(entry));
    mode = git_tree_entry_filemode(entry);
  } else {
    auto tree = m_impl->tree_of(sha);
    if (!tree) {
      return Expected<FileText>::failure(tree.error());
    }
    git_tree_entry* raw_entry = nullptr;
    if (git_tree_entry_bypath(&raw_entry, tree->get(), path.c_str()) < 0) {
      return FileText{};
    }
    git::TreeEntryPtr entry(raw_entry);
    git_oid_cpy(&id, git_tree_entry_id(entry.get()));
    mode = git_tree_entry_filemode(entry.get());
  }
  // Symbolic links are never followed: a linked plan could point anywhere.
  if (!is_regular_file_mode(mode)) {
    return FileText{};
  }
  return m_impl->read_object(id, path, sha, max_bytes);
}

Expected<FileText> Repository::read_worktree(const std::string& path, std::uint64_t max_bytes) const
{
  const std::string root = workdir();
  const std::filesystem::path relative(path);
  if (root.empty() || path.empty() || relative.is_absolute()) {
    return FileText{};
  }
  // Walk component by component so that no symbolic link, not even a linked folder, is followed.
  std::filesystem::path current(root);
  std::filesystem::file_status status;
  bool any = false;
  for (const auto& part : relative) {
    const std::string name = part.string();
    if (name.empty() || name == ".") {
      continue;
    }
    if (name == ".." || name == ".git") {
      return FileText{};
    }
    current /= part;
    std::error_code error;
    status = std::filesystem::symlink_status(current, error);
    if (error && error != std::errc::no_such_file_or_directory && error != std::errc::not_a_directory) {
      return Expected<FileText>::failure(fmt::format("cannot read {} in the work tree: {}", path, error.message()));
    }
    if (error || std::filesystem::is_symlink(status)) {
      return FileText{};
    }
    any = true;
  }
  if (!any || !std::filesystem::is_regular_file(status)) {
    return FileText{};
  }
  std::error_code error;
  const auto size = std::filesystem::file_size(current, error);
  if (!error && size > max_bytes) {
    return FileText{FileText::State::too_large, {}, size};
  }
  std::ifstream in(current, std::ios::binary);
  if (!in) {
    return Expected<FileText>::failure(fmt::format("cannot read {} in the work tree: {}", path,
                                                   std::error_code(errno, std::generic_category()).message()));
  }
  FileText file{FileText::State::text, {}, 0};
  // Read no more than the limit allows, whatever the file grows to meanwhile.
  const std::uint64_t cap = max_bytes == k_no_limit ? k_no_limit : max_bytes + 1;
  char buffer[65536];
  while (in && file.text.size() < cap) {
    in.read(buffer, static_cast<std::streamsize>(std::min<std::uint64_t>(sizeof buffer, cap - file.text.size())));
    file.text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return Expected<FileText>::failure(fmt::format("cannot read {} in the work tree: an I/O error", path));
  }
  file.size = file.text.size();
  if (file.size > max_bytes) {
    return FileText{FileText::State::too_large, {}, file.size};
  }
  return file;
}

bool Repository::is_partial_clone() const
{
  return !m_impl->promisor.empty();
}

Expected<std::size_t> Repository::fetch_missing(const std::string& sha, const std::vector<std::string>& paths) const
{
  if (m_impl->promisor.empty() || paths.empty()) {
    return std::size_t{0};
  }
  auto tree = m_impl->tree_of(sha);
  if (!tree) {
    return Expected<std::size_t>::failure(tree.error());
  }
  git_odb* raw_odb = nullptr;
  if (const int code = git_repository_odb(&raw_odb, m_impl->repo.get()); code < 0) {
    return Expected<std::size_t>::failure(git::failure_message(code, "cannot open the object database"));
  }
  const git::OdbPtr odb(raw_odb);
  std::vector<std::string> missing;
  std::string first_missing;
  for (const auto& path : paths) {
    git_tree_entry* raw_entry = nullptr;
    if (git_tree_entry_bypath(&raw_entry, tree->get(), path.c_str()) < 0) {
      git_error_clear();
      continue;   // not in this commit: nothing to fetch
    }
    const git::TreeEntryPtr entry(raw_entry);
    if (is_regular_file_mode(git_tree_entry_filemode(entry.get())) &&
        git_odb_exists(odb.get(), git_tree_entry_id(entry.get())) == 0) {
      missing.push_back(hex(git_tree_entry_id(entry.get())));
      if (first_missing.empty()) {
        first_missing = path;
      }
    }
  }
  if (missing.empty()) {
    return std::size_t{0};
  }
  if (const std::string failed = git::fetch_objects(git_repository_path(m_impl->repo.get()), m_impl->promisor, missing);
      !failed.empty()) {
    return Expected<std::size_t>::failure(
      fmt::format("cannot read {}{} at {}: this partial clone lacks {}, and {}; fetch the history the check "
                  "needs, or clone without --filter",
                  first_missing, missing.size() == 1 ? "" : fmt::format(" and {} more", missing.size() - 1),
                  sha.substr(0, 12), missing.size() == 1 ? "it" : "them", failed));
  }
  git_odb_refresh(odb.get());
  return missing.size();
}

Expected<std::vector<std::string>> Repository::list_files_where(
  const std::string& sha, const std::function<bool(const std::string&)>& descend,
  const std::function<bool(std::string_view)>& keep) const
{
  auto tree = m_impl->tree_of(sha);
  if (!tree) {
    return Expected<std::vector<std::string>>::failure(tree.error());
  }
  struct Walk
  {
    const std::function<bool(const std::string&)>& descend;
    const std::function<bool(std::string_view)>& keep;
    std::vector<std::string> files;
  } walk{descend, keep, {}};
  const auto visit = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    auto& state = *static_cast<Walk*>(payload);
    try {
      const char* name = git_tree_entry_name(entry);
      if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
        return state.descend(std::string(root) + name) ? 0 : 1;   // 1: skip this folder's contents
      }
      if (state.keep(name)) {
        state.files.push_back(std::string(root) + name);
      }
    } catch (...) {
      return -1;  // an exception must not cross libgit2's C frames
    }
    return 0;
  };
  const int code = git_tree_walk(tree->get(), GIT_TREEWALK_PRE, visit, &walk);
  if (code < 0) {
    return Expected<std::vector<std::string>>::failure(git::failure_message(code, "cannot list the files of '" + sha + "'"));
  }
  std::sort(walk.files.begin(), walk.files.end());
  return walk.files;
}

Expected<std::vector<std::string>> Repository::list_files(const std::string& sha, bool worktree) const
{
  auto tree = m_impl->tree_of(sha);
  if (!tree) {
    return Expected<std::vector<std::string>>::failure(tree.error());
  }
  // A sorted vector, not a set: a large tree's listing is held for the whole check.
  std::vector<std::string> files;
  const auto collect = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      return 0;
    }
    try {
      static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) + git_tree_entry_name(entry));
    } catch (...) {
      return -1;  // an exception must not cross libgit2's C frames
    }
    return 0;
  };
  const int code = git_tree_walk(tree->get(), GIT_TREEWALK_PRE, collect, &files);
  if (code < 0) {
    return Expected<std::vector<std::string>>::failure(git::failure_message(code, "cannot list the files of '" + sha + "'"));
  }
  if (worktree) {
    auto diff = m_impl->make_diff(tree->get(), Impl::DiffTo::worktree, nullptr, false);
    if (!diff) {
      return Expected<std::vector<std::string>>::failure(diff.error());
    }
    const std::size_t count = git_diff_num_deltas(diff->get());
    // Removals first, so that a path both deleted and untracked (git rm --cached) stays listed.
    std::unordered_set<std::string> removed;
    for (std::size_t i = 0; i < count; ++i) {
      const git_diff_delta* delta = git_diff_get_delta(diff->get(), i);
      if (delta->status == GIT_DELTA_DELETED) {
        removed.insert(delta->old_file.path);
      }
    }
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const std::string& path) { return removed.count(path) != 0; }),
                files.end());
    for (std::size_t i = 0; i < count; ++i) {
      const git_diff_delta* delta = git_diff_get_delta(diff->get(), i);
      if (delta->status == GIT_DELTA_ADDED || delta->status == GIT_DELTA_UNTRACKED) {
        files.emplace_back(delta->new_file.path);
      }
    }
  }
  // Tree order puts a folder's entries as if its name ended in '/'; callers binary-search bytes.
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  files.shrink_to_fit();
  return files;
}

Expected<CommitInfo> Repository::commit_info(const std::string& sha) const
{
  auto commit = m_impl->lookup_commit(sha);
  if (!commit) {
    return Expected<CommitInfo>::failure(commit.error());
  }
  return info_of(commit->get());
}

std::optional<std::int64_t> Repository::last_change_time(const std::vector<CommitInfo>& commits,
                                                         const std::string& path) const
{
  for (const auto& info : commits) {
    auto trees = m_impl->trees_of(info.sha);
    if (!trees) {
      continue;
    }
    auto& [tree, parent_tree] = *trees;
    // The author time: when the change was written. A rebase days later moves the committer
    // time but does not change what the document says or when it was last synced.
    if (entry_at(tree.get(), path) != entry_at(parent_tree.get(), path)) {
      return info.author_time;
    }
  }
  return std::nullopt;
}

std::unordered_map<std::string, std::int64_t>
Repository::last_change_times(const std::vector<CommitInfo>& commits, const std::vector<std::string>& paths) const
{
  // Newest commit first; a path leaves the search at the first commit that changed it, so the
  // cost follows the paths asked about and the commits it takes to find them, not the size of
  // the tree or of the range's other changes.
  std::unordered_map<std::string, std::int64_t> times;
  std::vector<const std::string*> open;
  open.reserve(paths.size());
  for (const auto& path : paths) {
    open.push_back(&path);
  }
  for (const auto& info : commits) {
    if (open.empty()) {
      break;
    }
    auto trees = m_impl->trees_of(info.sha);
    if (!trees) {
      continue;
    }
    auto& [tree, parent_tree] = *trees;
    // Each folder's tree is looked up once per commit and held: looked up path by path, a large
    // plans folder's tree was parsed again whenever libgit2's small object cache had let it go.
    struct Folder
    {
      git::TreePtr now;
      git::TreePtr before;
      bool same = false;   // the folder's tree is identical on both sides: nothing in it changed
    };
    std::unordered_map<std::string_view, Folder> folders;
    const auto folder_of = [&](std::string_view dir) -> const Folder& {
      auto [it, added] = folders.try_emplace(dir);
      if (added) {
        it->second.now = m_impl->folder_tree(tree.get(), std::string(dir));
        it->second.before = m_impl->folder_tree(parent_tree.get(), std::string(dir));
        const Folder& folder = it->second;
        it->second.same = folder.now && folder.before
                          && git_oid_equal(git_tree_id(folder.now.get()), git_tree_id(folder.before.get())) != 0;
      }
      return it->second;
    };
    const auto changed_here = [&](const std::string* path) {
      const std::size_t slash = path->rfind('/');
      const bool top = slash == std::string::npos;
      const std::string_view dir = top ? std::string_view() : std::string_view(*path).substr(0, slash);
      const std::string name = top ? *path : path->substr(slash + 1);
      const Folder& folder = folder_of(dir);
      if (folder.same || entry_named(folder.now.get(), name) == entry_named(folder.before.get(), name)) {
        return false;
      }
      times.emplace(*path, info.author_time);
      return true;
    };
    open.erase(std::remove_if(open.begin(), open.end(), changed_here), open.end());
  }
  return times;
}

} // namespace planck
