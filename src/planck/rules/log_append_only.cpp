#include "planck/rules/builtin.hpp"
#include "planck/plan/log_sections.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace planck {

namespace {

std::string_view edit_name(EntryEdit edit)
{
  switch (edit) {
  case EntryEdit::link_target:
    return "only a link target changed";
  case EntryEdit::mechanical:
    return "whitespace, punctuation or case only";
  case EntryEdit::spelling:
    return "a spelling-level edit";
  default:
    return "";
  }
}

void check_section(const RuleContext& context, const Target& target, const LogView& base_view)
{
  const LogSection& spec = *base_view.spec;
  const std::vector<ListItem>& before = base_view.section->entries;
  const Section* head_section = find_log_section(*target.head, context.config, spec);
  static const std::vector<ListItem> k_none;
  const std::vector<ListItem>& after = head_section != nullptr ? head_section->entries : k_none;
  const LogAlignment alignment = align_log(base_view.section, head_section, spec, context.config.timestamps,
                                           context.settings.options.integer("max_edit_percent"));

  const std::string& name = spec.name;
  const int fallback_line = head_section != nullptr ? head_section->line : std::max(1, target.head->title_line);
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto& fate = alignment.base[i];
    const ListItem& old = before[i];
    if (fate.fate == LogAlignment::Fate::kept) {
      continue;
    }
    // A pending step is a plan, not history: plans split, reword and drop open steps as work
    // goes on. A placeholder (`None yet.`) recorded nothing, so replacing it loses nothing.
    if (is_pending_step(old, spec) || is_placeholder_entry(old)) {
      continue;
    }
    RawFinding finding{.path = target.path,
                       .line = fallback_line,
                       .column = 1,
                       .end_line = 0,
                       .message = {},
                       .fingerprint_key = name + "\n" + entry_key(old),
                       .severity = std::nullopt};

    if (fate.fate == LogAlignment::Fate::moved) {
      const ListItem& moved = after[static_cast<std::size_t>(fate.head)];
      finding.line = moved.line;
      finding.column = moved.column;
      finding.message = fmt::format("{} entry was moved out of its place in the log (it was at base "
                                    "line {}): \"{}\"",
                                    name, old.line, quote(old.text));
      context.report(std::move(finding));
      continue;
    }

    if (fate.fate == LogAlignment::Fate::edited) {
      const ListItem& now = after[static_cast<std::size_t>(fate.head)];
      finding.line = now.line;
      finding.column = now.column;
      finding.end_line = now.end_line;
      switch (fate.edit) {
      case EntryEdit::same:
      case EntryEdit::placeholder:
      case EntryEdit::stamped_tick:
        continue;
      case EntryEdit::link_target:
      case EntryEdit::mechanical:
      case EntryEdit::spelling: {
        // Not a rewrite of history, but a reviewer should still see both versions.
        const auto [was, is] = quote_both(old.text, now.text);
        finding.severity = Severity::note;
        finding.message = fmt::format("{} entry was edited ({}). At base it read: \"{}\"; now: \"{}\"", name,
                                      edit_name(fate.edit), was, is);
        break;
      }
      case EntryEdit::rewrite: {
        const auto [was, is] = quote_both(old.text, now.text);
        finding.message = fmt::format("{} entry was edited; logs are append-only. At base it read: \"{}\"; "
                                      "now: \"{}\"",
                                      name, was, is);
        break;
      }
      }
      context.report(std::move(finding));
      continue;
    }

    // Removed: point at where it was, between the neighbours that are still there.
    std::ptrdiff_t high = static_cast<std::ptrdiff_t>(after.size());
    for (std::size_t j = i + 1; j < before.size(); ++j) {
      if (alignment.base[j].fate == LogAlignment::Fate::kept) {
        high = alignment.base[j].head;
        break;
      }
    }
    if (high < static_cast<std::ptrdiff_t>(after.size())) {
      finding.line = after[static_cast<std::size_t>(high)].line;
    } else if (head_section != nullptr) {
      finding.line = head_section->end_line > 0 ? head_section->end_line : head_section->line;
    }
    finding.message = head_section == nullptr
                        ? fmt::format("{} section was removed with its entries; logs are append-only. "
                                      "Removed: \"{}\"",
                                      name, quote(old.text))
                        : fmt::format("{} entry was removed; logs are append-only. It read: \"{}\"", name,
                                      quote(old.text));
    context.report(std::move(finding));
  }
}

} // namespace

void check_log_append_only(const RuleContext& context)
{
  for_each_plan(context, [&](const Target& target, const Document&) {
    if (target.base == nullptr) {
      return;
    }
    for (const auto& view : log_sections(*target.base, context.config)) {
      check_section(context, target, view);
    }
  });
}

RuleInfo log_append_only_info()
{
  return {
    .id = "log-append-only",
    .default_severity = Severity::error,
    .summary = "Log entries present at base are still there at head, unchanged and in the same order.",
    .description =
      "Progress, Decision Log and Surprises & Discoveries are history: a later session trusts them "
      "to say what was known and decided at the time. Rewriting or deleting an entry loses that. "
      "Each entry present at base must still be present at head, unchanged (whitespace aside) and "
      "in the same order. Not edits: ticking a checkbox and stamping it with its completion time; "
      "rewording or dropping an open `- [ ]` step, which is a plan, not history; replacing a "
      "placeholder entry (`None yet.`, `TBD`, `(pending)`, `_None_`) with content. Mechanical "
      "edits (whitespace, punctuation or case only, a link's target only, or a spelling-level "
      "change under `max_edit_percent` of the entry's letters that changes no number, date or "
      "negation) are reported as a note quoting both versions, so a reviewer still sees them.",
    .fix = "Restore the entry as it was and append a new, timestamped entry that corrects or "
           "supersedes it (\"[2025-10-31 09:00 UTC] Correction to the entry of 10-30: …\").",
    .bad_example = "## Decision Log\n\n- [2025-10-30 11:42 UTC] Use Postgres. (edited later to say SQLite)\n",
    .good_example = "## Decision Log\n\n- [2025-10-30 11:42 UTC] Use Postgres.\n- [2025-11-02 08:00 UTC] Reversed: use SQLite; Postgres needs a server we do not run.\n",
    .options = {
      {.name = "max_edit_percent",
       .type = OptionType::integer,
       .default_yaml = "10",
       .help = "The largest edit, in percent of an entry's letters and digits, that counts as a "
               "spelling-level fix (a note) rather than a rewrite (the rule's severity). 0 makes "
               "every change of letters a rewrite.",
       .minimum = 0},
    },
  };
}

} // namespace planck
