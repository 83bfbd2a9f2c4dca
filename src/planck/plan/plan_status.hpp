#pragma once

#include "planck/config/config.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/model/changeset.hpp"
#include "planck/model/document.hpp"

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace planck {

// Which plans exist at head and which of them are completed: what `plan-required` and
// `plan-completion` both need to know.

/// Every plan at head (paths the config calls plans), sorted.
std::vector<std::string> plans_at_head(const ChangeSet& changes, const Config& config);

/// Plan paths, sorted, with a look-up by file name: what registry entries are matched against, so
/// that matching a registry costs entries + plans, not entries x plans.
class PlanSet
{
public:
  explicit PlanSet(std::vector<std::string> paths);

  /// Every plan, sorted.
  const std::vector<std::string>& paths() const { return m_paths; }

  bool contains(const std::string& path) const;

  /// The first plan (in sorted order) whose file name is `name`, or null.
  const std::string* with_file_name(const std::string& name) const;

private:
  std::vector<std::string> m_paths;
  std::unordered_map<std::string, std::size_t> m_by_file_name;
};

/// The plan among `plans` that registry `entry` (of the registry at `registry_path`) names, as
/// `entry_names` decides (the first in sorted order when it could name several); nothing when it
/// names none of them.
std::optional<std::string> registry_entry_plan(const RegistryEntry& entry, const std::string& registry_path,
                                               const PlanSet& plans);

/// The plans among `plans` that `registry` (null: none) lists under its completed list.
std::set<std::string> completed_in_registry(const Document* registry, const std::string& registry_path,
                                            const PlanSet& plans, const RegistryLayout& layout = {});

/// The range's `Plan-Exempt: <reason>` trailers, each reason once, quoted for a message
/// (`` `Plan-Exempt: reason` ``, joined with ", "): the first three, then " and N more"; empty
/// when no commit carries one. Linear in the number of trailers.
std::string plan_exemptions(const ChangeSet& changes);

/// True when `document`'s front matter says `status: completed` (any case).
bool front_matter_completed(const Document& document);

/// The first level-2 section of `document` that stands for section `name` (through the pack's
/// normalization and aliases), or null.
const Section* find_section(const Document& document, const Config& config, const std::string& name);

} // namespace planck
