#pragma once

#include "planck/authoring/workspace.hpp"
#include "planck/changes/discovery.hpp"
#include "planck/git/repository.hpp"
#include "planck/util/error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace planck {

/// Every file of the work tree at `root`: committed, staged and untracked, not ignored (for a
/// repository without a commit yet, every file but `.git`).
std::vector<std::string> work_tree_files(const std::string& root);

/// The repository containing `directory` as the authoring commands see it: the work tree root
/// (discovered like `planck check -C`), the configuration (`config_path`, else planck.yaml at the
/// root, else the default pack) and the files of the work tree (committed, staged and untracked, not
/// ignored). Throws `planck::Error` outside a repository or for a bad config.
Workspace open_workspace(const std::string& directory, const std::string& config_path);

/// Changes to `directory` (like `git -C`: relative paths on the command line are then from there)
/// and opens the repository holding it; throws `planck::Error` for a missing folder, no repository or
/// a bare one.
Repository open_checkout(const std::string& directory);

/// The current time, seconds since the epoch (UTC).
std::int64_t now_utc();

} // namespace planck
