#include "planck/rules/plan_status.hpp"
#include "planck/util/strings.hpp"

#include <algorithm>

namespace planck {

std::vector<std::string> plans_at_head(const ChangeSet& changes, const Config& config)
{
  std::vector<std::string> plans;
  for (const auto& path : changes.head_files()) {
    if (config.is_plan(path)) {
      plans.push_back(path);
    }
  }
  std::sort(plans.begin(), plans.end());
  return plans;
}

std::optional<std::string> registry_entry_plan(const RegistryEntry& entry, const std::string& registry_path,
                                               const std::vector<std::string>& plans)
{
  for (const auto& plan : plans) {
    if (entry_names(entry, registry_path, plan)) {
      return plan;
    }
  }
  return std::nullopt;
}

std::set<std::string> completed_in_registry(const Document* registry, const std::string& registry_path,
                                            const std::vector<std::string>& plans)
{
  std::set<std::string> completed;
  if (registry == nullptr || registry->binary || registry->skipped) {
    return completed;
  }
  for (const auto& entry : parse_registry(*registry).entries) {
    if (entry.list != RegistryEntry::List::completed) {
      continue;
    }
    if (auto path = registry_entry_plan(entry, registry_path, plans)) {
      completed.insert(std::move(*path));
    }
  }
  return completed;
}

bool front_matter_completed(const Document& document)
{
  const FrontMatter& front = document.front_matter;
  if (!front.present || front.error || !front.root.IsMap()) {
    return false;
  }
  const YAML::Node status = front.root["status"];
  return status.IsDefined() && status.IsScalar() && to_lower(trim(status.Scalar())) == "completed";
}

const Section* find_section(const Document& document, const Config& config, const std::string& name)
{
  const std::string wanted = normalize_section_name(config.canonical_section(name).value_or(name));
  for (const auto& section : document.sections) {
    if (normalize_section_name(config.canonical_section(section.heading).value_or(section.heading)) == wanted) {
      return &section;
    }
  }
  return nullptr;
}

} // namespace planck
