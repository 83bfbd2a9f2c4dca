#include "planck/plan/plan_status.hpp"

#include "planck/plan/log_sections.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <unordered_set>

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

PlanSet::PlanSet(std::vector<std::string> paths) : m_paths(std::move(paths))
{
  std::sort(m_paths.begin(), m_paths.end());
  m_paths.erase(std::unique(m_paths.begin(), m_paths.end()), m_paths.end());
  for (std::size_t i = 0; i < m_paths.size(); ++i) {
    const auto& path = m_paths[i];
    const auto slash = path.rfind('/');
    // emplace keeps the first, so a name shared by several plans finds the first in sorted order.
    m_by_file_name.emplace(slash == std::string::npos ? path : path.substr(slash + 1), i);
  }
}

bool PlanSet::contains(const std::string& path) const
{
  return std::binary_search(m_paths.begin(), m_paths.end(), path);
}

const std::string* PlanSet::with_file_name(const std::string& name) const
{
  const auto it = m_by_file_name.find(name);
  return it == m_by_file_name.end() ? nullptr : &m_paths[it->second];
}

// entry_target once per entry, then set look-ups: not entry_names once per entry and plan.
std::optional<std::string> registry_entry_plan(const RegistryEntry& entry, const std::string& registry_path,
                                               const PlanSet& plans)
{
  const EntryTarget target = entry_target(entry, registry_path);
  if (!target.file_name.empty()) {
    const std::string* plan = plans.with_file_name(target.file_name);
    return plan != nullptr ? std::optional<std::string>(*plan) : std::nullopt;
  }
  // The first in sorted order, when the entry could name several.
  std::optional<std::string> found;
  for (const auto& path : target.paths) {
    if (plans.contains(path) && (!found || path < *found)) {
      found = path;
    }
  }
  return found;
}

std::set<std::string> completed_in_registry(const Document* registry, const std::string& registry_path,
                                            const PlanSet& plans, const RegistryLayout& layout)
{
  std::set<std::string> completed;
  if (registry == nullptr || registry->binary || registry->skipped) {
    return completed;
  }
  for (const auto& entry : registry_of(*registry, layout).entries) {
    if (entry.list != RegistryEntry::List::completed) {
      continue;
    }
    if (auto path = registry_entry_plan(entry, registry_path, plans)) {
      completed.insert(std::move(*path));
    }
  }
  return completed;
}

std::string plan_exemptions(const ChangeSet& changes)
{
  // A set, not a search of the list, and a short excerpt: a commit can carry 100,000 trailers.
  constexpr std::size_t k_quoted = 3;
  std::unordered_set<std::string_view> seen;
  std::string quoted;
  std::size_t more = 0;
  for (const auto& commit : changes.commits()) {
    for (const auto& [key, value] : commit.trailers) {
      const auto reason = trim(value);
      if (reason.empty() || to_lower(trim(key)) != "plan-exempt" || !seen.insert(reason).second) {
        continue;
      }
      if (seen.size() > k_quoted) {
        ++more;
        continue;
      }
      quoted += fmt::format("{}`Plan-Exempt: {}`", quoted.empty() ? "" : ", ", quote(reason, 120));
    }
  }
  if (more > 0) {
    quoted += fmt::format(" and {} more", more);
  }
  return quoted;
}

bool front_matter_completed(const Document& document)
{
  const std::string* status = document.front_matter.scalar("status");
  return status != nullptr && to_lower(trim(*status)) == "completed";
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
