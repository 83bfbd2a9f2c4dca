#include "planck/rules/catalog.hpp"
#include "planck/rules/builtin.hpp"

namespace planck {

namespace {

// Reported by the engine itself, which sees every rule's findings and every document's problems:
// these rows have no check function.

RuleInfo unused_suppression_info()
{
  return {
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
  };
}

RuleInfo invalid_document_info()
{
  return {
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
  };
}

} // namespace

const std::vector<RuleEntry>& rule_catalogue()
{
  // In the order `planck rules` lists them and reports merge findings. Range-wide rules report
  // outside the changed files too (each check says where); links-resolve reads widely, screening
  // every unchanged document for links the range broke, so it starts first.
  static const std::vector<RuleEntry> catalogue = {
    {.info = plan_required_info(), .check = check_plan_required, .range_wide = true},
    {.info = timestamp_format_info(), .check = check_timestamp_format},
    {.info = timestamps_monotonic_info(), .check = check_timestamps_monotonic},
    {.info = log_append_only_info(), .check = check_log_append_only},
    {.info = sections_required_info(), .check = check_sections_required},
    {.info = registry_entry_info(), .check = check_registry_entry, .range_wide = true},
    {.info = plan_completion_info(), .check = check_plan_completion, .range_wide = true},
    {.info = links_resolve_info(), .check = check_links_resolve, .range_wide = true, .reads_widely = true},
    {.info = front_matter_info(), .check = check_front_matter},
    {.info = last_synced_info(), .check = check_last_synced},
    {.info = unused_suppression_info()},
    {.info = invalid_document_info()},
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
