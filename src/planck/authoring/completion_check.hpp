#pragma once

#include "planck/authoring/workspace.hpp"
#include "planck/model/finding.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace planck {

/// The findings of the real `plan-completion` rule, run through the engine (inline suppressions
/// applied), for the plan at `plan_path` in the work tree of `workspace` as it would be with
/// `overrides` (path -> content) written. Empty when the rule is turned off in the config.
std::vector<Finding> completion_findings(const Workspace& workspace,
                                         const std::map<std::string, std::string>& overrides,
                                         const std::string& plan_path, std::int64_t now);

} // namespace planck
