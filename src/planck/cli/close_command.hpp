#pragma once

#include "planck/cli/command.hpp"

#include <string>

namespace planck {

/// The options of `planck close`.
struct CloseOptions
{
  std::string plan;              // a slug or a path
  std::string config;            // --config
  std::string directory = ".";   // -C
};

/// Runs `planck close`: when the plan is complete (the `plan-completion` rule finds nothing on the
/// tree as it would be), sets its front-matter status to `completed`, moves its registry entry to
/// Completed Plans, links it from the changelog and moves `last_synced` forward. Returns 0, or 1
/// (nothing written) listing what is missing; throws `planck::Error` for an unknown plan or a
/// registry that does not list it.
int run_close(const CloseOptions& options);

/// Registers `planck close` and its options on `parent`.
Command add_close_command(CLI::App& parent);

} // namespace planck
