#pragma once

#include <functional>
#include <optional>
#include <string>
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
  std::vector<std::string> sections;       // empty: the pack's own list
  bool date_only = false;
  std::vector<std::string> reasons;        // why, one line each, for `-v` and the config's comments
  std::size_t files_read = 0;              // documents sampled

  /// The one line the text summary prints: what planck assumed and how to keep it.
  std::string summary() const;

  /// The settings as a commented planck.yaml (what `planck init` writes, what `check` loads).
  std::string yaml() const;
};

/// Reads the layout from `files` (every file path of the revision, sorted) and, for a bounded sample
/// of candidate documents, their text through `read`. Deterministic: the same tree gives the same
/// answer. Cheap: at most `k_discovery_samples` documents are read.
Discovery discover_layout(const std::vector<std::string>& files,
                          const std::function<std::optional<std::string>(const std::string&)>& read);

inline constexpr std::size_t k_discovery_samples = 48;

/// True when `path` is a Markdown file in a folder named for plans (`plans`, `execplans`,
/// `exec-plans`), other than an index, guide or template: where a plan would be expected.
bool in_plan_folder(const std::string& path);

/// Whether discovery looks inside folder `folder` (a repository path): every folder two levels
/// deep, and deeper only where the path names plans (`plans`, `execplans`, `exec-plans`, `.agent`,
/// `.agents`, `todo`). Plans live there; a large code tree is not walked.
bool discovery_descends(const std::string& folder);

/// The sections of pack `pack` (agdd or execplan), in its order, as rules/*.yaml list them (a test
/// holds the two to each other).
const std::vector<std::string>& discovery_sections(const std::string& pack);

} // namespace planck
