#include "planck/cli/run.hpp"
#include "planck/cli/check_command.hpp"
#include "planck/cli/config_command.hpp"
#include "planck/cli/close_command.hpp"
#include "planck/cli/command.hpp"
#include "planck/cli/hook_command.hpp"
#include "planck/cli/init_command.hpp"
#include "planck/cli/log_command.hpp"
#include "planck/cli/new_command.hpp"
#include "planck/cli/rules_command.hpp"
#include "planck/cli/status_command.hpp"
#include "planck/cli/version.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cerrno>

namespace planck {

namespace {

// `status`, once everything printed has reached standard output. Every command's output counts,
// not only check's report: a listing, a help text or a path printed into a full disk or a closed
// pipe is an error, not a success that printed nothing.
int written(int status)
{
  errno = 0;
  flush_stdout();
  return status;
}

} // namespace

int run(int argc, char** argv)
{
  CLI::App app{"planck: gate changes on execution plans (ExecPlans)", "planck"};
  app.set_version_flag("--version", std::string(k_version) + " (" + k_build_commit + ")");
  app.require_subcommand(1);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log what planck compares and where it found its base and config");

  const std::vector<Command> commands = {
    add_check_command(app),  add_rules_command(app), add_explain_command(app), add_config_command(app),
    // Authoring commands: each writes atomically and leaves the tree passing `planck check`.
    add_init_command(app),   add_new_command(app),   add_log_command(app),     add_close_command(app),
    add_status_command(app), add_hook_command(app),
  };

  // `planck check -v` as well as `planck -v check`: options of the app are accepted after a subcommand.
  for (CLI::App* subcommand : app.get_subcommands([](CLI::App*) { return true; })) {
    subcommand->fallthrough();
  }

  // A mistyped command is named, with the closest one: CLI11 says only that a subcommand is
  // required. Options at this level take no value, so the first word that is not an option is
  // the command.
  {
    const CLI::App* level = &app;
    std::string path = "planck";
    for (int i = 1; i < argc && level != nullptr; ++i) {
      const std::string word = argv[i];
      if (word.empty() || word.front() == '-') {
        continue;
      }
      const auto subcommands = level->get_subcommands([](const CLI::App*) { return true; });
      if (subcommands.empty()) {
        break;
      }
      const CLI::App* found = nullptr;
      std::vector<std::string> names;
      for (const CLI::App* command : subcommands) {
        names.push_back(command->get_name());
        if (command->check_name(word)) {
          found = command;
        }
      }
      if (found == nullptr) {
        const std::string near = closest_match(word, names);
        throw Error(fmt::format("'{}' is not a {} command{}; the commands are {} (see '{} --help')", word, path,
                                near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near),
                                fmt::join(names, ", "), path));
      }
      path += " " + word;
      level = found;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return written(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return written(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    return written(app.exit(e));
  } catch (const CLI::ParseError& e) {
    throw Error(std::string(e.what()) + " (see 'planck --help')");
  }

  auto logger = spdlog::stderr_color_mt("planck");
  logger->set_pattern("planck: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);

  for (const Command& command : commands) {
    if (command.subcommand->parsed()) {
      return written(command.run());
    }
  }
  return 2;
}

} // namespace planck
