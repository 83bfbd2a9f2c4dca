#pragma once

#include "planck/cli/command.hpp"

#include <string>

namespace planck {

/// The options of `planck hook install`.
struct HookOptions
{
  bool force = false;            // replace a different pre-push hook
  std::string directory = ".";   // -C
};

/// The pre-push hook script that runs `planck` (the absolute path `binary`, falling back to `planck`
/// on PATH) as `check --base <upstream, origin/HEAD or main> --worktree`.
std::string pre_push_hook(const std::string& binary);

/// Runs `planck hook install`: writes the pre-push hook (in core.hooksPath when set). Returns 0 when
/// it is in place (already or now); throws `planck::Error` (nothing written) when a different hook is
/// there and `force` is not set.
int run_hook_install(const HookOptions& options);

/// Registers `planck hook` and its options on `parent`.
Command add_hook_command(CLI::App& parent);

} // namespace planck
