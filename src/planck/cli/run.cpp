#include "planck/cli/run.hpp"
#include "planck/cli/check_command.hpp"
#include "planck/cli/config_command.hpp"
#include "planck/cli/close_command.hpp"
#include "planck/cli/hook_command.hpp"
#include "planck/cli/init_command.hpp"
#include "planck/cli/log_command.hpp"
#include "planck/cli/new_command.hpp"
#include "planck/cli/rules_command.hpp"
#include "planck/cli/status_command.hpp"
#include "planck/cli/version.hpp"
#include "planck/report/formats.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

namespace planck {

int run(int argc, char** argv)
{
  CLI::App app{"planck: gate changes on execution plans (ExecPlans)", "planck"};
  app.set_version_flag("--version", std::string(k_version) + " (" + k_build_commit + ")");
  app.require_subcommand(1);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log what planck compares and where it found its base and config");

  CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "Check the plans a range of commits touched");
  check_cmd->add_option("--base", check.base,
                        "Compare with the merge base of REV and head (default: from the CI, origin/HEAD, main)");
  check_cmd->add_option("--head", check.head, "The commit to check (default HEAD)");
  check_cmd->add_flag("--worktree", check.worktree, "Add uncommitted changes (index and work tree) on top of head");
  check_cmd->add_flag("--all", check.all, "Check every document at head, whatever changed");
  check_cmd->add_option("--config", check.config, "Config file (default planck.yaml or .planck.yaml at the root)");
  check_cmd->add_option("-C,--directory", check.directory, "Run as if started in DIR");
  check_cmd->add_option("--format", check.format, "Output on stdout (default text):\n" + format_help());
  check_cmd->add_option("--report", check.reports, "Also write FORMAT=FILE (repeatable); FORMAT is " + format_names());
  check_cmd->add_option("--fail-on", check.fail_on, "Exit 1 when a finding is at least: error, warning, note, none");
  check_cmd->add_option("--color", check.color, "Colour the text output: auto, always, never");
  check_cmd->add_flag("-q,--quiet", check.quiet, "No summary line on stderr");

  auto* rules_cmd = app.add_subcommand("rules", "List every rule with its default severity");
  std::string docs_directory;
  rules_cmd->add_option("--write-docs", docs_directory, "Write every rule's help page, DIR/ID.md (docs/rules)");
  std::string explain_id;
  bool explain_markdown = false;
  auto* explain_cmd = app.add_subcommand("explain", "Explain a rule: what, why, how to fix, options, examples");
  explain_cmd->add_option("rule", explain_id, "Rule id, e.g. timestamp-format")->required();
  explain_cmd->add_flag("--markdown", explain_markdown, "Write the help as the Markdown page of docs/rules/");

  ConfigOptions config_options;
  auto* config_cmd =
    app.add_subcommand("config", "Print the effective configuration and where each value came from");
  config_cmd->add_option("--config", config_options.config, "Config file (default planck.yaml, else discovered)");
  config_cmd->add_option("-C,--directory", config_options.directory, "Run as if started in DIR");

  // Authoring commands: each writes atomically and leaves the tree passing `planck check`.
  InitOptions init;
  auto* init_cmd = app.add_subcommand("init", "Write planck.yaml, the plan registry and the plans folder");
  init_cmd->add_option("--pack", init.pack, "The convention: agdd or execplan (default: detected, else agdd)");
  init_cmd->add_flag("--force", init.force, "Overwrite existing files");
  init_cmd->add_option("-C,--directory", init.directory, "Run as if started in DIR");

  NewOptions plan;
  auto* new_cmd = app.add_subcommand("new", "Create a plan from the canonical template and register it");
  new_cmd->add_option("title", plan.title, "The plan's title")->required();
  new_cmd->add_option("--owner", plan.owner, "Owner(s) in the registry (default: git user.name, else unassigned)");
  new_cmd->add_option("--slug", plan.slug, "File name without .md (default: from the title)");
  new_cmd->add_option("--status", plan.status, "in-progress (default), blocking or paused");
  new_cmd->add_option("--config", plan.config, "Config file (default planck.yaml or .planck.yaml at the root)");
  new_cmd->add_option("-C,--directory", plan.directory, "Run as if started in DIR");

