// Repository's tree diff: the changes between two commits, or between a commit and the index and
// work tree, with renames and line counts; and the quick look at what changed below one folder.

#include "planck/git/handles.hpp"
#include "planck/git/repository.hpp"
#include "planck/git/repository_impl.hpp"

#include <git2.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace planck {

namespace {

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

} // namespace

Expected<git::DiffPtr> Repository::Impl::make_diff(git_tree* base, DiffTo to, git_tree* head, bool find_renames) const
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

bool Repository::Impl::same_content(const git_diff_delta* delta) const
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

Expected<std::vector<FileChange>> Repository::Impl::changes_of(git_diff* diff, LineCounts counts) const
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
    change.same_blob = (delta->status == GIT_DELTA_RENAMED || delta->status == GIT_DELTA_COPIED)
                       && (delta->old_file.flags & GIT_DIFF_FLAG_VALID_ID) != 0
                       && (delta->new_file.flags & GIT_DIFF_FLAG_VALID_ID) != 0
                       && git_oid_equal(&delta->old_file.id, &delta->new_file.id) != 0;
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
  auto base_folder = m_impl->folder_tree(base_root->get(), dir);
  if (!base_folder) {
    return Expected<std::vector<FileChange>>::failure(base_folder.error());
  }
  auto head_folder = m_impl->folder_tree(head_root->get(), dir);
  if (!head_folder) {
    return Expected<std::vector<FileChange>>::failure(head_folder.error());
  }
  const git::TreePtr before = std::move(*base_folder);
  const git::TreePtr after = std::move(*head_folder);
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

} // namespace planck
