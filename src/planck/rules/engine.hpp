#pragma once

#include "planck/config/config.hpp"
#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"
#include "planck/rules/rule.hpp"

#include <string>
#include <utility>
#include <vector>

namespace planck {

/// The result of a run.
struct CheckResult
{
  std::vector<Finding> findings;   // sorted
  int files_checked = 0;
  std::vector<std::pair<std::string, double>> rule_seconds;   // each enabled rule's wall time, in order
  int rules_at_once = 1;   // how many rules ran side by side: their times overlap
};

/// Picks the documents in scope: the plans, the registry and the cross-link documents that the range
/// changed (every one at head with `--all`), minus ignored paths.
std::vector<Target> select_targets(const ChangeSet& changes, const Config& config);

/// Runs every enabled rule over `targets`, applies severities, inline suppressions and fingerprints,
/// reports `unused-suppression` and `invalid-document`, and keeps findings in changed files (or
/// every finding with --all, and those of range-wide rules).
CheckResult run_rules(const ChangeSet& changes, const Config& config, const std::vector<Target>& targets);

/// Every enabled rule paired with every target in its `paths`, in catalogue and target order.
std::vector<RuleCheck> rule_checks(const Config& config, const std::vector<Target>& targets);

} // namespace planck