  LogOptions log;
  auto* log_cmd = app.add_subcommand("log", "Append a timestamped entry to a log section of a plan");
  log_cmd->add_option("plan", log.plan, "The plan: its slug or its path")->required();
  log_cmd->add_option("section", log.section, "progress, decision-log, surprises, or any log section name")->required();
  log_cmd->add_option("text", log.text, "The entry's text")->required();
  log_cmd->add_option("--config", log.config, "Config file (default planck.yaml or .planck.yaml at the root)");
  log_cmd->add_option("-C,--directory", log.directory, "Run as if started in DIR");

  CloseOptions close;
  auto* close_cmd = app.add_subcommand("close", "Mark a finished plan completed and move it to Completed Plans");
  close_cmd->add_option("plan", close.plan, "The plan: its slug or its path")->required();
  close_cmd->add_option("--config", close.config, "Config file (default planck.yaml or .planck.yaml at the root)");
  close_cmd->add_option("-C,--directory", close.directory, "Run as if started in DIR");

  StatusOptions status;
  auto* status_cmd = app.add_subcommand("status", "Show the active plans: owner, status, last entry, staleness");
  status_cmd->add_option("--format", status.format, "text (default), json or markdown (a GitHub step summary table)");
  status_cmd->add_option("--stale-days", status.stale_days, "Stale when the newest log entry is older (default 7)");
  status_cmd->add_option("--config", status.config, "Config file (default planck.yaml or .planck.yaml at the root)");
  status_cmd->add_option("-C,--directory", status.directory, "Run as if started in DIR");

  HookOptions hook;
  auto* hook_cmd = app.add_subcommand("hook", "Manage the git hook that runs planck before pushing");
  hook_cmd->require_subcommand(1);
  auto* hook_install_cmd = hook_cmd->add_subcommand("install", "Write the pre-push hook (checks each pushed ref against the remote)");
  hook_install_cmd->add_flag("--force", hook.force, "Replace a different existing pre-push hook");
  hook_install_cmd->add_option("-C,--directory", hook.directory, "Run as if started in DIR");

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
      const auto commands = level->get_subcommands([](const CLI::App*) { return true; });
      if (commands.empty()) {
        break;
      }
      const CLI::App* found = nullptr;
      std::vector<std::string> names;
      for (const CLI::App* command : commands) {
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
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    throw Error(std::string(e.what()) + " (see 'planck --help')");
  }

  auto logger = spdlog::stderr_color_mt("planck");
  logger->set_pattern("planck: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);

  if (check_cmd->parsed()) {
    return run_check(check);
  }
  if (rules_cmd->parsed()) {
    if (!docs_directory.empty()) {
      std::cout << write_rule_pages(docs_directory) << " rule pages written to " << docs_directory << "\n";
      return 0;
    }
    print_rules(std::cout);
    return 0;
  }
  if (explain_cmd->parsed()) {
    if (explain_markdown) {
      print_explanation_markdown(std::cout, explain_id);
    } else {
      print_explanation(std::cout, explain_id);
    }
    return 0;
  }
  if (config_cmd->parsed()) {
    return run_config(config_options);
  }
  if (init_cmd->parsed()) {
    return run_init(init);
  }
  if (new_cmd->parsed()) {
    return run_new(plan);
  }
  if (log_cmd->parsed()) {
    return run_log(log);
  }
  if (close_cmd->parsed()) {
    return run_close(close);
  }
  if (status_cmd->parsed()) {
    return run_status(status);
  }
  if (hook_install_cmd->parsed()) {
    return run_hook_install(hook);
  }
  return 2;
}

} // namespace planck
