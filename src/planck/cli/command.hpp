#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace planck {

/// A command of planck as `run` sees it: the subcommand that names it, and what runs when the
/// command line did. Each command file registers its own options (`add_*_command`).
struct Command
{
  CLI::App* subcommand = nullptr;
  std::function<int()> run;
};

/// `-C,--directory DIR`, as every command that works in a repository takes it.
void add_directory_option(CLI::App& command, std::string& directory);

/// `--config FILE`, as every command that reads the configuration takes it.
void add_config_option(CLI::App& command, std::string& config);

/// Flushes standard output and throws when what was printed did not reach it (a full disk, a
/// closed pipe): a command whose output went nowhere has not succeeded. Callers set errno to 0
/// before the writes whose failure it should name.
void flush_stdout();

} // namespace planck
