#include "planck/cli/log_command.hpp"

#include "planck/authoring/file_transaction.hpp"
#include "planck/authoring/plan_edit.hpp"
#include "planck/cli/open.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace planck {

int run_log(const LogOptions& options)
{
  if (trim(options.text).empty()) {
    throw Error("the entry needs text: planck log PLAN SECTION \"what happened\"");
  }
  const Workspace workspace = open_workspace(options.directory, options.config);
  const Config& config = workspace.config();
  const std::string cwd = std::filesystem::absolute(options.directory).string();
  const std::string path = workspace.find_plan(options.plan, cwd).or_throw();
  const LogSection* log = find_log_spec(config, options.section).or_throw();
  // Read under the lock: another planck appending at the same moment must not lose its entry.
  FileTransaction transaction(workspace.root());
  transaction.lock({path});
  const auto text = workspace.read(path);
  if (!text) {
    throw Error(fmt::format("cannot read {}", path));
  }

  const std::int64_t now = now_utc();
  const LogAppend result = append_log_entry(*text, config, *log, options.text, now);
  switch (result.status) {
  case LogAppend::Status::no_section:
    throw Error(fmt::format("{} has no '## {}' section; add the heading first", path, log->name));
  case LogAppend::Status::in_future:
    std::cerr << fmt::format("planck: {}: the newest {} entry is dated {}, later than now ({}); not writing an "
                             "entry that would go backwards (fix the clock or that entry first)\n",
                             path, log->name, format_utc(result.newest), format_utc(now));
    return 1;
  case LogAppend::Status::ok:
    break;
  }
  transaction.write(path, result.text);
  transaction.commit();
  std::cout << fmt::format("{}:{}: {}\n", path, result.line, std::string(trim(result.entry)));
  return 0;
}

Command add_log_command(CLI::App& parent)
{
  auto options = std::make_shared<LogOptions>();
  auto* command = parent.add_subcommand("log", "Append a timestamped entry to a log section of a plan");
  command->add_option("plan", options->plan, "The plan: its slug or its path")->required();
  command->add_option("section", options->section, "progress, decision-log, surprises, or any log section name")->required();
  command->add_option("text", options->text, "The entry's text")->required();
  add_config_option(*command, options->config);
  add_directory_option(*command, options->directory);
  return {command, [options] { return run_log(*options); }};
}

} // namespace planck
