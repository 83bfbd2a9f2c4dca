#include "planck/rules/builtin.hpp"
#include "planck/rules/log_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace planck {

namespace {

constexpr std::int64_t k_day = 24 * 60 * 60;
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

struct Stamped
{
  const ListItem* entry;
  Timestamp stamp;
};

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

class TimestampsMonotonicRule : public Rule
{
public:
  void check(const RuleContext& context) const override
  {
    const auto& range = context.changes.range();
    const std::int64_t reference = range.worktree ? range.now : range.head_committer_time;
    const std::int64_t tolerance = std::clamp(context.settings.option_int("future_tolerance_minutes"),
                                              -k_max_tolerance_minutes, k_max_tolerance_minutes) * 60;

    for (const auto& target : context.targets) {
      if (target.role != DocumentRole::plan || target.head == nullptr) {
        continue;
      }
      for (const auto& view : log_sections(*target.head, context.config)) {
        if (!view.spec->timestamped) {
          continue;
        }
        check_section(context, target, view, reference, tolerance);
      }
    }
  }

private:
  static std::vector<Stamped> stamped_entries(const Section& section, const Config& config)
  {
    std::vector<Stamped> result;
    for (const auto& entry : section.entries) {
      auto stamp = parse_timestamp(entry.text, config.timestamps);
      if (stamp.status == Timestamp::Status::ok) {
        result.push_back({&entry, std::move(stamp)});
      }
    }
    return result;
  }

  static void check_section(const RuleContext& context, const Target& target, const LogView& view,
                            std::int64_t reference, std::int64_t tolerance)
  {
    const std::string& name = view.spec->name;
    const auto entries = stamped_entries(*view.section, context.config);

    // What the section held at base: its newest timestamp and its entries, to tell added ones.
    std::optional<Timestamp> newest_at_base;
    std::deque<std::string> kept;   // the keys that are not views of an entry's own text
    std::unordered_set<std::string_view> base_keys;
    if (target.base != nullptr) {
      if (const Section* base_section = find_log_section(*target.base, context.config, *view.spec)) {
        for (const auto& old : stamped_entries(*base_section, context.config)) {
          base_keys.insert(entry_key_view(*old.entry, kept));
          if (!newest_at_base || earlier(*newest_at_base, old.stamp)) {
            newest_at_base = old.stamp;
          }
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

    // An entry base did not have was added by the range, unless it stands among the kept entries
    // in place of a base entry that is gone: that is an edited old entry, log-append-only's to
    // report, not a backdated new one.
    // With no base section every entry is new, and no key is needed.
    std::size_t first_appended = 0;
    std::vector<bool> at_base(entries.size(), false);
    std::size_t edited = 0;
    if (!base_keys.empty()) {
      std::unordered_set<std::string_view> head_keys;
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string_view key = entry_key_view(*entries[i].entry, kept);
        if (base_keys.count(key) != 0) {
          first_appended = i + 1;
          at_base[i] = true;
        }
        head_keys.insert(key);
      }
      for (const auto& key : base_keys) {
        edited += head_keys.count(key) == 0 ? 1 : 0;
      }
    }

    const Stamped* previous = nullptr;
    for (std::size_t index = 0; index < entries.size(); ++index) {
      const Stamped& current = entries[index];
      bool added = !at_base[index];
      if (added && index < first_appended && edited > 0) {
        --edited;
        added = false;
      }
      const Timestamp& stamp = current.stamp;
      const std::int64_t limit = saturating_add(reference, tolerance);
      const bool in_future = stamp.date_only ? stamp.epoch / k_day > limit / k_day : stamp.epoch > limit;
      if (in_future) {
        report(*current.entry,
               fmt::format("{} entry is dated {}, after the {} ({}) by more than {} min", name,
                           describe(stamp), context.changes.range().worktree ? "current time" : "head commit",
                           format_utc(reference), tolerance / 60));
        // The next entry is compared with the last plausible time, not with this one.
        continue;
      } else if (previous != nullptr
                 && (view.spec->newest_first ? earlier(previous->stamp, stamp) : earlier(stamp, previous->stamp))) {
        report(*current.entry,
               fmt::format("{} entry at {} goes backwards: the entry before it (line {}) is at {}{}", name,
                           describe(stamp), previous->entry->line, describe(previous->stamp),
                           view.spec->newest_first ? " and this section is kept newest first" : ""));
      } else if (newest_at_base && added && earlier(stamp, *newest_at_base)) {
        report(*current.entry,
               fmt::format("{} entry added by this change is dated {}, older than the newest entry the "
                           "section already had ({})",
                           name, describe(stamp), describe(*newest_at_base)));
      }
      previous = &current;
    }
  }
};

} // namespace

RuleEntry timestamps_monotonic_rule()
{
  return {
    .info = {
      .id = "timestamps-monotonic",
      .default_severity = Severity::error,
      .summary = "Log timestamps never go backwards, are not in the future, and new entries are not backdated.",
      .description =
        "A log whose times jump backwards cannot be read as history. Within each log section, "
        "timestamps follow document order (oldest first, or newest first where the pack says so). "
        "No entry is later than the head commit's committer time plus a tolerance (with `--worktree`, "
        "the current time), and an entry added by the range is not older than the newest entry the "
        "section already had at base: history is appended now, not backdated.",
      .fix = "Give the entry the UTC time it was actually written and put it at the end of the section "
             "(the start, for a newest-first section). Use `planck log` to append with the current time.",
      .bad_example = "## Progress\n\n- [2025-10-30 11:42 UTC] Started.\n- [2025-10-29 09:00 UTC] Finished phase 1.\n",
      .good_example = "## Progress\n\n- [2025-10-29 09:00 UTC] Started.\n- [2025-10-30 11:42 UTC] Finished phase 1.\n",
      .options = {
        {.name = "future_tolerance_minutes",
         .type = OptionType::integer,
         .default_yaml = "60",
         .help = "How far past the head commit's time (or now, with --worktree) an entry may be dated."},
      },
    },
    .make = [] { return std::make_unique<TimestampsMonotonicRule>(); },
  };
}

} // namespace planck
