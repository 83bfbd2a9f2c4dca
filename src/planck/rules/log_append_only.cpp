#include "planck/rules/builtin.hpp"
#include "planck/rules/log_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <string_view>
#include <unordered_map>

namespace planck {

namespace {

// How a base entry is found again at head: a view of the entry's text, or of a key in `kept`.
std::string_view match_key(const ListItem& entry, const LogSection& spec, const TimestampOptions& options,
                           std::deque<std::string>& kept)
{
  // A checklist step gains its timestamp when it is ticked; compare it without one.
  if (spec.checklist) {
    kept.push_back(entry_key_without_timestamp(entry, options));
    return kept.back();
  }
  return entry_key_view(entry, kept);
}

class LogAppendOnlyRule : public Rule
{
public:
  void check(const RuleContext& context) const override
  {
    for (const auto& target : context.targets) {
      if (target.role != DocumentRole::plan || target.base == nullptr || target.head == nullptr) {
        continue;
      }
      for (const auto& view : log_sections(*target.base, context.config)) {
        check_section(context, target, view);
      }
    }
  }

private:
  static void check_section(const RuleContext& context, const Target& target, const LogView& base_view)
  {
    const LogSection& spec = *base_view.spec;
    const auto& options = context.config.timestamps;
    const std::vector<ListItem>& before = base_view.section->entries;
    const Section* head_section = find_log_section(*target.head, context.config, spec);
    static const std::vector<ListItem> k_none;
    const std::vector<ListItem>& after = head_section != nullptr ? head_section->entries : k_none;

    std::deque<std::string> kept;   // the keys that are not views of an entry's own text
    std::unordered_map<std::string_view, std::vector<std::size_t>> positions;
    for (std::size_t i = 0; i < after.size(); ++i) {
      positions[match_key(after[i], spec, options, kept)].push_back(i);
    }

    // Match base entries, in order, to head entries after the previous match; what does not match
    // was edited, removed or moved.
    std::vector<std::ptrdiff_t> matched(before.size(), -1);
    std::vector<bool> head_used(after.size(), false);
    std::ptrdiff_t last = -1;
    for (std::size_t i = 0; i < before.size(); ++i) {
      const auto found = positions.find(match_key(before[i], spec, options, kept));
      if (found == positions.end()) {
        continue;
      }
      const auto& list = found->second;
      const auto candidate = std::upper_bound(
        list.begin(), list.end(), last,
        [](std::ptrdiff_t value, std::size_t element) { return value < static_cast<std::ptrdiff_t>(element); });
      if (candidate != list.end()) {
        matched[i] = static_cast<std::ptrdiff_t>(*candidate);
        head_used[*candidate] = true;
        last = matched[i];
      }
    }

    const std::string& name = spec.name;
    const int fallback_line = head_section != nullptr ? head_section->line : std::max(1, target.head->title_line);
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (matched[i] >= 0) {
        continue;
      }
      const ListItem& old = before[i];
      // A pending step of a checklist is a plan, not history: the cookbook splits, rewords and
      // drops open steps as work goes on. Only ticked, stamped steps are kept as they were.
      if (is_pending_step(old, spec)) {
        continue;
      }
      const std::string_view key = match_key(old, spec, options, kept);
      // The slot between the neighbouring matches is where an edited version would be.
      std::ptrdiff_t low = -1;
      for (std::size_t j = i; j-- > 0;) {
        if (matched[j] >= 0) {
          low = matched[j];
          break;
        }
      }
      std::ptrdiff_t high = static_cast<std::ptrdiff_t>(after.size());
      for (std::size_t j = i + 1; j < before.size(); ++j) {
        if (matched[j] >= 0) {
          high = matched[j];
          break;
        }
      }

      RawFinding finding{.path = target.path,
                         .line = fallback_line,
                         .column = 1,
                         .end_line = 0,
                         .message = {},
                         .fingerprint_key = name + "\n" + entry_key(old),
                         .severity = std::nullopt};

      if (positions.count(key) != 0) {
        const ListItem& moved = after[positions[key].front()];
        finding.line = moved.line;
        finding.column = moved.column;
        finding.message = fmt::format("{} entry was moved out of its place in the log (it was at base "
                                      "line {}): \"{}\"",
                                      name, old.line, quote(old.text));
        context.report(std::move(finding));
        continue;
      }

      std::ptrdiff_t edited = -1;
      for (std::ptrdiff_t k = low + 1; k < high; ++k) {
        if (!head_used[static_cast<std::size_t>(k)]) {
          edited = k;
          break;
        }
      }
      if (edited >= 0) {
        const ListItem& now = after[static_cast<std::size_t>(edited)];
        head_used[static_cast<std::size_t>(edited)] = true;
        finding.line = now.line;
        finding.column = now.column;
        finding.end_line = now.end_line;
        finding.message = fmt::format("{} entry was edited; logs are append-only. At base it read: \"{}\"",
                                      name, quote(old.text));
      } else {
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
      }
      context.report(std::move(finding));
    }
  }
};

} // namespace

RuleEntry log_append_only_rule()
{
  return {
    .info = {
      .id = "log-append-only",
      .default_severity = Severity::error,
      .summary = "Log entries present at base are still there at head, unchanged and in the same order.",
      .description =
        "Progress, Decision Log and Surprises & Discoveries are history: a later session trusts them "
        "to say what was known and decided at the time. Rewriting or deleting an entry loses that. "
        "Each entry present at base must still be present at head, unchanged (whitespace aside) and "
        "in the same order. Ticking a checkbox is not an edit, and in a checklist section stamping a "
        "step with its completion time as you tick it is not one either.",
      .fix = "Restore the entry as it was and append a new, timestamped entry that corrects or "
             "supersedes it (\"[2025-10-31 09:00 UTC] Correction to the entry of 10-30: …\").",
      .bad_example = "## Decision Log\n\n- [2025-10-30 11:42 UTC] Use Postgres. (edited later to say SQLite)\n",
      .good_example = "## Decision Log\n\n- [2025-10-30 11:42 UTC] Use Postgres.\n- [2025-11-02 08:00 UTC] Reversed: use SQLite; Postgres needs a server we do not run.\n",
      .options = {},
    },
    .make = [] { return std::make_unique<LogAppendOnlyRule>(); },
  };
}

} // namespace planck
