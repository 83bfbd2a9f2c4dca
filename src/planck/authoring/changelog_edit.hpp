#pragma once

#include "planck/config/config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace planck {

/// The changelog: the `plan-completion` rule's `changelog` option when set, else the first of
/// `config.crosslinks` whose file name is `CHANGELOG.md` (any case), else `CHANGELOG.md` at the root.
std::string changelog_path(const Config& config);

/// True when the document `text` at `document_path` links to the file `target_path`.
bool links_to(std::string_view text, const std::string& document_path, const std::string& target_path);

/// `text` (the changelog at `changelog_path`; nothing when the file does not exist) with
/// `- Completed [title](link).` linking the plan at `plan_path`, appended to the list under the
/// first `## ` heading (a `## Unreleased` heading is made when there is none, a whole file when
/// there is no file), and `last_synced` moved forward. Unchanged when it already links the plan.
std::string add_changelog_link(const std::optional<std::string>& text, const std::string& changelog_path,
                               const std::string& plan_path, const std::string& title, std::int64_t now);

} // namespace planck
