#include "planck/rules/catalog.hpp"
#include "planck/rules/builtin.hpp"

namespace planck {

namespace {

// Reported by the engine itself, which sees every rule's findings and every document's problems.
class EngineReportedRule : public Rule
{
public:
  void check(const RuleContext&) const override {}
};

} // namespace

RuleEntry unused_suppression_rule()
{
  return {
    .info = {
      .id = k_unused_suppression,
      .default_severity = Severity::note,
      .summary = "An inline `planck-disable` comment that suppresses nothing.",
      .description =
        "Suppressions are written as markdownlint writes them: `<!-- planck-disable RULE -->` … "
        "`<!-- planck-enable RULE -->` around a block, or `<!-- planck-disable-next-line RULE -->` "
        "above one line. A suppression that names an unknown rule, or suppresses no finding, hides "
        "nothing today and may hide a real finding tomorrow.",
      .fix = "Delete the comment, or correct the rule id it names.",
      .bad_example = "<!-- planck-disable-next-line timestamp-format -->\n- [2025-10-30 11:42 UTC] A well-formed entry.\n",
      .good_example = "- [2025-10-30 11:42 UTC] A well-formed entry.\n",
      .options = {},
    },
    .make = [] { return std::make_unique<EngineReportedRule>(); },
  };
}

RuleEntry invalid_document_rule()
{
  return {
    .info = {
      .id = k_invalid_document,
      .default_severity = Severity::error,
      .summary = "A checked document is not readable Markdown text (NUL bytes, invalid UTF-8).",
      .description =
        "planck reads plans, the registry and the cross-link documents as UTF-8 Markdown. A file with "
        "NUL bytes is not checked at all, and invalid UTF-8 is read with replacement characters, so "
        "other rules may miss or misplace findings. The finding names the first bad place.",
      .fix = "Save the file as UTF-8 text; remove stray binary content.",
      .bad_example = "(a plan saved as UTF-16, or with a NUL byte)\n",
      .good_example = "(the same plan saved as UTF-8)\n",
      .options = {},
    },
    .make = [] { return std::make_unique<EngineReportedRule>(); },
  };
}

const std::vector<RuleEntry>& rule_catalogue()
{
  static const std::vector<RuleEntry> catalogue = {
    plan_required_rule(),
    timestamp_format_rule(),
    timestamps_monotonic_rule(),
    log_append_only_rule(),
    sections_required_rule(),
    registry_entry_rule(),
    plan_completion_rule(),
    links_resolve_rule(),
    front_matter_rule(),
    last_synced_rule(),
    unused_suppression_rule(),
    invalid_document_rule(),
  };
  return catalogue;
}

std::vector<RuleInfo> rule_infos()
{
  std::vector<RuleInfo> infos;
  for (const auto& entry : rule_catalogue()) {
    infos.push_back(entry.info);
  }
  return infos;
}

const RuleEntry* find_rule(std::string_view id)
{
  for (const auto& entry : rule_catalogue()) {
    if (entry.info.id == id) {
      return &entry;
    }
  }
  return nullptr;
}

} // namespace planck
