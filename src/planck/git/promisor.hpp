#pragma once

#include <string>
#include <vector>

namespace planck::git {

/// Fetches the objects `ids` (hex object ids) from remote `remote` of the repository at `git_dir`,
/// the way git itself fills in a partial clone's missing objects when it needs them: one `git
/// fetch` of exactly those objects, no refs and no FETCH_HEAD written. Returns an empty string on
/// success, or one line that says why it failed (git is not installed, the remote refused, …).
std::string fetch_objects(const std::string& git_dir, const std::string& remote, const std::vector<std::string>& ids);

} // namespace planck::git
