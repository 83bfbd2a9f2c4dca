#pragma once

#include "planck/config/config.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/model/changeset.hpp"
#include "planck/model/document.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace planck {

// Which plans exist at head and which of them are completed: what `plan-required` and
// `plan-completion` both need to know.

/// Every plan at head (paths the config calls plans), sorted.
std::vector<std::string> plans_at_head(const ChangeSet& changes, const Config& config);

/// The plan among `plans` that registry `entry` (of the registry at `registry_path`) names, as
/// `entry_names` decides; nothing when it names none of them.
std::optional<std::string> registry_entry_plan(const RegistryEntry& entry, const std::string& registry_path,
                                               const std::vector<std::string>& plans);

/// The plans among `plans` that `registry` (null: none) lists under Completed Plans.
std::set<std::string> completed_in_registry(const Document* registry, const std::string& registry_path,
                                            const std::vector<std::string>& plans);

/// True when `document`'s front matter says `status: completed` (any case).
bool front_matter_completed(const Document& document);

/// The first level-2 section of `document` that stands for section `name` (through the pack's
/// normalization and aliases), or null.
const Section* find_section(const Document& document, const Config& config, const std::string& name);

} // namespace planck
