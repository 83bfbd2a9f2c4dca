// Repository's history: the merge base of two revisions, the commits of a range with their
// trailers, and when a range last changed each of a set of paths (a shallow clone's graph is
// walked by shallow_history.cpp).

#include "planck/git/handles.hpp"
#include "planck/git/repository.hpp"
#include "planck/git/repository_impl.hpp"

#include <git2.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace planck {

using git::hex;

namespace {

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
  const char* email = git_commit_committer(commit)->email;
  info.committer_email = email == nullptr ? "" : email;
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

} // namespace

Expected<std::pair<git::TreePtr, git::TreePtr>> Repository::Impl::trees_of(const std::string& sha) const
{
  using Trees = std::pair<git::TreePtr, git::TreePtr>;
  auto commit = lookup_commit(sha);
  if (!commit) {
    return Expected<Trees>::failure(commit.error());
  }
  git_tree* raw_tree = nullptr;
  if (const int code = git_commit_tree(&raw_tree, commit->get()); code < 0) {
    return Expected<Trees>::failure(git::failure_message(code, "cannot read the tree of commit " + sha.substr(0, 12)));
  }
  Trees trees{git::TreePtr(raw_tree), git::TreePtr()};
  if (git_commit_parentcount(commit->get()) > 0 && boundary.count(sha) == 0) {
    git_commit* raw_parent = nullptr;
    if (const int code = git_commit_parent(&raw_parent, commit->get(), 0); code < 0) {
      return Expected<Trees>::failure(
        git::failure_message(code, "cannot read the parent of commit " + sha.substr(0, 12)));
    }
    git::CommitPtr parent(raw_parent);
    git_tree* raw_parent_tree = nullptr;
    if (const int code = git_commit_tree(&raw_parent_tree, parent.get()); code < 0) {
      return Expected<Trees>::failure(
        git::failure_message(code, "cannot read the tree of the parent of commit " + sha.substr(0, 12)));
    }
    trees.second.reset(raw_parent_tree);
  }
  return trees;
}

Expected<std::vector<std::string>> Repository::Impl::libgit2_walk(const git_oid* base, const git_oid* head) const
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

Expected<CommitInfo> Repository::commit_info(const std::string& sha) const
{
  auto commit = m_impl->lookup_commit(sha);
  if (!commit) {
    return Expected<CommitInfo>::failure(commit.error());
  }
  return info_of(commit->get());
}

Expected<std::optional<std::int64_t>> Repository::last_change_time(const std::vector<CommitInfo>& commits,
                                                                   const std::string& path) const
{
  using Time = std::optional<std::int64_t>;
  // The entry at `path` in `tree` (which may be null), found through its folder's tree, so that a
  // folder that cannot be read is a failure, not an absent entry.
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto entry_at = [&](git_tree* tree) -> Expected<std::optional<EntryId>> {
    if (tree == nullptr || path.empty()) {
      return std::optional<EntryId>();
    }
    auto folder = m_impl->folder_tree(tree, dir);
    if (!folder) {
      return Expected<std::optional<EntryId>>::failure(folder.error());
    }
    return entry_named(folder->get(), name);
  };
  for (const auto& info : commits) {
    auto trees = m_impl->trees_of(info.sha);
    if (!trees) {
      return Expected<Time>::failure(trees.error());
    }
    auto& [tree, parent_tree] = *trees;
    auto now = entry_at(tree.get());
    if (!now) {
      return Expected<Time>::failure(now.error());
    }
    auto before = entry_at(parent_tree.get());
    if (!before) {
      return Expected<Time>::failure(before.error());
    }
    // The author time: when the change was written. A rebase days later moves the committer
    // time but does not change what the document says or when it was last synced.
    if (*now != *before) {
      return Time(info.author_time);
    }
  }
  return Time();
}

Expected<std::unordered_map<std::string, std::int64_t>>
Repository::last_change_times(const std::vector<CommitInfo>& commits, const std::vector<std::string>& paths) const
{
  using Times = std::unordered_map<std::string, std::int64_t>;
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
      return Expected<Times>::failure(trees.error());
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
    std::optional<std::string> unreadable;   // why a folder's tree could not be read
    const auto folder_of = [&](std::string_view dir) -> const Folder& {
      auto [it, added] = folders.try_emplace(dir);
      if (added) {
        auto now = m_impl->folder_tree(tree.get(), std::string(dir));
        auto before = m_impl->folder_tree(parent_tree.get(), std::string(dir));
        if (!now || !before) {
          unreadable = !now ? now.error() : before.error();
          return it->second;
        }
        it->second.now = std::move(*now);
        it->second.before = std::move(*before);
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
      if (unreadable || folder.same || entry_named(folder.now.get(), name) == entry_named(folder.before.get(), name)) {
        return false;
      }
      times.emplace(*path, info.author_time);
      return true;
    };
    open.erase(std::remove_if(open.begin(), open.end(), changed_here), open.end());
    if (unreadable) {
      return Expected<Times>::failure(*unreadable);
    }
  }
  return times;
}

} // namespace planck
