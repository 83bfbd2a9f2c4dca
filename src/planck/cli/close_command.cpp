#include "planck/cli/close_command.hpp"

#include "planck/authoring/changelog_edit.hpp"
#include "planck/authoring/completion_check.hpp"
#include "planck/authoring/file_transaction.hpp"
#include "planck/authoring/plan_edit.hpp"
#include "planck/authoring/registry_edit.hpp"
#include "planck/cli/open.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

namespace planck {

namespace {

std::string plan_title(const Document& plan, const std::string& path)
{
  const std::string* title = plan.front_matter.scalar("title");
  if (title != nullptr && !trim(*title).empty()) {
    return std::string(trim(*title));
  }
  return plan.title.empty() ? std::filesystem::path(path).stem().string() : plan.title;
}

} // namespace

int run_close(const CloseOptions& options)
{
  const Workspace workspace = open_workspace(options.directory, options.config);
  const Config& config = workspace.config();
  const std::string cwd = std::filesystem::absolute(options.directory).string();
  const std::string path = workspace.find_plan(options.plan, cwd).or_throw();
  const std::string changelog = changelog_path(config);
  // Read under the locks, so that no entry another planck writes meanwhile is lost.
  FileTransaction transaction(workspace.root());
  transaction.lock({path, config.registry, changelog});
  const auto plan_text = workspace.read(path);
  const auto registry_text = workspace.read(config.registry);
  if (!plan_text) {
    throw Error(fmt::format("cannot read {}", path));
  }
  if (!registry_text) {
    throw Error(fmt::format("there is no registry {} to move {} to Completed Plans in", config.registry, path));
  }
  const std::int64_t now = now_utc();
  const Document plan = parse_document(path, *plan_text);
  const auto changelog_text = workspace.read(changelog);

  // The tree as it would be once closed; nothing is written unless the plan holds up in it.
  std::map<std::string, std::string> closed;
  closed[path] = advance_last_synced(set_front_matter_value(*plan_text, "status", "completed", true), now);
  closed[config.registry] = complete_entry(*registry_text, config.registry, path, now).or_throw();
  closed[changelog] = add_changelog_link(changelog_text, changelog, path, plan_title(plan, path), now);

  const auto findings = completion_findings(workspace, closed, path, now);
  if (!findings.empty()) {
    std::cerr << fmt::format("planck: cannot close {}: {} thing{} to finish first (nothing was written)\n", path,
                             findings.size(), findings.size() == 1 ? "" : "s");
    for (const auto& finding : findings) {
      std::cerr << fmt::format("{}:{}:{}: {}\n", finding.path, finding.line, finding.column, finding.message);
    }
    return 1;
  }

  const std::map<std::string, std::optional<std::string>> before = {
      {path, plan_text}, {config.registry, registry_text}, {changelog, changelog_text}};
  std::vector<std::string> written;
  for (const auto& [file, content] : closed) {
    if (before.at(file) != content) {
      transaction.write(file, content);
      written.push_back(file);
    }
  }
  if (written.empty()) {
    std::cout << fmt::format("{} is already closed\n", path);
    return 0;
  }
  transaction.commit();
  std::cout << fmt::format("closed {}: status completed, listed under Completed Plans in {}, linked from {}\n", path,
                           config.registry, changelog);
  return 0;
}

Command add_close_command(CLI::App& parent)
{
  auto options = std::make_shared<CloseOptions>();
  auto* command = parent.add_subcommand("close", "Mark a finished plan completed and move it to Completed Plans");
  command->add_option("plan", options->plan, "The plan: its slug or its path")->required();
  add_config_option(*command, options->config);
  add_directory_option(*command, options->directory);
  return {command, [options] { return run_close(*options); }};
}

} // namespace planck
