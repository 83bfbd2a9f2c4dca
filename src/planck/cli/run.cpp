#include "planck/cli/run.hpp"
#include "planck/cli/check_command.hpp"
#include "planck/cli/rules_command.hpp"
#include "planck/cli/version.hpp"
#include "planck/util/error.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

namespace planck {

int run(int argc, char** argv)
{
  CLI::App app{"planck: gate changes on execution plans (ExecPlans)", "planck"};
  app.set_version_flag("--version", k_version);
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
  check_cmd->add_option("--format", check.format, "Output on stdout: text, json, sarif, github, gitlab, junit");
  check_cmd->add_option("--report", check.reports, "Also write FORMAT=FILE (repeatable)");
  check_cmd->add_option("--fail-on", check.fail_on, "Exit 1 when a finding is at least: error, warning, note, none");
  check_cmd->add_option("--color", check.color, "Colour the text output: auto, always, never");
  check_cmd->add_flag("-q,--quiet", check.quiet, "No summary line on stderr");

  auto* rules_cmd = app.add_subcommand("rules", "List every rule with its default severity");
  std::string explain_id;
  auto* explain_cmd = app.add_subcommand("explain", "Explain a rule: what, why, how to fix, options, examples");
  explain_cmd->add_option("rule", explain_id, "Rule id, e.g. timestamp-format")->required();

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
    print_rules(std::cout);
    return 0;
  }
  if (explain_cmd->parsed()) {
    print_explanation(std::cout, explain_id);
    return 0;
  }
  return 2;
}

} // namespace planck
