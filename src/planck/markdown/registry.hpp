#pragma once

#include "planck/model/document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace planck {

/// One list item of the plan registry (`PLANS.md`), taken apart by the entry form
/// `- [YYYY-MM-DD] Title – Link – Owner(s) – Status` (separators: en dash, em dash or ` - `).
struct RegistryEntry
{
  enum class List { active, completed };
  List list = List::active;
  int line = 0;
  int column = 0;
  int end_line = 0;   // last line of the item
  std::string text;   // the item's first paragraph, whitespace collapsed
  std::string date;   // `YYYY-MM-DD` as written, empty when the entry has none
  std::string title;  // the Title field; in the short form, the summary
  std::string target; // link destination or code-span text naming the plan, as written
  bool target_is_code_span = false;
  int target_line = 0; // where the link or code span is
  int target_column = 0;
  std::vector<std::string> owners;
  std::string status;                // lower-cased, decoration removed; empty when none
  bool short_form = false;           // the completed short form: `file.md` – Summary
  std::vector<std::string> problems; // what does not follow the entry form, one sentence each
};

/// The headings under which a registry keeps its lists, each matched as section names are (case,
/// spacing, `&`/`and` and decoration aside); the first of each is the one planck writes.
struct RegistryLayout
{
  std::vector<std::string> active = {"Active Plans"};
  std::vector<std::string> completed = {"Completed Plans"};

  bool operator==(const RegistryLayout&) const = default;
};

/// The registry's two lists.
struct Registry
{
  int active_line = 0;                // line of the active list's heading, 0 when absent
  int completed_line = 0;             // line of the completed list's heading, 0 when absent
  std::vector<RegistryEntry> entries; // both lists, document order
  int inline_plans = 0;               // plans kept inline, as `###` sections under a list heading
  int inline_line = 0;                // the first of those headings
};

/// Reads the active and completed lists of `document` (by default `## Active Plans` and
/// `## Completed Plans`; headings matched as section names are). Statuses allowed: `in-progress`,
/// `blocking`, `paused` in the active list; `completed` or none in the completed list. Only a list
/// item that names a Markdown file is an entry: by a Markdown link (inline or reference-style) to a
/// `.md` path, or a code span holding a `.md` file name or path. Notes, commands and nested bullets
/// are not entries, and lists inside code blocks are examples. A list heading followed by `###`
/// sections keeps its plans inline: those sections are counted (`inline_plans`), not read as entries.
Registry parse_registry(const Document& document, const RegistryLayout& layout = {});

/// parse_registry(document, layout), parsed once per document and kept with it: several rules read
/// the same registry. Safe to call from several threads at once.
const Registry& registry_of(const Document& document, const RegistryLayout& layout = {});

/// The statuses an entry of the Active Plans list may carry, in the order messages list them.
const std::vector<std::string>& active_statuses();

/// What a registry entry can name: repository paths (where its link resolves; or its code span's
/// text as a repository path and as a path relative to the registry), or, for a code span that
/// holds a bare file name, any plan of that file name.
struct EntryTarget
{
  std::vector<std::string> paths;
  std::string file_name;   // empty unless the entry is a code span with no `/`
};

/// What `entry` (of the registry at `registry_path`) can name; nothing for an entry without a target.
EntryTarget entry_target(const RegistryEntry& entry, const std::string& registry_path);

/// True when `entry` (of the registry at `registry_path`) names the plan at repository path
/// `plan_path`: its link resolves to it, or its code span holds the plan's file name, its
/// repository path, or its path relative to the registry (see entry_target).
bool entry_names(const RegistryEntry& entry, const std::string& registry_path, const std::string& plan_path);

/// Where a link destination points, as GitHub resolves it in a rendered Markdown file.
struct LinkTarget
{
  enum class Kind {
    external,      // a URL with a scheme (`https:`, `mailto:` …) or a protocol-relative `//host`
    same_document, // `#fragment`, `?query` or empty: the linking document itself
    path,          // a file or folder of the repository: `path`
    outside,       // a relative path that climbs above the repository root
  };
  Kind kind = Kind::external;
  std::string path;     // repository-relative, `.`/`..` folded, decoded; `.` for the root
  std::string fragment; // decoded, without the `#`; empty when none
};

/// Classifies `destination`, a link in document `from` (repository-relative): a relative path is
/// taken from `from`'s folder, one starting with `/` from the repository root (as GitHub does).
LinkTarget classify_link(const std::string& from, const std::string& destination);

/// The repository-relative path a relative link `destination` in document `from` points to, with
/// `#fragment` and `?query` removed, percent-escapes decoded and `.`/`..` folded (`/path` from the
/// repository root, `.` for the root itself); nothing for an absolute URL (`https:`, `mailto:` …),
/// an anchor-only link, or one that climbs out of the repository.
std::optional<std::string> resolve_relative_link(const std::string& from, const std::string& destination);

/// The `#fragment` of `destination`, decoded, without the `#`; empty when none.
std::string link_fragment(const std::string& destination);

/// The relative link from document `from` to repository path `to`, as one would write it in
/// `from` (`../plans/x.md`, or `x.md` beside it).
std::string relative_link(const std::string& from, const std::string& to);

} // namespace planck
