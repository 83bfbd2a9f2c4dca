#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// What planck found of a repository's own plan convention when it has no planck.yaml: where plans
/// and the registry are, which pack fits, which sections and timestamp forms the plans use.
struct Discovery
{
  bool plans_found = false;
  std::string pack = "agdd";               // the pack the settings extend: agdd or execplan
  std::string layout;                      // in words, for the summary: "cookbook layout"
  std::vector<std::string> plan_globs;     // e.g. docs/execplans/*.md
  std::string registry;                    // empty: none found
  std::string unshaped_folder;             // no plans found: a folder named for plans whose files were not
                                           // shaped like ExecPlans, to name in the summary
  std::vector<std::string> excludes;       // file names in the plan folders that are not plans (templates)
  std::vector<std::string> sections;       // empty: the pack's own list
  std::map<std::string, std::vector<std::string>> aliases;   // section -> headings plans write in its place
  std::string slug;                        // front-matter's slug check where the pack's does not fit
  bool changelog = true;                   // the repository keeps a CHANGELOG.md for completed plans
  bool section_order = true;               // the plans keep the sections in one order: it is checked
  bool date_only = false;
  bool no_zone_utc = false;                // most times carry no zone: take them as UTC
  std::map<std::string, std::string> log_orders;   // log section -> oldest-first or newest-first
  std::vector<std::string> unstamped_logs;         // logs the plans keep without timestamps
  std::vector<std::string> reasons;        // why, one line each, for `-v` and the config's comments
  std::size_t files_read = 0;              // documents sampled

  /// The one line the text summary prints: what planck assumed and how to keep it.
  std::string summary() const;

  /// The settings as a commented planck.yaml (what `planck init` writes, what `check` loads).
  std::string yaml() const;

  /// The layout in a few words: "plans in docs/plans/*.md, registry PLANS.md, execplan pack".
  std::string summary_of_layout() const;
};

/// Reads the layout from `files` (the revision's Markdown file paths, sorted) and, for a bounded sample
/// of candidate documents, their text through `read`. Deterministic: the same tree gives the same
/// answer. Cheap: at most `k_discovery_samples` documents are read.
Discovery discover_layout(const std::vector<std::string>& files,
                          const std::function<std::optional<std::string>(const std::string&)>& read);

/// The AGDD pack's section aliases (rules/agdd.yaml), which the cookbook pack inherits.
const std::map<std::string, std::vector<std::string>>& discovery_aliases();

inline constexpr std::size_t k_discovery_samples = 48;
/// The largest document discovery reads: a plan larger than this is not a sample worth its cost.
inline constexpr std::uint64_t k_discovery_max_bytes = 1024 * 1024;
inline constexpr std::size_t k_samples_per_folder = 12;

/// True when `path` is a Markdown file in a folder named for plans (`plans`, `execplans`,
/// `exec-plans`), other than an index, guide or template: where a plan would be expected.
bool in_plan_folder(const std::string& path);

/// Whether discovery looks inside folder `folder` (a repository path) of its own accord: every
/// top-level folder, folders two levels deep under a documentation folder (`docs`, `doc`, `design`,
/// `notes`, …), and any folder whose path names plans (`plans`, `execplans`, `exec-plans`,
/// `.agent`, `.agents`, `todo`). Plans live there; a large code tree is not walked. The folders a
/// registry links plans in are walked besides (linked_folders).
bool discovery_descends(const std::string& folder);

/// Where discovery looks for a registry or guide, in order: the first that exists is taken.
const std::vector<std::string>& discovery_registry_candidates();

/// The folders of the Markdown files that `text` (the registry at path `registry`) links to, as
/// repository paths, at most k_linked_folders of them: where its plans are, wherever that is.
std::vector<std::string> linked_folders(const std::string& registry, std::string_view text);

inline constexpr std::size_t k_linked_folders = 64;

/// Whether discovery lists a file named `name`: Markdown files, the only ones it reads.
bool discovery_lists(std::string_view name);

/// A log section of a pack as discovery writes it back: its name and how its entries are kept.
struct DiscoveryLog
{
  std::string name;
  bool timestamped = true;
  bool checklist = false;
};

/// The log sections of pack `pack` (agdd or execplan), as rules/*.yaml list them (a test holds the
/// two to each other).
const std::vector<DiscoveryLog>& discovery_logs(const std::string& pack);

/// The sections of pack `pack` (agdd or execplan), in its order, as rules/*.yaml list them (a test
/// holds the two to each other).
const std::vector<std::string>& discovery_sections(std::string_view pack);

} // namespace planck
