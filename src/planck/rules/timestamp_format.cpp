#include "planck/rules/builtin.hpp"
#include "planck/plan/log_sections.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace planck {

namespace {

// How to start an entry, in the log's form, a date alone where dates alone are allowed.
std::string stamp_hint(const RuleContext& context, const LogView& view)
{
  if (view.spec->checklist) {
    return context.config.timestamps.date_only ? "`(YYYY-MM-DD HH:MMZ)` or `(YYYY-MM-DD)` after the box"
                                               : "`(YYYY-MM-DD HH:MMZ)` after the box";
  }
  return context.config.timestamps.date_only ? "`[YYYY-MM-DD HH:MM UTC]` or `[YYYY-MM-DD]`"
                                             : "`[YYYY-MM-DD HH:MM UTC]`";
}

// An entry that records something: not an open step, not a placeholder (`None yet.`).
bool records(const LogView& view, const ListItem& entry)
{
  return !is_pending_step(entry, *view.spec) && !is_placeholder_entry(entry);
}

// `stamp` is the entry's timestamp, as parse_timestamp read it.
void check_entry(const RuleContext& context, const Target& target, const LogView& view, const ListItem& entry,
                 const Timestamp& stamp)
{
  const std::string& section = view.spec->name;
  if (stamp.status == Timestamp::Status::ok) {
    if (stamp.zone_assumed && context.config.timestamps.no_zone == NoZonePolicy::note) {
      context.report({.path = target.path,
                      .line = entry.line,
                      .column = entry.column,
                      .end_line = entry.line,
                      .message = fmt::format("{} entry timestamp '{}' has no time zone; read as UTC (write Z or "
                                             "UTC, or set plans.timestamps.no_zone to assume_utc)",
                                             section, stamp.text),
                      .fingerprint_key = section + "\n" + entry_key(entry),
                      .severity = Severity::note});
    }
    return;
  }
  // An open step and a placeholder (`None yet.`) record nothing that happened, so carry no time.
  if (stamp.status == Timestamp::Status::missing && !records(view, entry)) {
    return;
  }
  std::string message;
  switch (stamp.status) {
  case Timestamp::Status::missing:
    message = fmt::format("{} entry has no timestamp; start it with {}", section, stamp_hint(context, view));
    break;
  case Timestamp::Status::invalid:
    message = fmt::format("{} entry timestamp '{}' is not a real date and time: {}", section,
                          stamp.text, stamp.detail);
    break;
  case Timestamp::Status::not_utc:
    message = fmt::format("{} entry timestamp '{}' is not UTC: {}", section, stamp.text, stamp.detail);
    break;
  case Timestamp::Status::malformed:
    message = fmt::format("{} entry timestamp '{}' is not in an accepted form: {}", section,
                          stamp.text, stamp.detail);
    break;
  case Timestamp::Status::ok:
    return;
  }
  context.report({.path = target.path,
                  .line = entry.line,
                  .column = entry.column,
                  .end_line = entry.line,
                  .message = message,
                  .fingerprint_key = section + "\n" + entry_key(entry),
                  .severity = std::nullopt});
}

} // namespace

