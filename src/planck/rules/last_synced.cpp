#include "planck/rules/builtin.hpp"
#include "planck/util/timestamp.hpp"

#include <fmt/format.h>

namespace planck {

namespace {

constexpr std::int64_t k_day = 24 * 60 * 60;

std::optional<std::int64_t> synced_date(const Document* document)
{
  const std::string* value = document != nullptr ? document->front_matter.scalar("last_synced") : nullptr;
  if (value == nullptr) {
    return std::nullopt;
  }
  return parse_date(*value);
}

// True when `change`, a rename, moved the document without changing a byte. Between two commits
// the blob ids say so; line counts, which diff every changed file of the range at once, answer only
// for a rename in the work tree (whose new side has no id yet).
bool pure_rename(const FileChange& change, const ChangeSet& changes)
{
  if (change.same_blob) {
    return true;
  }
  if (!changes.range().worktree) {
    return false;   // two blobs: the text differs
  }
  return changes.line_counts(change) == std::pair<int, int>{0, 0};
}

} // namespace

void check_last_synced(const RuleContext& context)
{
  for (const auto& target : context.targets) {
    if (target.head == nullptr || target.change == nullptr) {
      continue;
    }
    // A pure rename or a change of mode alone does not change what the document says.
    if (target.change->mode_only
        || (target.change->status == FileChange::Status::renamed && pure_rename(*target.change, context.changes))) {
      continue;
    }
    const auto synced = synced_date(target.head);
    if (!synced) {
      continue;
    }
    const int line = target.head->front_matter.line_of("last_synced");
    const auto report = [&](std::string message) {
      context.report({.path = target.path,
                      .line = line,
                      .column = 1,
                      .end_line = 0,
                      .message = std::move(message),
                      .fingerprint_key = "last_synced",
                      .severity = std::nullopt});
    };

    const auto before = synced_date(target.base);
    if (before && *synced < *before) {
      report(fmt::format("last_synced went backwards from {} to {}", format_utc_date(*before),
                         format_utc_date(*synced)));
      continue;
    }
    const auto changed = context.changes.last_change_time(target.path);
    if (!changed) {
      continue;
    }
    const std::int64_t needed = *changed / k_day * k_day;
    if (*synced < needed) {
      report(fmt::format("last_synced is {} but the document changed on {}; move it forward to at least {}",
                         format_utc_date(*synced), format_utc_date(needed), format_utc_date(needed)));
    }
  }
}

RuleInfo last_synced_info()
{
  return {
    .id = "last-synced",
    .default_severity = Severity::warning,
    .summary = "A document whose content changed has `last_synced` moved forward to the change's date.",
    .description =
      "`last_synced` tells readers how fresh a document is. When the range changes a document that "
      "has `last_synced` in its front matter, the date must be at least the UTC date of the newest "
      "commit in the range that changed it, by author date, so rebasing a branch later does not "
      "move it; for uncommitted changes with `--worktree`, today. It applies to plans, the "
      "registry and the cross-link documents.",
    .fix = "Set `last_synced:` to today's UTC date when you edit the document (`planck log` does it for you).",
    .bad_example = "---\nlast_synced: 2025-09-01\n---\n(edited on 2025-10-30)\n",
    .good_example = "---\nlast_synced: 2025-10-30\n---\n(edited on 2025-10-30)\n",
    .options = {},
  };
}

} // namespace planck
