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

} // namespace planck
