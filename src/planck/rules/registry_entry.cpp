#include "planck/markdown/front_matter.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/rules/builtin.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace planck {

namespace {

std::string file_name(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path)
{
  std::string name = file_name(path);
  const auto dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string front_matter_value(const FrontMatter& front, const std::string& key)
{
  const std::string* value = front.scalar(key);
  return value != nullptr ? std::string(trim(*value)) : std::string();
}

std::string front_matter_value(const Document& doc, const std::string& key)
{
  return front_matter_value(doc.front_matter, key);
}

bool is_active_status(const std::string& status)
{
  const auto& active = active_statuses();
  return std::find(active.begin(), active.end(), status) != active.end();
}

const std::string& list_name(RegistryEntry::List list, const Config& config)
{
  return list == RegistryEntry::List::active ? config.registry_lists.active.front()
                                             : config.registry_lists.completed.front();
}

// What one registry entry points at, at head.
struct Resolution
{
  enum class Kind { plan, missing, folder, not_plan, external, outside, same_document, none };
  Kind kind = Kind::none;
  std::string path;          // repository path (or the code span's file name) it names
  bool by_file_name = false; // a code span holding a bare file name
};

class Run
{
public:
  explicit Run(const RuleContext& context)
      : m_context(context), m_config(context.config), m_changes(context.changes), m_registry(context.config.registry)
  {
  }

  void check()
  {
    if (m_registry.empty()) {
      return;
    }
    bool registry_target = false;
    for (const auto& target : m_context.targets) {
      if (target.role == DocumentRole::plan && target.head != nullptr) {
        m_plans.push_back(&target);
      }
      if (target.role == DocumentRole::registry && target.head != nullptr) {
        registry_target = true;
      }
    }
    for (const auto& change : m_changes.changes()) {
      if (change.status == FileChange::Status::renamed || change.status == FileChange::Status::deleted) {
        m_removed[change.old_path.empty() ? change.path : change.old_path] = &change;
      }
    }
    if (m_plans.empty() && !registry_target && m_removed.empty()) {
      return;
    }

    const Document* doc = m_changes.head_document(m_registry);
    if (doc == nullptr) {
      for (const Target* plan : m_plans) {
        report_unlisted(*plan->head, plan->path,
                        ", which does not exist at head (`planck init` creates it with `## Active Plans` and "
                        "`## Completed Plans`)");
      }
      return;
    }
    if (doc->binary || doc->skipped) {
      return;
    }
    m_doc = doc;
    m_parsed = &registry_of(*doc, m_config.registry_lists);
    index_entries();

    const bool full = registry_target;
    if (full) {
      check_headings();
      check_form();
    }
    check_dangling(full);

    // The plans checked as targets, in this batch and (with --all in batches, whose last batch
    // holds the registry) the ones before it.
    std::set<std::string>& checked = m_index->checked;
    for (const Target* plan : m_plans) {
      checked.insert(plan->path);
      check_plan(plan->head->front_matter, plan->head, plan->path, plan->change, false);
    }
    if (full) {
      // The registry changed: every plan it names must still be in one right place, and a plan
      // whose entry the range removed is reported although the plan itself did not change.
      const auto base_names = base_registry_names();
      std::vector<std::string> named;
      for (const auto& path : m_changes.head_files()) {
        if (checked.count(path) != 0 || !m_config.is_plan(path)) {
          continue;
        }
        const bool named_now = !matches(path).empty();
        const bool named_before = base_names.paths.count(path) != 0 || base_names.names.count(file_name(path)) != 0;
        if (named_now || named_before) {   // unregistered before this range too: not this range's doing
          named.push_back(path);
        }
      }
      // Only their front matter is needed: the plans not parsed already have it read from their
      // text, on every core at once, and are neither parsed nor kept (1,700 unchanged plans
      // parsed and held took 0.22 s and 20 MiB).
      std::vector<std::optional<FrontMatter>> fronts(named.size());
      std::vector<std::string> unread;
      std::vector<std::size_t> unread_at;
      // Decided by the plan, not by whether a rule beside this one parsed it first: a plan parsed
      // but skipped (past a limit) keeps no front matter, so it is read from its text like the rest.
      for (std::size_t i = 0; i < named.size(); ++i) {
        const Document* plan = m_changes.head_document_ready(named[i]) ? m_changes.head_document(named[i]) : nullptr;
        if (plan != nullptr && !plan->skipped) {
          if (!plan->binary) {
            fronts[i] = plan->front_matter;
          }
        } else {
          unread.push_back(named[i]);
          unread_at.push_back(i);
        }
      }
      m_changes.visit_head_texts(unread, [&](std::size_t i, std::string_view text) {
        fronts[unread_at[i]] = front_matter_of_text(text);
      });
      for (std::size_t i = 0; i < named.size(); ++i) {
        if (fronts[i]) {
          check_plan(*fronts[i], nullptr, named[i], nullptr, true);
        }
      }
    }
  }

private:
  struct Names
  {
    std::set<std::string> paths;
    std::set<std::string> names;
  };

  // Repository paths (and, for bare file names in code spans, file names) an entry names.
  Names keys(const RegistryEntry& entry, const std::string& registry_path) const
  {
    Names names;
    if (entry.target.empty()) {
      return names;
    }
    if (!entry.target_is_code_span) {
      const LinkTarget target = classify_link(registry_path, entry.target);
      if (target.kind == LinkTarget::Kind::path) {
        names.paths.insert(target.path);
      }
      return names;
    }
    std::string name = entry.target;
    while (starts_with(name, "./")) {
      name.erase(0, 2);
    }
    if (name.find('/') == std::string::npos) {
      names.names.insert(name);
      return names;
    }
    names.paths.insert(name);
    if (const auto relative = resolve_relative_link(registry_path, name)) {
      names.paths.insert(*relative);
    }
    return names;
  }

  // The registry's entries by the paths and file names they name, and the plans checked as targets:
  // kept from batch to batch of an --all run, whose registry document stays the same.
  struct Index
  {
    const Document* registry = nullptr;
    std::map<std::string, std::vector<std::size_t>> by_path;
    std::map<std::string, std::vector<std::size_t>> by_name;
    std::set<std::string> checked;   // the plans checked as targets so far
  };

  void index_entries()
  {
    Index& index = m_context.remembered<Index>([] { return Index{}; });
    if (index.registry != m_doc) {
      index = Index{m_doc, {}, {}, {}};
      for (std::size_t i = 0; i < m_parsed->entries.size(); ++i) {
        const Names names = keys(m_parsed->entries[i], m_registry);
        for (const auto& path : names.paths) {
          index.by_path[path].push_back(i);
        }
        for (const auto& name : names.names) {
          index.by_name[name].push_back(i);
        }
      }
    }
    m_index = &index;
  }

  // Indices of the entries that name `path`, in document order.
  std::vector<std::size_t> matches(const std::string& path) const
  {
    std::set<std::size_t> found;
    if (const auto it = m_index->by_path.find(path); it != m_index->by_path.end()) {
      found.insert(it->second.begin(), it->second.end());
    }
    if (const auto it = m_index->by_name.find(file_name(path)); it != m_index->by_name.end()) {
      found.insert(it->second.begin(), it->second.end());
    }
    return {found.begin(), found.end()};
  }

  Names base_registry_names() const
  {
    Names all;
    const FileChange* change = m_changes.change_for(m_registry);
    const std::string base_path = change != nullptr && !change->old_path.empty() ? change->old_path : m_registry;
    const Document* base = m_changes.base_document(base_path);
    if (base == nullptr || base->binary || base->skipped) {
      return all;
    }
    for (const auto& entry : registry_of(*base, m_config.registry_lists).entries) {
      const Names names = keys(entry, base_path);
      all.paths.insert(names.paths.begin(), names.paths.end());
      all.names.insert(names.names.begin(), names.names.end());
    }
    return all;
  }

  void report(const std::string& path, int line, int column, std::string message, std::string key) const
  {
    if (!m_context.settings.applies_to(path)) {
      return;
    }
    m_context.report({.path = path,
                      .line = std::max(line, 1),
                      .column = std::max(column, 1),
                      .end_line = 0,
                      .message = std::move(message),
                      .fingerprint_key = std::move(key),
                      .severity = std::nullopt});
  }

  void report_at_entry(const RegistryEntry& entry, std::string message, std::string key) const
  {
    report(m_registry, entry.line, entry.column, std::move(message), std::move(key));
  }

  // `- [2025-10-30] Title – [slug](path) – owner – in-progress`, and the list it belongs in.
  std::pair<std::string, std::string> suggested_entry(const Document& plan, const std::string& path) const
  {
    const std::string status = front_matter_value(plan, "status");
    const bool completed = to_lower(status) == "completed";
    std::string title = front_matter_value(plan, "title");
    if (title.empty()) {
      title = !plan.title.empty() ? plan.title : stem(path);
    }
    const auto& range = m_changes.range();
    const std::string date = format_utc_date(range.worktree ? range.now : range.head_committer_time);
    const std::string entry_status = completed ? "completed" : (is_active_status(status) ? status : "in-progress");
    return {fmt::format("`- [{}] {} – [{}]({}) – owner – {}`", date, title, stem(path),
                        relative_link(m_registry, path), entry_status),
            completed ? m_config.registry_lists.completed.front() : m_config.registry_lists.active.front()};
  }

  // `why` follows "this plan is not listed in PLANS.md" when there is more to say.
  void report_unlisted(const Document& plan, const std::string& path, const std::string& why = "") const
  {
    const auto [entry, list] = suggested_entry(plan, path);
    report(path, 1, 1,
           fmt::format("this plan is not listed in {}{}; add {} under ## {}", m_registry, why, entry, list),
           "unlisted\n" + path);
  }

  void check_headings() const
  {
    const int line = m_doc->title_line > 0 ? m_doc->title_line : 1;
    const std::string& active = m_config.registry_lists.active.front();
    const std::string& completed = m_config.registry_lists.completed.front();
    if (m_parsed->inline_plans > 0) {
      // A registry that holds its plans rather than listing them: one note, not a finding per line.
      RawFinding finding{.path = m_registry,
                         .line = m_parsed->inline_line,
                         .column = 1,
                         .end_line = 0,
                         .message = fmt::format(
                           "{} keeps {} plan{} inline, as `###` sections under its list heading{}; planck checks "
                           "plans kept as files: give each its own file (matched by `plans.paths`) and link it "
                           "here, or point `plans.registry` at a file that lists them",
                           m_registry, m_parsed->inline_plans, m_parsed->inline_plans == 1 ? "" : "s",
                           m_parsed->entries.empty() ? "" : " (its linked entries are still checked)"),
                         .fingerprint_key = "inline",
                         .severity = Severity::note};
      if (m_context.settings.applies_to(m_registry)) {
        m_context.report(std::move(finding));
      }
    }
    if (m_parsed->active_line == 0 && m_parsed->completed_line == 0) {
      report(m_registry, line, 1,
             fmt::format("{} has no `## {}` or `## {}` heading; the registry lists plans under those two level-2 "
                         "headings (`plans.active_heading` and `plans.completed_heading` name others)",
                         m_registry, active, completed),
             "headings\nboth");
      return;
    }
    for (const auto& [present, name] :
         {std::pair{m_parsed->active_line, active.c_str()}, std::pair{m_parsed->completed_line, completed.c_str()}}) {
      if (present == 0) {
        report(
            m_registry, line, 1,
            fmt::format("{} has no `## {}` heading; add it (an empty list may say `_None yet._`)", m_registry, name),
            std::string("headings\n") + name);
      }
    }
  }

  void check_form() const
  {
    const bool form = m_context.settings.options.boolean("entry_form");
    for (const auto& entry : m_parsed->entries) {
      for (const auto& problem : entry.problems) {
        const bool names_nothing = entry.target.empty() && starts_with(problem, "names no plan");
        if (form || names_nothing) {
          report_at_entry(entry, "registry entry " + problem, "form\n" + entry.text + "\n" + problem);
        }
      }
    }
  }

  bool counts_as_plan(const std::string& path) const { return m_config.is_plan(path) || m_config.is_ignored(path); }

  // File names of the plans at head, for entries that name a plan by file name alone.
  const std::set<std::string>& plan_file_names() const
  {
    if (!m_plan_names) {
      m_plan_names.emplace();
      for (const auto& file : m_changes.head_files()) {
        if (counts_as_plan(file)) {
          m_plan_names->insert(file_name(file));
        }
      }
    }
    return *m_plan_names;
  }

  Resolution resolve(const RegistryEntry& entry) const
  {
    Resolution result;
    if (entry.target.empty()) {
      return result;
    }
    if (!entry.target_is_code_span) {
      const LinkTarget target = classify_link(m_registry, entry.target);
      switch (target.kind) {
      case LinkTarget::Kind::external:
        result.kind = Resolution::Kind::external;
        return result;
      case LinkTarget::Kind::outside:
        result.kind = Resolution::Kind::outside;
        return result;
      case LinkTarget::Kind::same_document:
        result.kind = Resolution::Kind::same_document;
        return result;
      case LinkTarget::Kind::path:
        break;
      }
      result.path = target.path;
      result.kind = !m_changes.head_exists(target.path) ? Resolution::Kind::missing
                    : !is_head_file(target.path)        ? Resolution::Kind::folder
                    : counts_as_plan(target.path)       ? Resolution::Kind::plan
                                                        : Resolution::Kind::not_plan;
      return result;
    }
    const Names names = keys(entry, m_registry);
    if (!names.names.empty()) {
      result.by_file_name = true;
      result.path = *names.names.begin();
      result.kind = plan_file_names().count(result.path) != 0 ? Resolution::Kind::plan : Resolution::Kind::missing;
      return result;
    }
    result.path = *names.paths.begin();
    result.kind = Resolution::Kind::missing;
    for (const auto& path : names.paths) {
      if (m_changes.head_exists(path) && is_head_file(path)) {
        result.path = path;
        if (counts_as_plan(path)) {
          result.kind = Resolution::Kind::plan;
          return result;
        }
        result.kind = Resolution::Kind::not_plan;
      }
    }
    return result;
  }

  // Whether `path` is a file at head, not a folder (a plan's path may be a folder's name: `p.md/`).
  bool is_head_file(const std::string& path) const
  {
    const auto& files = m_changes.head_files();
    return std::binary_search(files.begin(), files.end(), path);
  }

  // The change of this range that took `resolution`'s target away, if any.
  const FileChange* removal_of(const Resolution& resolution) const
  {
    if (!resolution.by_file_name) {
      const auto it = m_removed.find(resolution.path);
      return it == m_removed.end() ? nullptr : it->second;
    }
    for (const auto& [old_path, change] : m_removed) {
      if (file_name(old_path) == resolution.path && counts_as_plan(old_path)) {
        return change;
      }
    }
    return nullptr;
  }

  std::string plan_globs() const
  {
    std::string globs;
    for (const auto& glob : m_config.plan_paths) {
      globs += (globs.empty() ? "" : ", ") + glob.pattern();
    }
    return globs;
  }

  std::string suggestion_for(const Resolution& resolution) const
  {
    std::vector<std::string> plans;
    std::vector<std::string> same_name;
    for (const auto& file : m_changes.head_files()) {
      if (m_config.is_plan(file)) {
        plans.push_back(file);
        if (file_name(file) == file_name(resolution.path)) {
          same_name.push_back(file);
        }
      }
    }
    std::string found = same_name.size() == 1 ? same_name[0] : closest_match(resolution.path, plans);
    if (found.empty()) {
      return {};
    }
    return fmt::format(" (did you mean '{}'?)",
                       resolution.by_file_name ? file_name(found) : relative_link(m_registry, found));
  }

  void check_dangling(bool full) const
  {
    if (!full && m_removed.empty()) {
      return;   // only entries that name what the range removed: nothing to look up
    }
    for (const auto& entry : m_parsed->entries) {
      const Resolution resolution = resolve(entry);
      if (resolution.kind == Resolution::Kind::plan || resolution.kind == Resolution::Kind::none) {
        continue;
      }
      const FileChange* removal =
        resolution.kind == Resolution::Kind::missing || resolution.kind == Resolution::Kind::folder
          ? removal_of(resolution)
          : nullptr;
      if (!full && removal == nullptr) {
        continue;
      }
      const std::string verb = entry.target_is_code_span ? "names" : "links to";
      std::string message;
      switch (resolution.kind) {
      case Resolution::Kind::missing:
        if (removal != nullptr && removal->status == FileChange::Status::renamed) {
          const std::string updated = entry.target_is_code_span
                                          ? (resolution.by_file_name ? file_name(removal->path) : removal->path)
                                          : relative_link(m_registry, removal->path);
          message =
              fmt::format("registry entry {} '{}', which was moved to '{}' in this range; update the {} to '{}'",
                          verb, entry.target, removal->path, entry.target_is_code_span ? "name" : "link", updated);
        } else if (removal != nullptr) {
          message = fmt::format("registry entry {} '{}', which was deleted in this range; remove the entry or "
                                "restore the plan",
                                verb, entry.target);
        } else if (resolution.by_file_name) {
          message = fmt::format("registry entry names '{}', but no plan at head has that file name{}", entry.target,
                                suggestion_for(resolution));
        } else {
          message = fmt::format("registry entry {} '{}', which does not exist at head{}", verb, entry.target,
                                suggestion_for(resolution));
        }
        break;
      case Resolution::Kind::folder:
        message = removal != nullptr
                    ? fmt::format("registry entry {} '{}', which this range replaced with a folder; remove the "
                                  "entry or restore the plan",
                                  verb, entry.target)
                    : fmt::format("registry entry {} '{}', which is a folder at head, not a plan file", verb,
                                  entry.target);
        break;
      case Resolution::Kind::not_plan:
        message = fmt::format("registry entry {} '{}', which is not a plan (plans are {})", verb, resolution.path,
                              plan_globs());
        break;
      case Resolution::Kind::external:
        message = fmt::format("registry entry links to '{}', not to a plan in this repository; link the plan's file "
                              "by its relative path",
                              entry.target);
        break;
      case Resolution::Kind::outside:
        message = fmt::format("registry entry link '{}' points outside the repository", entry.target);
        break;
      case Resolution::Kind::same_document:
        message = fmt::format("registry entry links to '{}' in {} itself, not to a plan", entry.target, m_registry);
        break;
      case Resolution::Kind::plan:
      case Resolution::Kind::none:
        break;
      }
      report(m_registry, entry.target_line, entry.target_column, std::move(message), "dangling\n" + entry.target);
    }
  }

  // `entry_removed`: the plan is unchanged and was listed at base, so if it is not listed now,
  // the range removed its entry.
  // `front` is the plan's front matter; `plan` the parsed plan, or null when only its front matter
  // was read (it is parsed then only to suggest an entry).
  void check_plan(const FrontMatter& front, const Document* plan, const std::string& path, const FileChange* change,
                  bool entry_removed) const
  {
    const auto found = matches(path);
    if (found.empty()) {
      // A plan this range moved is still listed under its old path: the dangling entry says so.
      if (change != nullptr && change->status == FileChange::Status::renamed &&
          (m_index->by_path.count(change->old_path) != 0 || m_index->by_name.count(file_name(change->old_path)) != 0)) {
        return;
      }
      plan = plan != nullptr ? plan : m_changes.head_document(path);
      if (plan == nullptr || plan->binary || plan->skipped) {
        return;
      }
      if (m_parsed->active_line == 0 && m_parsed->completed_line == 0) {
        report_unlisted(*plan, path, ", which has no `## Active Plans` or `## Completed Plans` heading");
      } else {
        report_unlisted(*plan, path, entry_removed ? " any more: this range removed its entry" : "");
      }
      return;
    }

    const std::string status = to_lower(front_matter_value(front, "status"));
    if (found.size() > 1) {
      const RegistryEntry& first = m_parsed->entries[found[0]];
      for (std::size_t i = 1; i < found.size(); ++i) {
        const RegistryEntry& entry = m_parsed->entries[found[i]];
        std::string message;
        if (entry.list != first.list) {
          std::string keep = "the one in the list that matches its status";
          if (status == "completed") {
            keep = "the Completed Plans entry";
          } else if (is_active_status(status) || status == "draft") {
            keep = "the Active Plans entry";
          }
          message = fmt::format("'{}' is listed under both {} (line {}) and {}; keep only {}", path,
                                list_name(first.list, m_config), first.line, list_name(entry.list, m_config), keep);
        } else {
          message = fmt::format("'{}' is listed more than once in {} (first at line {}); keep one entry", path,
                                m_registry, first.line);
        }
        report_at_entry(entry, std::move(message), "duplicate\n" + path + "\n" + entry.text);
      }
      return;
    }

    const RegistryEntry& entry = m_parsed->entries[found[0]];
    if (status == "completed" && entry.list == RegistryEntry::List::active) {
      report_at_entry(entry,
                      fmt::format("'{}' has `status: completed` but is listed under Active Plans; move the entry to "
                                  "## Completed Plans",
                                  path),
                      "list\n" + path);
    } else if ((is_active_status(status) || status == "draft") && entry.list == RegistryEntry::List::completed) {
      report_at_entry(entry,
                      fmt::format("'{}' has `status: {}` but is listed under Completed Plans; move the entry to "
                                  "## Active Plans, or set `status: completed` when the plan is done",
                                  path, status),
                      "list\n" + path);
    } else if (is_active_status(status) && is_active_status(entry.status) && status != entry.status) {
      report_at_entry(entry,
                      fmt::format("registry entry says '{}' but '{}' has `status: {}`; make them agree", entry.status,
                                  path, status),
                      "status\n" + path);
    }
  }

  const RuleContext& m_context;
  const Config& m_config;
  const ChangeSet& m_changes;
  const std::string& m_registry;
  std::vector<const Target*> m_plans;
  std::map<std::string, const FileChange*> m_removed; // old path -> the rename or deletion
  const Document* m_doc = nullptr;
  const Registry* m_parsed = nullptr;   // the head registry, once read
  Index* m_index = nullptr;
  mutable std::optional<std::set<std::string>> m_plan_names;
};

} // namespace

// Range-wide: findings land outside the changed files, in PLANS.md when the range renamed, deleted
// or changed the status of a plan without touching the registry, and at an unchanged plan whose
// entry the range removed from PLANS.md. Each is caused by the range; old problems of unchanged
// files are left alone unless `--all`.
void check_registry_entry(const RuleContext& context)
{
  Run run(context);
  run.check();
}

RuleInfo registry_entry_info()
{
  return {
    .id = "registry-entry",
    .default_severity = Severity::error,
    .summary =
        "Each plan is registered exactly once in PLANS.md, in the list that matches its status, in the "
        "entry form; each entry names an existing plan.",
    .description =
        "The registry (`plans.registry`, default `PLANS.md`) is how people and agents find the work in "
        "flight: a plan missing from it is invisible, one listed twice or in the wrong list misleads, "
        "and an entry whose link broke sends the reader nowhere.\n\n"
        "Each plan must be listed exactly once, under `## Active Plans` or `## Completed Plans`, by a "
        "relative Markdown link that resolves to it (inline or reference-style) or by a code span "
        "holding its file name or path. Entries follow the form "
        "`- [YYYY-MM-DD] Title – Link – Owner(s) – Status` (separators: an en dash, an em dash or ` - `); "
        "the status is `in-progress`, `blocking` or `paused` in Active Plans, `completed` or none in "
        "Completed Plans, which also takes the short form ``- [YYYY-MM-DD] `file.md` – Summary``. "
        "A plan whose front matter says `status: completed` belongs in Completed Plans, one that is "
        "`in-progress`, `blocking`, `paused` or `draft` in Active Plans, and when both the front matter and "
        "the entry give a status they agree. Only a list item that links to or names a Markdown file is an "
        "entry: placeholders (`_None yet._`), notes, commands, nested bullets and examples in code blocks "
        "are not. The list headings are configurable (`plans.active_heading`, `plans.completed_heading`, "
        "each one name or a list). A registry that keeps its plans inline, as `###` sections under a list "
        "heading, gets one note saying how to configure planck, not a finding per line.\n\n"
        "What is checked: each plan the range changed (every plan with `--all`) is listed; when the "
        "registry changed, every entry, and every plan it names or named at base; when the range renamed "
        "or deleted a plan, the entries that still name its old path, in PLANS.md even if PLANS.md did "
        "not change. An unregistered plan is reported at its first line; a duplicate at the second entry; "
        "a dangling entry at its link, naming the new path when the range moved the plan. Without a "
"registry file at head every changed plan is unregistered: `planck init` creates one.",
    .fix = "Add the entry the message suggests (the date is the day you register the plan), delete "
           "duplicates, move the entry to the list that matches the plan's status, and update links "
           "after moving a plan (the message gives the new link). `planck new` registers a plan and "
           "`planck close` moves it to Completed Plans.",
    .bad_example = "## Active Plans\n\n"
                   "- [2025-10-30] Migrate storage – [migrate-storage](docs/development/plans/storage.md) – "
                   "Ada – done\n\n"
                   "## Completed Plans\n\n"
                   "- [2025-10-15] Bootstrap – `bootstrap.md` – Ada – completed\n"
                   "- [2025-10-15] `bootstrap.md` – Initial release.\n",
    .good_example =
        "## Active Plans\n\n"
        "- [2025-10-30] Migrate storage – [migrate-storage](docs/development/plans/migrate-storage.md) – "
        "Ada – in-progress\n\n"
        "## Completed Plans\n\n"
        "- [2025-10-15] `bootstrap.md` – Initial release.\n",
    .options =
        {
            {"entry_form", OptionType::boolean, "true",
             "Report entries that do not follow the entry form (date, title, link, owners, status). With "
             "`false` "
             "only registration, lists, statuses and links are checked."},
        },
  };
}

} // namespace planck
