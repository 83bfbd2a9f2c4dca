#pragma once

#include "planck/cli/command.hpp"

#include <string>

namespace planck {

/// The options of `planck log`.
struct LogOptions
{
  std::string plan;              // a slug or a path
  std::string section;           // a log section: progress, decision-log, "Surprises & Discoveries"…
  std::string text;
  std::string config;            // --config
  std::string directory = ".";   // -C
};

/// Runs `planck log`: appends a timestamped entry to a log section of a plan and moves its
/// `last_synced` forward. Returns 0, or 1 (nothing written) when the section's newest entry is later
/// than now; throws `planck::Error` (nothing written) for an unknown plan or section.
int run_log(const LogOptions& options);

/// Registers `planck log` and its options on `parent`.
Command add_log_command(CLI::App& parent);

} // namespace planck
