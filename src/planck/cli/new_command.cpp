#include "planck/cli/new_command.hpp"

#include "planck/authoring/file_transaction.hpp"
#include "planck/authoring/line_buffer.hpp"
#include "planck/authoring/plan_template.hpp"
#include "planck/authoring/registry_edit.hpp"
#include "planck/cli/open.hpp"
#include "planck/git/settings.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace planck {

namespace fs = std::filesystem;

int run_new(const NewOptions& options)
{
  const std::string title(trim(options.title));
  if (title.empty()) {
    throw Error("the plan needs a title: planck new \"Title of the work\"");
  }
  if (title.find_first_of("\r\n") != std::string::npos) {
    throw Error("the title must be one line");
  }
  if (options.status != "in-progress" && options.status != "blocking" && options.status != "paused") {
    throw Error(fmt::format("--status must be in-progress, blocking or paused, not '{}'", options.status));
  }
  const std::string slug = options.slug.empty() ? make_slug(title) : options.slug;
  if (slug.empty()) {
    throw Error(fmt::format("cannot make a file name from '{}'; pass --slug (e.g. --slug storage-migration)", title));
  }
  if (!is_slug(slug)) {
    throw Error(fmt::format("--slug '{}' is not kebab-case (lower-case letters and digits joined by '-'), e.g. '{}'",
                            slug, make_slug(slug)));
  }

  const Workspace workspace = open_workspace(options.directory, options.config);
  const Config& config = workspace.config();
  const auto path = new_plan_path(config, slug);
  if (!path) {
    std::string globs;
    for (const auto& glob : config.plan_paths) {
      globs += (globs.empty() ? "" : ", ") + glob.pattern();
    }
    throw Error(fmt::format("no plans.paths glob of {} ({}) matches '{}.md'; set plans.paths in planck.yaml", config.source,
                            globs, slug));
  }

  const std::int64_t now = now_utc();
  std::string owner(trim(options.owner));
  if (owner.empty()) {
    owner = git_config_string(workspace.root(), "user.name").value_or("");
    owner = std::string(trim(owner));
  }
  if (owner.empty()) {
    owner = "unassigned";
  }

  // A repository that keeps no registry (registry-entry off, as discovery sets it for one) gets
  // no PLANS.md from `new` either: its plan folder is its list.
  const bool registers = config.rule("registry-entry").enabled;
  // Checked and read under the locks: two plancks adding plans at once must both be registered.
  FileTransaction transaction(workspace.root());
  if (registers) {
    transaction.lock({*path, config.registry});
  } else {
    transaction.lock({*path});
  }
  std::error_code error;
  if (fs::exists(fs::symlink_status(workspace.absolute(*path), error))) {
    throw Error(fmt::format("{} already exists; choose another title or pass --slug", *path));
  }
  const auto existing = workspace.read(config.registry);
  const std::string registry = existing.value_or(render_registry(plans_folder(config), now));
  const Document registry_document = parse_document(config.registry, registry);
  std::string new_registry = registry;
  if (find_registry_entry(parse_registry(registry_document, config.registry_lists), config.registry, *path) == nullptr) {
    const std::string entry = format_registry_entry(
        {format_utc_date(now), title, slug, relative_link(config.registry, *path), owner, options.status});
    new_registry = add_active_entry(registry, config.registry, entry, now).or_throw();
  }

  // A repository that writes CRLF gets CRLF plans.
  const std::string eol = LineBuffer(registry).eol();
  transaction.write(*path, render_plan(config, {title, slug, options.status, now}, eol));
  if (registers && (new_registry != registry || !existing)) {
    transaction.write(config.registry, new_registry);
  }
  transaction.commit();
  std::cout << *path << "\n";
  return 0;
}

Command add_new_command(CLI::App& parent)
{
  auto options = std::make_shared<NewOptions>();
  auto* command = parent.add_subcommand("new", "Create a plan from the canonical template and register it");
  command->add_option("title", options->title, "The plan's title")->required();
  command->add_option("--owner", options->owner, "Owner(s) in the registry (default: git user.name, else unassigned)");
  command->add_option("--slug", options->slug, "File name without .md (default: from the title)");
  command->add_option("--status", options->status, "in-progress (default), blocking or paused");
  add_config_option(*command, options->config);
  add_directory_option(*command, options->directory);
  return {command, [options] { return run_new(*options); }};
}

} // namespace planck
