#pragma once

#include <optional>
#include <string>

namespace planck {

/// The value of `key` (e.g. `user.name`) in the git configuration of the repository at `root`
/// (repository, global and system files, as git reads them), or nothing when unset or unreadable.
std::optional<std::string> git_config_string(const std::string& root, const std::string& key);

/// The folder git runs hooks from for the repository at `root`: `core.hooksPath` (relative to the
/// work tree root, `~` expanded) when set, else `hooks` in the common git directory. Throws
/// `planck::Error` when there is no repository at `root`.
std::string git_hooks_folder(const std::string& root);

} // namespace planck
