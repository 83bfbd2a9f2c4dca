#pragma once

#include "planck/model/rule_info.hpp"
#include "planck/model/rule_options.hpp"
#include "planck/model/severity.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/util/error.hpp"
#include "planck/util/glob.hpp"
#include "planck/util/timestamp.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace planck {

/// The order a log section's entries are kept in.
enum class LogOrder {
  detect,         // as the section's own entries show (at base, or at head when it is new)
  oldest_first,
  newest_first,
};

/// A log section and the order its entries are kept in.
struct LogSection
{
  std::string name;               // canonical name, e.g. `Progress`
  LogOrder order = LogOrder::detect;
  bool timestamped = true;        // each entry must start with a timestamp
  // A checklist (the cookbook's Progress): open boxes are pending steps without a timestamp;
  // ticking one and stamping it, `- [ ] step` -> `- [x] (2025-10-01 13:00Z) step`, is no edit.
  bool checklist = false;
};

/// One rule's settings after merging the pack chain and the user's file.
struct RuleConfig
{
  bool enabled = true;
  Severity severity = Severity::error;
  std::vector<Glob> paths;        // empty: every path the rule looks at
  RuleOptions options;            // every option of the rule, typed, defaults filled in

  /// True when `path` is within `paths` (or `paths` is empty).
  bool applies_to(const std::string& path) const;
};

/// Bounds on what one document may cost; a document past them gets an `invalid-document` finding
/// instead of being checked.
struct Limits
{
  std::uint64_t max_document_bytes = 8 * 1024 * 1024;
  std::size_t max_entries = 20000;   // list items in all the document's log sections together
  std::size_t max_elements = 200000;   // Markdown elements, estimated before parsing (markdown_shape)
  std::size_t max_table_columns = 200; // columns of one table: the table extension's time is their square
};

/// The effective configuration: paths, the document convention, and every rule's settings.
struct Config
{
  std::string source;             // the file it came from, or `pack:agdd`
  std::vector<std::string> packs; // packs and files in the extends chain, base first

  std::vector<Glob> plan_paths;
  std::vector<Glob> plan_exclude;
  std::string registry = "PLANS.md";
  RegistryLayout registry_lists;  // the registry's list headings (plans.active_heading, completed_heading)
  std::vector<std::string> crosslinks;
  std::vector<Glob> ignore;

  std::vector<std::string> sections;                       // canonical names, canonical order
  std::map<std::string, std::vector<std::string>> aliases; // canonical name -> other names
  std::vector<LogSection> logs;
  TimestampOptions timestamps;

  std::map<std::string, RuleConfig> rules;                 // by rule id, every known rule
  Limits limits;

  /// Where each value set by a pack or file came from: `plans.paths`, `rules.ID.severity`,
  /// `rules.ID.OPTION`, `ignore`, `limits.KEY` -> the pack or file (`pack:agdd`, `planck.yaml`,
  /// `discovered settings`) that set it last. A key absent here has the built-in default.
  std::map<std::string, std::string> origins;

  /// True when `path` is a plan: matches `plan_paths`, not `plan_exclude` nor `ignore`.
  bool is_plan(const std::string& path) const;

  /// The documents that the rules about plans read besides the plans: the registry, then the
  /// cross-link documents.
  std::vector<std::string> plan_companions() const;

  /// True when `path` matches `ignore`.
  bool is_ignored(const std::string& path) const;

  /// The canonical section name `heading` stands for (through normalization and aliases), if any.
  std::optional<std::string> canonical_section(const std::string& heading) const;

  /// The log section `heading` stands for, if it is one.
  const LogSection* log_section(const std::string& heading) const;

  /// The settings of rule `id`; throws `planck::Error` for an id not in the catalogue.
  const RuleConfig& rule(const std::string& id) const;

  /// Builds what canonical_section and log_section look names up in, from `sections`, `aliases`
  /// and `logs`: the loader calls it once a Config is complete, so that the lookups only read.
  void index_sections();

private:
  // Normalized name or alias -> canonical name: every heading of every document is looked up, so
  // the names are normalized once, not once per heading.
  std::unordered_map<std::string, std::string> m_section_index;
  // Normalized canonical name (or name as written) of each log -> its index in `logs`. Indices,
  // not pointers, so that a copied Config stays right.
  std::unordered_map<std::string, std::size_t> m_log_index;
  // Which indexing this is: log_section's per-thread answers are kept for one at a time.
  std::uint64_t m_index_id = 0;
};

/// A pack compiled into the binary.
struct EmbeddedPack;

/// Where to look for the configuration.
struct ConfigRequest
{
  std::string explicit_path;      // --config; empty to search `repo_root`
  std::string repo_root;          // for `planck.yaml` / `.planck.yaml`
};

/// Loads the configuration: the explicit file, else `planck.yaml` or `.planck.yaml` in the repository
/// root, else the default pack. Follows `extends:` (a pack name or a path relative to the file).
/// `catalogue` lists the known rules and their options. Any error names file:line:col.
Expected<Config> load_config(const ConfigRequest& request, const std::vector<RuleInfo>& catalogue);

/// Loads a configuration from YAML `text` as if read from file `name` (for tests and packs).
Expected<Config> load_config_text(const std::string& text, const std::string& name,
                                  const std::vector<RuleInfo>& catalogue);

} // namespace planck
