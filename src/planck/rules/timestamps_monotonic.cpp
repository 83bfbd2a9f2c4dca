#include "planck/rules/builtin.hpp"
#include "planck/plan/log_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace planck {

namespace {

constexpr std::int64_t k_day = 24 * 60 * 60;
constexpr std::int64_t k_earliest_zone = 14 * 60 * 60;   // UTC+14: where a day begins first
// Far beyond any real tolerance (about 1.9 million years), and small enough that nothing overflows.
constexpr long long k_max_tolerance_minutes = 1'000'000'000'000;

// `a + b`, held at the 64-bit bounds: a hostile commit's date can be any 64-bit number.
std::int64_t saturating_add(std::int64_t a, std::int64_t b)
{
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
  }
  return sum;
}

// A date-only entry happened at some time on its day: compare such entries by day only.
bool earlier(const Timestamp& a, const Timestamp& b)
{
  if (a.date_only || b.date_only) {
    return a.epoch / k_day < b.epoch / k_day;
  }
  return a.epoch < b.epoch;
}

std::string describe(const Timestamp& stamp)
{
  return stamp.date_only ? format_utc_date(stamp.epoch) : format_utc(stamp.epoch);
}

// `stamp` and `other` as a message names them side by side: with their seconds when they read
// alike to the minute, so that "18:37 goes backwards from 18:37" does not happen.
std::pair<std::string, std::string> describe_apart(const Timestamp& stamp, const Timestamp& other)
{
  std::string first = describe(stamp);
  std::string second = describe(other);
  if (first == second && stamp.epoch != other.epoch && !stamp.date_only && !other.date_only) {
    return {format_utc_seconds(stamp.epoch), format_utc_seconds(other.epoch)};
  }
  return {std::move(first), std::move(second)};
}

struct Bounds
{
  std::int64_t reference = 0;                // head's committer time, or now with --worktree
  std::int64_t future = 0;                   // how far past `reference` an entry may be, in seconds
  std::optional<std::int64_t> range_start;   // the earliest author date of the range's commits
  std::int64_t backdate = 0;                 // how far before `range_start` a new entry may be dated
  long long edit_percent = 10;
};

void check_section(const RuleContext& context, const Target& target, const LogView& view,
                   const Bounds& bounds)
{
  const Config& config = context.config;
  const std::string& name = view.spec->name;
  const Section* base_section =
      target.base != nullptr ? find_log_section(*target.base, config, *view.spec) : nullptr;
  const bool newest_first = kept_newest_first(*view.spec, base_section, view.section, config.timestamps);
  // Which entries the range added: those that stand for no base entry, kept or edited in place
  // (an edited old entry is log-append-only's to report, not a backdated new one).
  const LogAlignment alignment =
      align_log(base_section, view.section, *view.spec, config.timestamps, bounds.edit_percent);

  std::optional<Timestamp> newest_at_base;
  if (base_section != nullptr) {
    for (const auto& entry : base_section->entries) {
      auto stamp = parse_timestamp(entry.text, config.timestamps);
      if (stamp.status == Timestamp::Status::ok && (!newest_at_base || earlier(*newest_at_base, stamp))) {
        newest_at_base = std::move(stamp);
      }
    }
  }

  auto report = [&](const ListItem& entry, std::string message) {
    context.report({.path = target.path,
                    .line = entry.line,
                    .column = entry.column,
                    .end_line = entry.line,
                    .message = std::move(message),
                    .fingerprint_key = name + "\n" + entry_key(entry),
                    .severity = std::nullopt});
  };

  const std::int64_t limit = saturating_add(bounds.reference, bounds.future);
  std::optional<Timestamp> previous;
  int previous_line = 0;
  bool previous_added = false;
  const auto& entries = view.section->entries;
  for (std::size_t index = 0; index < entries.size(); ++index) {
    const ListItem& entry = entries[index];
    Timestamp stamp = parse_timestamp(entry.text, config.timestamps);
    if (stamp.status != Timestamp::Status::ok) {
      continue;
    }
    // A placeholder or an open step at base recorded nothing that happened: what stands in its
    // place at head, and the time stamped on it, is new history like any appended entry.
    const std::ptrdiff_t was = alignment.head[index];
    const bool added = base_section == nullptr || was < 0 ||
                       is_placeholder_entry(base_section->entries[static_cast<std::size_t>(was)]) ||
                       is_pending_step(base_section->entries[static_cast<std::size_t>(was)], *view.spec);
    // A date alone names a day in the writer's zone, which it does not say: it is in the future
    // only when that day has not begun anywhere yet (UTC+14 is the first zone to reach it). Read
    // as midnight UTC, an entry dated the next day in Asia, late in the evening there, was taken
    // for the future.
    const bool in_future =
      stamp.date_only ? saturating_add(stamp.epoch, -k_earliest_zone) > limit : stamp.epoch > limit;
    if (in_future) {
      report(entry, fmt::format("{} entry is dated {}, after the {} ({}) by more than {} min", name,
                                describe(stamp), context.changes.range().worktree ? "current time" : "head commit",
                                format_utc(bounds.reference), bounds.future / 60));
      // The next entry is compared with the last plausible time, not with this one.
      continue;
    }
    const bool inverted = previous && (newest_first ? earlier(*previous, stamp) : earlier(stamp, *previous));
    // An old entry that now stands next to a misplaced new one is not the mistake: the new one
    // is, and it is reported as older than what the section had.
    if (inverted && !added && previous_added && newest_at_base) {
      previous = std::move(stamp);
      previous_line = entry.line;
      previous_added = added;
      continue;
    }
    if (inverted) {
      const auto [now_text, before_text] = describe_apart(stamp, *previous);
      report(entry, fmt::format("{} entry at {} goes backwards: the entry before it (line {}) is at {}{}", name,
                                now_text, previous_line, before_text,
                                newest_first ? " and this section is kept newest first" : ""));
    } else if (added && newest_at_base && earlier(stamp, *newest_at_base)) {
      report(entry, fmt::format("{} entry added by this change is dated {}, older than the newest entry the "
                                "section already had ({})",
                                name, describe(stamp), describe(*newest_at_base)));
    } else if (added && bounds.range_start && stamp.epoch < saturating_add(*bounds.range_start, -bounds.backdate)
               && !(stamp.date_only && stamp.epoch / k_day >= saturating_add(*bounds.range_start, -bounds.backdate) / k_day)) {
      report(entry, fmt::format("{} entry added by this change is dated {}, more than {} h before the change "
                                "began ({}, its earliest commit{}): history is written as it happens, not backdated",
                                name, describe(stamp), bounds.backdate / 3600, format_utc(*bounds.range_start),
                                context.changes.range().worktree ? " or the base" : ""));
    }
    previous = std::move(stamp);
    previous_line = entry.line;
    previous_added = added;
  }
}

