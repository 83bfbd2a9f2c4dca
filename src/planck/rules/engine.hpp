#pragma once

#include "planck/config/config.hpp"
#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"
#include "planck/rules/rule.hpp"

#include <memory>
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
  double read_seconds = 0;  // reading and parsing the targets' documents (check_targets)
  int batches = 1;          // how many batches the targets were checked in (check_targets)
};

/// How many documents `--all` reads, checks and lets go of at a time: about 20 MiB of parsed plans.
inline constexpr std::size_t k_documents_per_batch = 1000;

/// Picks the documents in scope: the plans, the registry and the cross-link documents that the range
/// changed (every one at head with `--all`), minus ignored paths.
std::vector<Target> select_targets(const ChangeSet& changes, const Config& config);

/// The targets select_targets picks, without their documents.
std::vector<Target> list_targets(const ChangeSet& changes, const Config& config);

/// Reads the documents of `targets` (at head and base, as the range has them) and the registry and
/// cross-link documents the rules about plans read, all announced at once.
void read_documents(const ChangeSet& changes, const Config& config, std::vector<Target>& targets);

/// Reads the documents of `targets` (from list_targets) and runs the rules over them, as run_rules.
/// With `--all` over more than `batch_size` targets, a batch at a time: each batch's documents are
/// let go of once its rules are done (the registry and cross-link documents are kept), findings
/// that several batches report are kept once, and suppressions apply as in one run. The targets
/// hold no documents afterwards in that case.
CheckResult check_targets(const ChangeSet& changes, const Config& config, std::vector<Target>& targets,
                          std::size_t batch_size = k_documents_per_batch);

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
/// `checked_paths` is dropped unless the rule is range-wide or the check is `--all`. `run_paths`:
/// every target of a run checked in batches (RuleContext::run_paths); `memo`: what the rule keeps
/// from batch to batch (RuleContext::memo), null for a run of one batch. Severity,
/// columns and fingerprint keys are filled in; a rule's exception propagates.
RuleRun run_rule(const RuleEntry& entry, const RuleConfig& settings, const ChangeSet& changes, const Config& config,
                 const std::vector<Target>& readable, const std::set<std::string>& checked_paths,
                 const std::set<std::string>* run_paths = nullptr, std::shared_ptr<void>* memo = nullptr);

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
