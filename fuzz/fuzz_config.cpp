// Fuzz target: the config loader (and the YAML it reads) on an arbitrary planck.yaml.
// `extends:` may name a file relative to the config: the config is read as `planck.yaml` in a fresh
// folder holding only the files the target writes itself, and inputs whose `extends` names a path
// with a `/` are skipped, so the fuzzer never reads a file outside that folder.

#include "fuzz_support.hpp"

#include "planck/config/config.hpp"
#include "planck/rules/catalog.hpp"

#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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

// True when `value` (an `extends` value) names something with a `/`: a path that could leave the folder.
bool names_a_path(const YAML::Node& value)
{
  const auto slash = [](const YAML::Node& node) {
    return node.IsScalar() && node.Scalar().find('/') != std::string::npos;
  };
  if (slash(value)) {
    return true;
  }
  if (value.IsSequence()) {
    for (const auto& item : value) {
      if (slash(item)) {
        return true;
      }
    }
  }
  return false;
}

bool extends_a_path(const std::string& text)
{
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) {
      return false;
    }
    for (const auto& entry : root) {
      if (entry.first.IsScalar() && entry.first.Scalar() == "extends" && names_a_path(entry.second)) {
        return true;
      }
    }
  } catch (...) {
    // Not YAML the loader could read either: it fails before it follows any `extends`.
  }
  return false;
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
    touch(log.newest_first + 2 * log.timestamped + 4 * log.checklist);
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
        touch(rule.option_bool(name));
        break;
      case planck::OptionType::integer:
        touch(rule.option_int(name));
        break;
      case planck::OptionType::string:
        touch(rule.option_string(name));
        break;
      case planck::OptionType::string_list:
      case planck::OptionType::glob_list:
        for (const auto& value : rule.option_strings(name)) {
          touch(value);
        }
        break;
      }
    }
  }
}

const char* const k_files[] = {"base.yaml", "loop.yaml", "chain.yaml", "bad.yaml"};
char g_folder[] = "/tmp/planck-fuzz-config-XXXXXX";

void write(const char* name, const char* text)
{
  std::ofstream out(std::string(g_folder) + "/" + name, std::ios::binary);
  out << text;
}

void remove_folder()
{
  for (const char* name : k_files) {
    unlink((std::string(g_folder) + "/" + name).c_str());
  }
  rmdir(g_folder);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
  if (mkdtemp(g_folder) == nullptr) {
    std::perror("planck fuzz: cannot make a scratch folder");
    std::abort();
  }
  // The only files `extends` can reach: a valid parent, a cycle, a chain, and one that is not YAML.
  write("base.yaml", "extends: execplan\nplans:\n  registry: PLANS.md\nrules:\n  last-synced: off\n");
  write("loop.yaml", "extends: loop.yaml\n");
  write("chain.yaml", "extends: base.yaml\nignore: ['**/archive/**']\n");
  write("bad.yaml", "plans: [unclosed\n");
  std::atexit(remove_folder);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (extends_a_path(text)) {
    return -1;
  }
  static const std::string name = std::string(g_folder) + "/planck.yaml";
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
