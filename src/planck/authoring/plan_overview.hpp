#pragma once

#include "planck/authoring/workspace.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace planck {

/// Where one active plan stands, as `planck status` shows it.
struct PlanOverview
{
  std::string path;
  std::string title;
  std::vector<std::string> owners;       // from the registry, else the front matter's owner(s)
  std::string status;                    // registry status, else front-matter status
  bool registered = false;               // listed under Active Plans
  std::optional<std::string> since;      // the registry date, YYYY-MM-DD
  std::optional<int> age_days;           // days since `since`
  std::optional<std::int64_t> last_entry;  // newest log timestamp, seconds since the epoch
  std::string last_section;              // the log section it is in
  std::string last_text;                 // its text without the timestamp, shortened
  std::optional<int> idle_days;          // days since `last_entry`
  int open_boxes = 0;                    // open `- [ ]` boxes anywhere in the plan
  bool stale = false;                    // no log entry, or the newest is older than the limit
};

/// The active plans of `workspace`: those under Active Plans in the registry, plus plans whose
/// front-matter status is active (draft, in-progress, blocking, paused) that the registry does not
/// list; stalest first (no entry at all, then the oldest last entry), then by path. A plan is stale
/// when its newest log entry is more than `stale_days` days before `now`.
std::vector<PlanOverview> active_plans(const Workspace& workspace, std::int64_t now, int stale_days);

} // namespace planck
