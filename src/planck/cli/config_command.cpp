#include "planck/cli/config_command.hpp"
#include "planck/cli/open.hpp"

#include "planck/config/config.hpp"
#include "planck/config/discover.hpp"
#include "planck/config/yaml_flow.hpp"
#include "planck/git/repository.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>
#include <optional>

namespace planck {

namespace {

std::string_view order_name(LogOrder order)
{
  switch (order) {
  case LogOrder::oldest_first:
    return "oldest-first";
  case LogOrder::newest_first:
    return "newest-first";
  case LogOrder::detect:
    break;
  }
  return "auto";
}

std::string_view no_zone_name(NoZonePolicy policy)
{
  switch (policy) {
  case NoZonePolicy::assume_utc:
    return "assume_utc";
  case NoZonePolicy::reject:
    return "reject";
  case NoZonePolicy::note:
    break;
  }
  return "note";
}

} // namespace

int run_config(const ConfigOptions& options)
{
  const Repository repository = open_checkout(options.directory);
  const std::string root = repository.workdir();
  Config config = load_config({options.config, root}, rule_infos()).or_throw();
  std::optional<Discovery> discovered;
  if (options.config.empty() && starts_with(config.source, "pack:")) {
    if (const auto head = repository.resolve("HEAD")) {
      discovered = discover_revision(repository, *head).or_throw();
      config = load_config_text(discovered->yaml(), "discovered settings", rule_infos()).or_throw();
    }
  }

  auto& out = std::cout;
  const auto origin = [&](const std::string& key) {
    const auto it = config.origins.find(key);
    return it == config.origins.end() ? std::string("default") : it->second;
  };
  const auto line = [&](int indent, const std::string& text, const std::string& key) {
    out << fmt::format("{:<64} # {}\n", std::string(static_cast<std::size_t>(indent), ' ') + text, origin(key));
  };

  out << "# planck's effective configuration. Each value says where it came from: a pack, a file,\n"
         "# discovery (no planck.yaml), or the built-in default.\n";
  out << fmt::format("# chain: {}\n", fmt::join(config.packs, " -> "));
  if (discovered) {
    for (const auto& reason : discovered->reasons) {
      out << "#   discovered: " << reason << "\n";
    }
  }
  out << "plans:\n";
  line(2, "paths: " + yaml_flow(config.plan_paths), "plans.paths");
  line(2, "exclude: " + yaml_flow(config.plan_exclude), "plans.exclude");
  line(2, "registry: " + yaml_flow(config.registry), "plans.registry");
  line(2, "active_heading: " + yaml_flow(config.registry_lists.active), "plans.active_heading");
  line(2, "completed_heading: " + yaml_flow(config.registry_lists.completed), "plans.completed_heading");
  line(2, "crosslinks: " + yaml_flow(config.crosslinks), "plans.crosslinks");
  line(2, "sections: " + yaml_flow(config.sections), "plans.sections");
  line(2, "logs:", "plans.logs");
  for (const auto& log : config.logs) {
    out << fmt::format("    - {{name: {}, order: {}, timestamped: {}, checklist: {}}}\n", yaml_flow(log.name),
                       order_name(log.order), log.timestamped, log.checklist);
  }
  line(2, fmt::format("timestamps: {{date_only: {}, no_zone: {}}}", config.timestamps.date_only,
                      no_zone_name(config.timestamps.no_zone)),
       "plans.timestamps");
  line(0, "ignore: " + yaml_flow(config.ignore), "ignore");
  out << "limits:\n";
  line(2, fmt::format("max_document_bytes: {}", config.limits.max_document_bytes), "limits.max_document_bytes");
  line(2, fmt::format("max_entries: {}", config.limits.max_entries), "limits.max_entries");
  line(2, fmt::format("max_elements: {}", config.limits.max_elements), "limits.max_elements");
  line(2, fmt::format("max_table_columns: {}", config.limits.max_table_columns), "limits.max_table_columns");
  out << "rules:\n";
  for (const auto& [id, rule] : config.rules) {
    line(2, fmt::format("{}: {}", id, rule.enabled ? std::string(to_string(rule.severity)) : "off"),
         "rules." + id + ".severity");
    if (!rule.paths.empty()) {
      line(4, "paths: " + yaml_flow(rule.paths), "rules." + id + ".paths");
    }
    for (const auto& [name, value] : rule.options.values()) {
      line(4, name + ": " + yaml_flow(value), "rules." + id + "." + name);
    }
  }
  return 0;
}

Command add_config_command(CLI::App& parent)
{
  auto options = std::make_shared<ConfigOptions>();
  auto* command =
    parent.add_subcommand("config", "Print the effective configuration and where each value came from");
  add_config_option(*command, options->config);
  add_directory_option(*command, options->directory);
  return {command, [options] { return run_config(*options); }};
}

} // namespace planck
