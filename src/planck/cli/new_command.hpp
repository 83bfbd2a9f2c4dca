#pragma once

#include "planck/cli/command.hpp"

#include <string>

namespace planck {

/// The options of `planck new`.
struct NewOptions
{
  std::string title;
  std::string owner;             // empty: git's user.name, else `unassigned`
  std::string slug;              // empty: from the title
  std::string status = "in-progress";
  std::string config;            // --config
  std::string directory = ".";   // -C
};

/// Runs `planck new`: writes a plan from the pack's canonical template and registers it under Active
/// Plans; prints the plan's path. Throws `planck::Error` (nothing written) for a bad title, slug or
/// status, an existing plan, or a registry without `## Active Plans`.
int run_new(const NewOptions& options);

/// Registers `planck new` and its options on `parent`.
Command add_new_command(CLI::App& parent);

} // namespace planck
