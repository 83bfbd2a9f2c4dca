#pragma once

#include "planck/cli/command.hpp"

#include <string>

namespace planck {

struct ConfigOptions
{
  std::string config;          // --config FILE; empty: planck.yaml, .planck.yaml, else discovery
  std::string directory = "."; // -C DIR
};

/// `planck config`: prints the effective configuration, each value with where it came from (a pack,
/// a file, discovery, or the built-in default).
int run_config(const ConfigOptions& options);

/// Registers `planck config` and its options on `parent`.
Command add_config_command(CLI::App& parent);

} // namespace planck