void check_timestamp_format(const RuleContext& context)
{
  for_each_plan(context, [&](const Target& target, const Document& head) {
    const bool group = !suppresses(head, "timestamp-format");
    for (const auto& view : log_sections(head, context.config)) {
      if (!view.spec->timestamped) {
        continue;
      }
      // A log whose entries carry no timestamp at all is one finding at its heading, not one per
      // entry: the plan keeps the log unstamped, and the fix is the same for every entry.
      // Likewise a log kept in a zone of its own: no entry in UTC and several in another zone.
      const auto& entries = view.section->entries;
      std::vector<Timestamp> stamps;   // each entry's, read once
      stamps.reserve(entries.size());
      int unstamped = 0;
      int zoned = 0;
      bool any_stamp = false;
      bool any_utc = false;
      std::size_t first_zoned = 0;   // the first stamp written in another zone
      for (const auto& entry : entries) {
        const Timestamp& stamp = stamps.emplace_back(parse_timestamp(entry.text, context.config.timestamps));
        any_stamp = any_stamp || stamp.status != Timestamp::Status::missing;
        any_utc = any_utc || stamp.status == Timestamp::Status::ok;
        unstamped += stamp.status == Timestamp::Status::missing && records(view, entry) ? 1 : 0;
        if (stamp.status == Timestamp::Status::not_utc && zoned++ == 0) {
          first_zoned = stamps.size() - 1;
        }
      }
      // One finding at the log's heading, for what every entry of it shares.
      const auto report_at_heading = [&](std::string message, const std::string& kind) {
        context.report({.path = target.path,
                        .line = view.section->line,
                        .column = 1,
                        .end_line = view.section->line,
                        .message = std::move(message),
                        .fingerprint_key = view.spec->name + "\n" + kind,
                        .severity = std::nullopt});
      };
      const bool kept_in_a_zone = group && !any_utc && zoned >= 2;
      if (kept_in_a_zone) {
        report_at_heading(fmt::format("the {} {} entries are stamped in a zone other than UTC (the first: '{}'); "
                                      "convert their times to UTC and write Z or UTC",
                                      zoned, view.spec->name, stamps[first_zoned].text),
                          "zoned");
      }
      if (group && !any_stamp && unstamped >= 2) {
        report_at_heading(fmt::format("none of the {} {} entries has a timestamp; start each with {} (or set the "
                                      "log's `timestamped: false` where the repository keeps it without)",
                                      unstamped, view.spec->name, stamp_hint(context, view)),
                          "unstamped");
        continue;
      }
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!(kept_in_a_zone && stamps[i].status == Timestamp::Status::not_utc)) {
          check_entry(context, target, view, entries[i], stamps[i]);
        }
      }
    }
  });
}

RuleInfo timestamp_format_info()
{
  return {
    .id = "timestamp-format",
    .default_severity = Severity::error,
    .summary = "Every log entry starts with an accepted UTC timestamp that is a real date and time.",
    .description =
      "Log sections (by default Progress, Decision Log and Surprises & Discoveries) are the plan's "
      "history. Each top-level list item is an entry and must start with a UTC timestamp, so that "
      "the next session can tell what happened when. Accepted: a date `YYYY-MM-DD`, then `T` or a "
      "space and `HH:MM` with optional seconds and fraction, then `Z`, `UTC`, `GMT` or a numeric "
      "offset (converted to UTC), in brackets, parentheses or bare, optionally bold: "
      "`[2025-10-30 11:42 UTC]`, `(2025-10-30 11:42Z)`, `2025-10-30T11:42:05.250Z`, "
      "`2025-10-30T13:42+02:00`, and the checkbox form `- [x] (2025-10-30 11:42Z) text`. A time "
      "with no zone follows `plans.timestamps.no_zone` (by default read as UTC with a note); a "
      "date alone, also `(2025-10-30, abc1234)`, needs `plans.timestamps.date_only`. Only text "
      "that starts with a digit is a timestamp attempt: an open step `- [ ] Decide …` and a "
      "placeholder `None yet.` carry none. Impossible dates (2025-02-30, 24:00) and named zones "
      "other than UTC (CET, PST) are findings. A log none of whose entries has a timestamp, or one "
      "kept in another zone throughout, is one finding at its heading rather than one per entry.",
    .fix = "Start the entry with the UTC time it was written, e.g. `[2025-10-30 11:42 UTC]`. "
           "`planck log PLAN SECTION TEXT` writes entries with the current UTC time.",
    .bad_example = "## Progress\n\n- 2025-10-30 13:42 CET: migrated the catalog\n- [2025-02-30 09:00 UTC] ran the tests\n",
    .good_example = "## Progress\n\n- [2025-10-30 12:42 UTC] Migrated the catalog.\n- [2025-10-30 13:00 UTC] Ran the tests.\n",
    .options = {},
  };
}

} // namespace planck
