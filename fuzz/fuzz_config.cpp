// Fuzz target: the config loader (and the YAML it reads) on an arbitrary planck.yaml, loaded in a
// ConfigSandbox so that `extends:` reaches only the few files the target puts beside it.

#include "config_sandbox.hpp"
#include "fuzz_support.hpp"

#include "planck/config/config.hpp"
#include "planck/rules/catalog.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using planck::fuzz::require;
using planck::fuzz::touch;

const std::vector<planck::RuleInfo>& catalogue()
{
  static const std::vector<planck::RuleInfo> infos = planck::rule_infos();
  return infos;
}

void touch_config(const planck::Config& config)
{
  touch(config.source);
  for (const auto& pack : config.packs) {
    touch(pack);
  }
  touch(config.registry);
  for (const auto& crosslink : config.crosslinks) {
    touch(crosslink);
    touch(config.is_plan(crosslink) + config.is_ignored(crosslink));
  }
  for (const std::string probe : {"docs/development/plans/x.md", "PLANS.md", "a/b/c.md", "README.md"}) {
    touch(config.is_plan(probe) + config.is_ignored(probe));
  }
  for (const auto& section : config.sections) {
    const auto canonical = config.canonical_section(section);
    require(canonical.has_value(), "a configured section is not its own canonical name");
    touch(*canonical);
  }
  for (const auto& [name, aliases] : config.aliases) {
    touch(name);
    for (const auto& alias : aliases) {
      touch(config.canonical_section(alias).value_or(""));
    }
  }
  for (const auto& log : config.logs) {
    touch(log.name);
    touch(static_cast<int>(log.order) + 4 * log.timestamped + 8 * log.checklist);
    touch(config.log_section(log.name) != nullptr);
  }
  touch(config.timestamps.date_only);
  touch(static_cast<long long>(config.limits.max_document_bytes + config.limits.max_entries));
  for (const auto& info : catalogue()) {
    const planck::RuleConfig& rule = config.rule(std::string(info.id));
    touch(rule.enabled + 2 * static_cast<int>(rule.severity));
    touch(rule.applies_to("docs/development/plans/x.md"));
    for (const auto& option : info.options) {
      const std::string name(option.name);
      switch (option.type) {
      case planck::OptionType::boolean:
        touch(rule.options.boolean(name));
        break;
      case planck::OptionType::integer:
        touch(rule.options.integer(name));
        break;
      case planck::OptionType::string:
        touch(rule.options.string(name));
        break;
      case planck::OptionType::string_list:
        for (const auto& value : rule.options.strings(name)) {
          touch(value);
        }
        break;
      case planck::OptionType::glob_list:
        for (const auto& glob : rule.options.globs(name)) {
          touch(glob.pattern());
          touch(glob.matches("docs/development/plans/x.md"));
        }
        break;
      }
    }
  }
}

// The only files `extends` can reach: a valid parent, a cycle, a chain, and one that is not YAML.
const planck::fuzz::ConfigSandbox& sandbox()
{
  static const planck::fuzz::ConfigSandbox folder({
      {"base.yaml", "extends: execplan\nplans:\n  registry: PLANS.md\nrules:\n  last-synced: off\n"},
      {"loop.yaml", "extends: loop.yaml\n"},
      {"chain.yaml", "extends: base.yaml\nignore: ['**/archive/**']\n"},
      {"bad.yaml", "plans: [unclosed\n"},
  });
  return folder;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (!planck::fuzz::ConfigSandbox::allows(text)) {
    return -1;
  }
  static const std::string name = sandbox().config_name();
  const auto config = planck::load_config_text(text, name, catalogue());
  if (config) {
    touch_config(*config);
  } else {
    require(!config.error().empty(), "a config error without a message");
    // It becomes one line on stderr (`planck: error: …`), which CI logs read as they read any line.
    require(config.error().find_first_of("\n\r") == std::string::npos, "a config error spans lines");
    touch(config.error());
  }
  return 0;
}
