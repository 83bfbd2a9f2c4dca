#pragma once

#include "planck/cli/command.hpp"

#include "planck/authoring/plan_overview.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace planck {

/// The options of `planck status`.
struct StatusOptions
{
  std::string format = "text";   // text, json or markdown
  int stale_days = 7;            // a plan whose newest log entry is older than this is stale
  std::string config;            // --config
  std::string directory = ".";   // -C
};

/// Runs `planck status`: prints the active plans, stalest first. Reads only; returns 0.
int run_status(const StatusOptions& options);

/// Writes `plans` in `format` (text, json or markdown) as of `now`, for `stale_days`.
void write_status(std::ostream& out, const std::string& format, const std::vector<PlanOverview>& plans,
                  std::int64_t now, int stale_days);

/// Registers `planck status` and its options on `parent`.
Command add_status_command(CLI::App& parent);

} // namespace planck
