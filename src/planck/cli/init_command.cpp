#include "planck/cli/init_command.hpp"

#include "planck/authoring/file_transaction.hpp"
#include "planck/authoring/plan_template.hpp"
#include "planck/authoring/registry_edit.hpp"
#include "planck/cli/open.hpp"
#include "planck/config/config.hpp"
#include "planck/config/discover.hpp"
#include "planck/config/packs.hpp"
#include "planck/git/repository.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/plan/plan_status.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace planck {

namespace fs = std::filesystem;

namespace {

Config pack_config(const std::string& pack)
{
  return load_config_text("extends: " + pack + "\n", "planck.yaml", rule_infos()).or_throw();
}

bool folder_exists(const fs::path& path)
{
  std::error_code error;
  return fs::is_directory(path, error);
}

// The pack a repository already follows: the cookbook's when its plan folders are there, else AGDD.
std::string detect_pack(const std::string& root)
{
  const Config agdd = pack_config("agdd");
  const Config execplan = pack_config("execplan");
  if (folder_exists(fs::path(root) / plans_folder(agdd))) {
    return "agdd";
  }
  for (const auto& glob : execplan.plan_paths) {
    const Config single = [&] {
      Config copy = execplan;
      copy.plan_paths = {glob};
      return copy;
    }();
    if (folder_exists(fs::path(root) / plans_folder(single))) {
      return "execplan";
    }
  }
  return "agdd";
}

std::string title_of(const Document& plan, const std::string& path)
{
  const std::string* title = plan.front_matter.scalar("title");
  if (title != nullptr && !trim(*title).empty()) {
    return std::string(trim(*title));
  }
  return plan.title.empty() ? fs::path(path).stem().string() : plan.title;
}

// The registry with every plan already in the work tree listed: completed ones under Completed
// Plans, the others under Active Plans with the status their front matter gives (in-progress if none).
std::string register_existing(std::string registry, const Workspace& workspace, const std::string& registry_path,
                              std::int64_t now, int& count)
{
  const std::string today = format_utc_date(now);
  for (const auto& path : workspace.plans()) {
    const auto text = workspace.read(path);
    if (!text) {
      continue;
    }
    const Document plan = parse_document(path, *text);
    std::string status = "in-progress";
    if (const std::string* value = plan.front_matter.scalar("status")) {
      const std::string written = to_lower(trim(*value));
      if (written == "blocking" || written == "paused" || written == "completed") {
        status = written;
      }
    }
    const std::string entry = format_registry_entry({today, title_of(plan, path), fs::path(path).stem().string(),
                                                     relative_link(registry_path, path), "unassigned",
                                                     status == "completed" ? "in-progress" : status});
    registry = add_active_entry(registry, registry_path, entry, now).or_throw();
    if (status == "completed") {
      registry = complete_entry(registry, registry_path, path, now).or_throw();
    }
    ++count;
  }
  return registry;
}

} // namespace

