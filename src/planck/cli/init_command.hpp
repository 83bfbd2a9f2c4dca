#pragma once

#include "planck/cli/command.hpp"

#include <string>

namespace planck {

/// The options of `planck init`.
struct InitOptions
{
  std::string pack;              // agdd or execplan; empty: execplan when its plan folders exist, else agdd
  bool force = false;            // overwrite existing files
  std::string directory = ".";   // -C
};

/// Runs `planck init`: writes planck.yaml, the registry and the plans folder with its README, and
/// registers plans already there. Returns 0; throws `planck::Error` (nothing written) when a file
/// exists and `force` is not set.
int run_init(const InitOptions& options);

/// Registers `planck init` and its options on `parent`.
Command add_init_command(CLI::App& parent);

} // namespace planck
