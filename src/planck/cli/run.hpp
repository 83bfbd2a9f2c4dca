#pragma once

namespace planck {

/// Parses the command line and runs the subcommand; returns the exit status (0, 1 or 2).
/// Throws `planck::Error` for usage, config and git errors.
int run(int argc, char** argv);

} // namespace planck
