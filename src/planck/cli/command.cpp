#include "planck/cli/command.hpp"
#include "planck/util/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

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

void flush_stdout()
{
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    throw Error(fmt::format("cannot write to standard output: {}",
                            errno != 0 ? std::strerror(errno) : "the write failed"));
  }
}

} // namespace planck