// True for a pull request squashed into one commit on GitHub (`Title (#123)`, committed by GitHub):
// its author date is when it was merged, not when its work began, so it bounds nothing. Checked on
// the branch before the merge, its entries were measured against the branch's own commits.
bool squash_merge(const CommitInfo& commit)
{
  const std::string& subject = commit.summary;
  const std::size_t open = subject.rfind("(#");
  if (commit.parent_count != 1 || subject.empty() || subject.back() != ')' || open == std::string::npos ||
      open + 3 > subject.size() - 1 || commit.committer_email != "noreply@github.com") {
    return false;
  }
  return std::all_of(subject.begin() + static_cast<std::ptrdiff_t>(open) + 2, subject.end() - 1,
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

} // namespace

void check_timestamps_monotonic(const RuleContext& context)
{
  const auto& range = context.changes.range();
  Bounds bounds;
  bounds.reference = range.worktree ? range.now : range.head_committer_time;
  bounds.future = std::clamp(context.settings.options.integer("future_tolerance_minutes"), -k_max_tolerance_minutes,
                             k_max_tolerance_minutes) * 60;
  // The range began with its earliest commit (as authored: a rebase keeps author dates); with
  // --worktree, uncommitted entries began no earlier than the base. A range holding a squash merge
  // began at no date its commits tell: the squashed work began before the merge, when is not
  // recorded, and an entry may come from it.
  const auto& commits = context.changes.commits();
  if (!range.base_sha.empty() && std::none_of(commits.begin(), commits.end(), squash_merge)) {
    for (const auto& commit : commits) {
      bounds.range_start = std::min(bounds.range_start.value_or(commit.author_time), commit.author_time);
    }
    if (range.worktree) {
      bounds.range_start = std::min(bounds.range_start.value_or(range.base_committer_time), range.base_committer_time);
    }
  }
  bounds.backdate = std::clamp(context.settings.options.integer("backdate_tolerance_hours"), 0LL,
                               k_max_tolerance_minutes / 60) * 3600;
  bounds.edit_percent = context.config.rule("log-append-only").options.integer("max_edit_percent");

  for_each_plan(context, [&](const Target& target, const Document& head) {
    for (const auto& view : log_sections(head, context.config)) {
      if (!view.spec->timestamped) {
        continue;
      }
      check_section(context, target, view, bounds);
    }
  });
}

RuleInfo timestamps_monotonic_info()
{
  return {
    .id = "timestamps-monotonic",
    .default_severity = Severity::error,
    .summary = "Log timestamps never go backwards, are not in the future, and new entries are not backdated.",
    .description =
      "A log whose times jump backwards cannot be read as history. Within each log section, "
      "timestamps follow document order: oldest first or newest first, as the section's own "
      "entries show at base (at head when the section is new), unless the config fixes the order. "
      "No entry is later than the head commit's committer time plus a tolerance (with `--worktree`, "
      "the current time); a date alone, which names a day in a zone it does not say, is later "
      "only when that day has begun nowhere yet (in no zone up to UTC+14). An entry added by the "
      "range is not older than the newest entry the "
      "section already had at base, nor dated more than `backdate_tolerance_hours` before the "
      "range began (the earliest author date of its commits; with `--worktree`, also the base "
      "commit's date): history is appended as it happens, not backdated. A pull request squashed "
      "into one commit on GitHub (`Title (#123)`, committed by GitHub) is dated when it was merged, "
      "not when its work began: a range holding one has no known beginning, and its entries were "
      "checked on the branch.",
    .fix = "Give the entry the UTC time it was actually written and put it at the end of the section "
           "(the start, for a newest-first section). Use `planck log` to append with the current time.",
    .bad_example = "## Progress\n\n- [2025-10-30 11:42 UTC] Started.\n- [2025-10-29 09:00 UTC] Finished phase 1.\n",
    .good_example = "## Progress\n\n- [2025-10-29 09:00 UTC] Started.\n- [2025-10-30 11:42 UTC] Finished phase 1.\n",
    .options = {
      {.name = "future_tolerance_minutes",
       .type = OptionType::integer,
       .default_yaml = "60",
       .help = "How far past the head commit's time (or now, with --worktree) an entry may be dated.",
       .minimum = 0},
      {.name = "backdate_tolerance_hours",
       .type = OptionType::integer,
       .default_yaml = "24",
       .help = "How long before the range's earliest commit an entry the range adds may be dated.",
       .minimum = 0},
    },
  };
}

} // namespace planck
