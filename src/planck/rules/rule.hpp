#pragma once

#include "planck/config/config.hpp"
#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"

#include <functional>
#include <memory>
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
};

/// A check. One class per file in rules/, listed in the catalogue.
class Rule
{
public:
  virtual ~Rule() = default;

  /// Reports every violation among `context.targets` through `context.report`.
  virtual void check(const RuleContext& context) const = 0;

  /// True when findings may land outside the changed files (range-wide rules, broken links).
  virtual bool range_wide() const { return false; }

  /// True when the rule reads many documents besides its targets (every unchanged plan): when
  /// rules run side by side, such a rule starts first.
  virtual bool reads_widely() const { return false; }
};

/// A catalogue row: the rule's description plus how to make one.
struct RuleEntry
{
  RuleInfo info;
  std::function<std::unique_ptr<Rule>()> make;
};

} // namespace planck
