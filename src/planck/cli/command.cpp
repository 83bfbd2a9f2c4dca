#include "planck/cli/command.hpp"

#include <CLI/CLI.hpp>

namespace planck {

void add_directory_option(CLI::App& command, std::string& directory)
{
  command.add_option("-C,--directory", directory, "Run as if started in DIR");
}

void add_config_option(CLI::App& command, std::string& config)
{
  command.add_option("--config", config,
                     "Config file (default planck.yaml or .planck.yaml at the root, else the layout discovered)");
}

} // namespace planck