int run_init(const InitOptions& options)
{
  const Repository repository = Repository::discover(options.directory).or_throw();
  const std::string root = repository.workdir();
  if (root.empty()) {
    throw Error("the repository has no work tree (bare repository); run planck in a checkout");
  }
  std::string pack = options.pack;
  if (pack.empty()) {
    // A repository that already keeps plans gets a planck.yaml of its own layout, as discovered,
    // and nothing else: its registry and folders are its own.
    if (const auto head = repository.resolve("HEAD")) {
      const auto discovered = discover_revision(repository, *head);
      if (discovered) {
        const Discovery& found = *discovered;
        // An AGDD layout in the pack's own folder with no registry yet: the setup below creates
        // the registry and registers its plans, which is what that convention wants.
        const bool agdd_default = found.pack == "agdd" && found.registry.empty() &&
                                  found.plan_globs == std::vector<std::string>{"docs/development/plans/*.md"};
        // A registry with no plan files beside it (plans kept inline, or none yet) is kept too:
        // a second registry at the pack's place would split the repository's list in two.
        const bool registry_only = !found.plans_found && !found.registry.empty();
        if ((found.plans_found && !agdd_default) || registry_only) {
          const fs::path target = fs::path(root) / "planck.yaml";
          if (!options.force && (fs::exists(target) || fs::exists(fs::path(root) / ".planck.yaml"))) {
            throw Error(fmt::format("{} already exists; nothing was written (pass --force to overwrite)",
                                    fs::exists(target) ? "planck.yaml" : ".planck.yaml"));
          }
          // What it writes must load: a discovery the loader refuses is a bug, not a config to write.
          (void)load_config_text(found.yaml(), "planck.yaml", rule_infos()).or_throw();
          FileTransaction transaction(root);
          transaction.write(target.string(), found.yaml());
          transaction.commit();
          if (registry_only) {
            std::cout << fmt::format("wrote planck.yaml for the registry {}; it lists no plan files yet: set "
                                     "plans.paths to where plan files will live; review it\n",
                                     found.registry);
          } else {
            std::cout << fmt::format("wrote planck.yaml for the plans discovered in {} ({}); review it\n",
                                     fmt::format("{}", fmt::join(found.plan_globs, ", ")), found.layout);
          }
          return 0;
        }
      }
    }
    pack = detect_pack(root);
  }
  bool known = false;
  std::vector<std::string> names;
  for (const auto& embedded : embedded_packs()) {
    names.emplace_back(embedded.name);
    known = known || embedded.name == pack;
  }
  if (!known) {
    const auto suggestion = closest_match(pack, names);
    throw Error(fmt::format("unknown pack '{}'{}", pack,
                            suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion)));
  }
  const Config config = pack_config(pack);
  const std::int64_t now = now_utc();
  const std::string folder = plans_folder(config);

  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back("planck.yaml", render_config(pack, config));
  files.emplace_back(config.registry, render_registry(folder, now));
  if (!folder.empty()) {
    const std::string readme = folder + "/README.md";
    files.emplace_back(readme, render_plans_readme(readme, config.registry));
  }

  if (!options.force) {
    std::vector<std::string> existing;
    for (const std::string& path : {std::string("planck.yaml"), std::string(".planck.yaml")}) {
      if (fs::exists(fs::path(root) / path)) {
        existing.push_back(path);
      }
    }
    for (const auto& [path, content] : files) {
      if (path != "planck.yaml" && fs::exists(fs::path(root) / path)) {
        existing.push_back(path);
      }
    }
    if (!existing.empty()) {
      std::string list;
      for (const auto& path : existing) {
        list += (list.empty() ? "" : ", ") + path;
      }
      throw Error(fmt::format("{} already exist{}; nothing was written (pass --force to overwrite)", list,
                              existing.size() == 1 ? "s" : ""));
    }
  }

  // Plans already in the folder are registered, so the new registry passes `planck check`.
  const Workspace workspace(root, config, [root] { return work_tree_files(root); });
  int registered = 0;
  files[1].second = register_existing(files[1].second, workspace, config.registry, now, registered);

  FileTransaction transaction(root);
  for (const auto& [path, content] : files) {
    transaction.write((fs::path(root) / path).string(), content);
  }
  transaction.commit();

  std::cout << fmt::format("wrote planck.yaml (extends: {}), {}", pack, config.registry);
  if (!folder.empty()) {
    std::cout << fmt::format(" and {}/README.md", folder);
  }
  std::cout << "\n";
  if (registered > 0) {
    std::cout << fmt::format("registered {} existing plan{} in {}\n", registered, registered == 1 ? "" : "s",
                             config.registry);
  }
  std::cout << "next: planck new \"Title of the work\"\n";
  return 0;
}

Command add_init_command(CLI::App& parent)
{
  auto options = std::make_shared<InitOptions>();
  auto* command = parent.add_subcommand("init", "Write planck.yaml, the plan registry and the plans folder");
  command->add_option("--pack", options->pack, "The convention: agdd or execplan (default: detected, else agdd)");
  command->add_flag("--force", options->force, "Overwrite existing files");
  add_directory_option(*command, options->directory);
  return {command, [options] { return run_init(*options); }};
}

} // namespace planck
