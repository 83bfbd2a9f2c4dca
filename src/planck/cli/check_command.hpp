#pragma once

#include "planck/cli/command.hpp"

#include <string>
#include <vector>

namespace planck {

/// The options of `planck check`, as parsed from the command line.
struct CheckOptions
{
  std::string base;                  // empty: from the CI, then origin/HEAD, then main
  std::string head = "HEAD";
  bool worktree = false;
  bool all = false;
  std::string config;                // --config
  std::string directory = ".";       // -C
  std::string format;                // empty: text, plus annotations on GitHub Actions
  std::vector<std::string> reports;  // FORMAT=FILE
  std::string fail_on = "error";     // error, warning, note or none
  std::string color = "auto";        // auto, always or never
  bool quiet = false;
};

/// Runs `planck check`; returns 0 when no finding reaches `fail_on`, else 1. Throws `planck::Error`
/// for git, config and usage errors.
int run_check(const CheckOptions& options);

/// Registers `planck check` and its options on `parent`.
Command add_check_command(CLI::App& parent);

} // namespace planck
