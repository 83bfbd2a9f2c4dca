#pragma once

#include "planck/config/config.hpp"
#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"
#include "planck/rules/rule.hpp"

#include <set>
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

// The phases of run_rules, in their order.

/// The targets the rules read: all but binary documents and those past a limit, which only
/// `invalid-document` reports.
std::vector<Target> readable_targets(const std::vector<Target>& targets);

/// What one rule found, in its own order, and its wall time.
struct RuleRun
{
  std::vector<Finding> findings;
  double seconds = 0;
};

/// Runs `entry` with `settings` over the `readable` targets its `paths` select. A finding outside
/// `checked_paths` is dropped unless the rule is range-wide or the check is `--all`. Severity,
/// columns and fingerprint keys are filled in; a rule's exception propagates.
RuleRun run_rule(const RuleEntry& entry, const RuleConfig& settings, const ChangeSet& changes, const Config& config,
                 const std::vector<Target>& readable, const std::set<std::string>& checked_paths);

/// `invalid-document` findings: each problem a target's document holds (past a limit, binary,
/// malformed front matter), and a target that is not a regular file at head.
std::vector<Finding> invalid_document_findings(const ChangeSet& changes, const Config& config,
                                               const std::vector<Target>& targets);

/// Drops the findings an inline suppression covers, in the targets and in any other document a
/// finding landed in, and adds `unused-suppression` for a suppression in a checked document that
/// suppressed nothing or names an unknown rule.
void apply_suppressions(const ChangeSet& changes, const Config& config, const std::vector<Target>& targets,
                        std::vector<Finding>& findings);

/// Sorts `findings` into report order and gives each its content-derived fingerprint (the second
/// of two identical findings in a file gets a fingerprint of its own).
void fingerprint(std::vector<Finding>& findings);

/// Every enabled rule paired with every target in its `paths`, in catalogue and target order.
std::vector<RuleCheck> rule_checks(const Config& config, const std::vector<Target>& targets);

} // namespace planck
