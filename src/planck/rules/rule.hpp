#pragma once

#include "planck/config/config.hpp"
#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace planck {

/// What a document is to the rules.
enum class DocumentRole { plan, registry, crosslink };

/// A document the run checks, with what the range did to it.
struct Target
{
  std::string path;               // at head (for a deleted file, at base)
  DocumentRole role = DocumentRole::plan;
  const Document* head = nullptr; // null when deleted by the range
  const Document* base = nullptr; // null when added by the range, or with --all and no base
  const FileChange* change = nullptr;  // null when the range left it alone
};

/// A finding as a rule reports it; the engine adds rule id, severity and fingerprint.
struct RawFinding
{
  std::string path;
  int line = 1;
  int column = 1;
  int end_line = 0;
  std::string message;
  std::string fingerprint_key;    // content that identifies it (section, entry text), not line numbers
  std::optional<Severity> severity;  // overrides the configured severity (a `Plan-Exempt` note, say)
};

/// Everything a rule's check may look at.
struct RuleContext
{
  const ChangeSet& changes;
  const Config& config;
  const RuleConfig& settings;     // this rule's settings
  const std::vector<Target>& targets;   // documents in scope, already filtered by the rule's `paths`
  std::function<void(RawFinding)> report;
  // With `--all` over many documents, the targets come a batch at a time: these are the paths of
  // every target of the run, this batch's and the others'. A rule that checks documents besides
  // its targets (the plans a registry names) leaves these to their own batch. Null when `targets`
  // is the whole run.
  const std::set<std::string>* run_paths = nullptr;
  // What the rule works out from the whole repository rather than from its targets (the plans at
  // head, the registry's lists): kept from batch to batch of one run. See remembered().
  std::shared_ptr<void>* memo = nullptr;

  /// True when `path` is a target of this run, in this batch or another.
  bool checked_in_run(const std::string& path) const { return run_paths != nullptr && run_paths->count(path) != 0; }

  /// The rule's `T` for this run: made by `make()` in the first batch, the same object in the
  /// batches after it. Only the rule's own thread touches it.
  template<typename T, typename Make>
  T& remembered(Make&& make) const
  {
    if (!*memo) {
      *memo = std::make_shared<T>(make());
    }
    return *std::static_pointer_cast<T>(*memo);
  }
};

/// A rule's check: reports every violation among `context.targets` through `context.report`.
using CheckFunction = void (*)(const RuleContext& context);

/// A catalogue row: what planck knows of a rule, its check, and what the engine must know to run it.
struct RuleEntry
{
  RuleInfo info;
  CheckFunction check = nullptr;  // null for the rules the engine reports itself
  bool range_wide = false;        // findings may land outside the changed files (broken links, say)
  // The rule reads many documents besides its targets (every unchanged plan): when rules run side
  // by side, it starts first.
  bool reads_widely = false;
};

/// Calls `visit(target, head)` for each plan among `context.targets` that exists at head, in order.
template<typename Visit>
void for_each_plan(const RuleContext& context, Visit&& visit)
{
  for (const auto& target : context.targets) {
    if (target.role == DocumentRole::plan && target.head != nullptr) {
      visit(target, *target.head);
    }
  }
}

/// True when `document` holds an inline suppression naming rule `id` (or every rule). A rule that
/// groups many findings into one stays finding by finding there, so that each suppression still
/// silences what it was written for.
inline bool suppresses(const Document& document, const std::string& id)
{
  return std::any_of(document.suppressions.begin(), document.suppressions.end(), [&](const Suppression& suppression) {
    return suppression.rules.empty() ||
           std::find(suppression.rules.begin(), suppression.rules.end(), id) != suppression.rules.end();
  });
}

} // namespace planck
