#pragma once

#include "planck/rules/rule.hpp"

#include <string_view>
#include <vector>

namespace planck {

/// Every rule planck has, in the order `planck rules` lists them.
const std::vector<RuleEntry>& rule_catalogue();

/// The `RuleInfo` of every rule, for config validation.
std::vector<RuleInfo> rule_infos();

/// The catalogue row for `id`, or null.
const RuleEntry* find_rule(std::string_view id);

/// The id of the built-in rule that reports suppressions which suppress nothing.
inline constexpr std::string_view k_unused_suppression = "unused-suppression";

/// The id of the built-in rule that reports documents that cannot be read (NUL bytes, bad front matter).
inline constexpr std::string_view k_invalid_document = "invalid-document";

} // namespace planck
