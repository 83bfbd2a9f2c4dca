#include "planck/config/discover.hpp"

#include "planck/markdown/timestamp.hpp"
#include "planck/model/document.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace planck {

const std::vector<std::string>& discovery_sections(const std::string& pack)
{
  static const std::vector<std::string> agdd = {
    "Purpose / Big Picture",   "Context and Orientation",   "Plan of Work",
    "To-do",                   "Progress",                  "Decision Log",
    "Surprises & Discoveries", "Concrete Steps",            "Validation and Acceptance",
    "Idempotence and Recovery", "Outcomes & Retrospective", "Artifacts and Notes",
    "Interfaces and Dependencies"};
  static const std::vector<std::string> cookbook = {
    "Purpose / Big Picture",    "Progress",                 "Surprises & Discoveries",
    "Decision Log",             "Outcomes & Retrospective", "Context and Orientation",
    "Plan of Work",             "Concrete Steps",           "Validation and Acceptance",
    "Idempotence and Recovery", "Artifacts and Notes",      "Interfaces and Dependencies"};
  return pack == "execplan" ? cookbook : agdd;
}

namespace {

std::string folder_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string name_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_markdown(const std::string& path)
{
  const std::string lower = to_lower(path);
  return lower.ends_with(".md") || lower.ends_with(".markdown");
}

// Files a plan folder holds that are not plans: its index, its guide, its template.
bool is_furniture(const std::string& path)
{
  const std::string name = to_lower(name_of(path));
  return name == "readme.md" || name == "index.md" || name == "plans.md" || name == "agents.md" ||
         name.find("template") != std::string::npos;
}

// How likely a path is to hold plans: 2 in a folder named for plans, 1 for a plan-named file or
// an agents' folder, 0 otherwise (not a candidate).
int plan_likeness(const std::string& path)
{
  int score = 0;
  for (const auto& segment : split(to_lower(folder_of(path)), '/')) {
    if (segment == "plans" || segment == "execplans" || segment == "exec-plans" || segment == "exec_plans" ||
        segment == "plan") {
      return 2;
    }
    if (segment == ".agent" || segment == ".agents" || segment == "todo") {
      score = 1;
    }
  }
  const std::string name = to_lower(name_of(path));
  if (starts_with(name, "plan") || starts_with(name, "ep-") || name.find("execplan") != std::string::npos) {
    score = 1;
  }
  return score;
}

// The canonical section names a document's headings (any level) stand for.
std::set<std::string> canonical_headings(std::string_view text)
{
  // Normalized name or alias -> canonical name, over both packs' sections and their aliases.
  static const std::map<std::string, std::string> by_normal = [] {
    std::map<std::string, std::string> names;
    for (const auto* pack : {&discovery_sections("agdd"), &discovery_sections("execplan")}) {
      for (const auto& name : *pack) {
        names.emplace(normalize_section_name(name), name);
      }
    }
    names.emplace(normalize_section_name("Purpose"), "Purpose / Big Picture");
    names.emplace(normalize_section_name("Artefacts and Notes"), "Artifacts and Notes");
    names.emplace(normalize_section_name("Outcomes and Retrospectives"), "Outcomes & Retrospective");
    return names;
  }();
  std::set<std::string> found;
  bool fenced = false;
  for (const auto& raw : split(text, '\n')) {
    const std::string_view line = trim(raw);
    if (starts_with(line, "```") || starts_with(line, "~~~")) {
      fenced = !fenced;
    }
    if (fenced || !starts_with(line, "#")) {
      continue;
    }
    const auto hashes = line.find_first_not_of('#');
    if (hashes == std::string_view::npos || hashes > 6 || line[hashes] != ' ') {
      continue;
    }
    for (const auto& form : section_name_forms(std::string(line.substr(hashes + 1)))) {
      if (const auto it = by_normal.find(form); it != by_normal.end()) {
        found.insert(it->second);
        break;
      }
    }
  }
  return found;
}

// The log entries' timestamp habits of one document: stamped entries, date-only ones, and
// whether its Progress is the cookbook's checklist `- [x] (…) text`.
struct Stamps
{
  int stamped = 0;
  int date_only = 0;
  int checklist = 0;
};

Stamps stamps_of(std::string_view text)
{
  Stamps stamps;
  TimestampOptions options;
  options.date_only = true;
  for (const auto& raw : split(text, '\n')) {
    std::string_view line = trim(raw);
    if (!starts_with(line, "- ") && !starts_with(line, "* ")) {
      continue;
    }
    line.remove_prefix(2);
    const bool ticked = starts_with(line, "[x] ") || starts_with(line, "[X] ");
    if (ticked) {
      line.remove_prefix(4);
    }
    const Timestamp stamp = parse_timestamp(line, options);
    stamps.checklist += ticked && stamp.status == Timestamp::Status::ok ? 1 : 0;
    if (stamp.status == Timestamp::Status::ok) {
      ++stamps.stamped;
      stamps.date_only += stamp.date_only ? 1 : 0;
    }
  }
  return stamps;
}

bool has_list_headings(std::string_view text)
{
  for (const auto& raw : split(text, '\n')) {
    const std::string_view line = trim(raw);
    if (starts_with(line, "## ")) {
      const std::string name = normalize_section_name(std::string(line.substr(3)));
      if (name == normalize_section_name("Active Plans") || name == normalize_section_name("Completed Plans")) {
        return true;
      }
    }
  }
  return false;
}

// The longest prefix shared by every name (at most up to a separator-bounded stem).
std::string common_prefix(const std::vector<std::string>& names)
{
  if (names.empty()) {
    return {};
  }
  std::string prefix = names.front();
  for (const auto& name : names) {
    std::size_t n = 0;
    while (n < prefix.size() && n < name.size() && prefix[n] == name[n]) {
      ++n;
    }
    prefix.resize(n);
  }
  return prefix;
}

} // namespace

Discovery discover_layout(const std::vector<std::string>& files,
                          const std::function<std::optional<std::string>(const std::string&)>& read)
{
  Discovery found;
  const std::set<std::string> present(files.begin(), files.end());

  // The registry or guide: the first of the usual places that exists.
  std::string guide;
  for (const char* candidate : {"PLANS.md", ".agent/PLANS.md", ".agents/PLANS.md", "docs/PLANS.md", "todo/PLANS.md",
                                "docs/plans/PLANS.md", "docs/execplans/PLANS.md", "docs/exec-plans/PLANS.md"}) {
    if (present.count(candidate) != 0) {
      guide = candidate;
      break;
    }
  }
  bool registry_lists = false;
  if (!guide.empty()) {
    if (const auto text = read(guide)) {
      ++found.files_read;
      registry_lists = has_list_headings(*text);
    }
    if (registry_lists) {
      found.registry = guide;
      found.reasons.push_back(fmt::format("{} lists plans under Active Plans / Completed Plans: it is the registry",
                                          guide));
    } else {
      found.reasons.push_back(fmt::format("{} has no Active Plans or Completed Plans list: it is a guide to "
                                          "writing plans, not a registry",
                                          guide));
    }
  }

  // Candidate plans, grouped by folder; sampled round-robin across folders so that one big folder
  // does not use up the budget.
  std::map<std::string, std::vector<std::string>> by_folder;
  std::map<std::string, int> likeness;
  for (const auto& path : files) {
    if (!is_markdown(path) || is_furniture(path)) {
      continue;
    }
    if (const int score = plan_likeness(path); score > 0) {
      by_folder[folder_of(path)].push_back(path);
      likeness[folder_of(path)] = std::max(likeness[folder_of(path)], score);
    }
  }
  // Folders named for plans are sampled first, then the others; by name within each.
  std::vector<std::pair<std::string, const std::vector<std::string>*>> order;
  for (const auto& [folder, paths] : by_folder) {
    order.emplace_back(folder, &paths);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](const auto& a, const auto& b) { return likeness[a.first] > likeness[b.first]; });
  std::map<std::string, std::vector<std::string>> shaped;     // folder -> plan-shaped files sampled
  std::map<std::string, std::vector<std::string>> unshaped;   // folder -> other files sampled
  std::map<std::string, int> section_votes;
  int plans_sampled = 0;
  Stamps stamps;
  std::size_t budget = k_discovery_samples;
  for (std::size_t round = 0; budget > 0; ++round) {
    bool any = false;
    for (const auto& [folder, listed] : order) {
      const std::vector<std::string>& paths = *listed;
      if (round >= paths.size() || budget == 0) {
        continue;
      }
      any = true;
      // Spread the sample over the folder rather than its first files.
      const std::size_t pick = round * paths.size() / std::min<std::size_t>(paths.size(), 6);
      if (round >= 6 || pick >= paths.size()) {
        continue;
      }
      const std::string& path = paths[pick];
      const auto text = read(path);
      --budget;
      ++found.files_read;
      if (!text) {
        continue;
      }
      const auto sections = canonical_headings(*text);
      // Shaped like an ExecPlan: a Progress log and two more canonical sections.
      if (sections.count("Progress") != 0 && sections.size() >= 3) {
        shaped[folder].push_back(path);
        ++plans_sampled;
        for (const auto& name : sections) {
          ++section_votes[name];
        }
        const Stamps more = stamps_of(*text);
        stamps.stamped += more.stamped;
        stamps.date_only += more.date_only;
        stamps.checklist += more.checklist;
      } else {
        unshaped[folder].push_back(path);
      }
    }
    if (!any || round >= 6) {
      break;
    }
  }

  // Each folder with plans: all its Markdown files, or those sharing the plans' name prefix.
  std::map<std::string, std::vector<std::string>> folders_by_pattern;
  for (const auto& [folder, plans] : shaped) {
    const auto& others = unshaped[folder];
    std::string pattern = "*.md";
    if (!others.empty()) {
      std::vector<std::string> names;
      for (const auto& plan : plans) {
        names.push_back(name_of(plan));
      }
      // The name's leading word (`PLAN` of `PLAN_x.md`, `EP` of `EP-2026-…`), not a whole file name.
      std::string prefix = common_prefix(names);
      prefix = prefix.substr(0, prefix.find_first_of("_-. "));
      const bool separates = std::none_of(others.begin(), others.end(), [&](const std::string& other) {
        return starts_with(name_of(other), prefix);
      });
      if (prefix.size() >= 3 && separates) {
        pattern = prefix + "*.md";
      } else if (plans.size() < others.size()) {
        continue;   // mostly other documents: not a plan folder
      }
    }
    folders_by_pattern[pattern].push_back(folder);
  }
  for (const auto& [pattern, folders] : folders_by_pattern) {
    // Several sibling folders holding `PLAN*.md`: one glob over their common parent.
    if (folders.size() > 2 && pattern != "*.md") {
      std::string parent = folders.front();
      for (const auto& folder : folders) {
        while (!parent.empty() && !(folder == parent || starts_with(folder, parent + "/"))) {
          parent = folder_of(parent);
        }
      }
      found.plan_globs.push_back((parent.empty() ? "" : parent + "/") + "**/" + pattern);
    } else {
      for (const auto& folder : folders) {
        found.plan_globs.push_back((folder.empty() ? "" : folder + "/") + pattern);
      }
    }
  }
  std::sort(found.plan_globs.begin(), found.plan_globs.end());
  found.plans_found = !found.plan_globs.empty();
  if (!found.plans_found) {
    found.layout = found.registry.empty() ? "" : "registry only";
    found.reasons.push_back(fmt::format("no Markdown file shaped like an ExecPlan (a Progress section and two more "
                                        "canonical sections) among {} sampled",
                                        found.files_read));
    return found;
  }
  found.reasons.push_back(fmt::format("{} of {} sampled documents are shaped like ExecPlans, in {}", plans_sampled,
                                      found.files_read, fmt::join(found.plan_globs, ", ")));

  // The cookbook's layout: its guide is no registry, its plans have no To-do section, or their
  // Progress is a stamped checklist.
  const bool cookbook = !registry_lists && ((!guide.empty()) || section_votes["To-do"] * 2 < plans_sampled ||
                                            stamps.checklist * 2 >= std::max(1, stamps.stamped));
  found.pack = cookbook ? "execplan" : "agdd";
  found.layout = cookbook ? "cookbook layout" : "AGDD layout";
  found.reasons.push_back(cookbook ? "Progress entries are checklists stamped `- [x] (…)`, or PLANS.md is a guide: "
                                     "the execplan (cookbook) pack"
                                   : "a registry with plan lists and bracketed timestamps: the agdd pack");

  // Sections: the pack's, less those most plans leave out.
  const auto& pack_sections = discovery_sections(found.pack);
  std::vector<std::string> kept;
  for (const auto& name : pack_sections) {
    if (section_votes[name] * 2 >= plans_sampled) {
      kept.push_back(name);
    }
  }
  if (kept.size() != pack_sections.size() && !kept.empty()) {
    found.sections = kept;
    found.reasons.push_back(fmt::format("sections most plans have: {} (the pack's others are left out)",
                                        fmt::join(kept, ", ")));
  }
  if (stamps.stamped > 0 && stamps.date_only * 10 >= stamps.stamped) {
    found.date_only = true;
    found.reasons.push_back(fmt::format("{} of {} sampled log timestamps are dates without a time: date-only entries "
                                        "are accepted",
                                        stamps.date_only, stamps.stamped));
  }
  return found;
}

bool in_plan_folder(const std::string& path)
{
  return is_markdown(path) && !is_furniture(path) && plan_likeness(path) == 2;
}

bool discovery_descends(const std::string& folder)
{
  const auto segments = split(to_lower(folder), '/');
  if (segments.size() <= 2) {
    return true;
  }
  return std::any_of(segments.begin(), segments.end(), [](const std::string& segment) {
    return segment == "plans" || segment == "execplans" || segment == "exec-plans" || segment == "exec_plans" ||
           segment == "plan" || segment == ".agent" || segment == ".agents" || segment == "todo";
  });
}

std::string Discovery::summary() const
{
  if (!plans_found) {
    if (!registry.empty()) {
      return fmt::format("planck: no planck.yaml; found the registry {} but no plan files shaped like ExecPlans; "
                         "set plans.paths in planck.yaml (planck init writes one)",
                         registry);
    }
    return "planck: no planck.yaml and no plans found; `planck new TITLE` starts one, `planck init` sets planck up";
  }
  return fmt::format("planck: no planck.yaml; discovered plans in {} ({}){}; run planck init to keep this",
                     fmt::join(plan_globs, ", "), layout, registry.empty() ? "" : ", registry " + registry);
}

std::string Discovery::yaml() const
{
  std::string out = "# planck.yaml: what planck discovered of this repository's plans. Review it and keep it.\n";
  for (const auto& reason : reasons) {
    out += "#   " + reason + "\n";
  }
  out += "extends: " + pack + "\n";
  if (!plans_found) {
    if (!registry.empty()) {
      out += "plans:\n  registry: '" + registry + "'\n";
    }
    return out;
  }
  out += "plans:\n  paths:\n";
  for (const auto& glob : plan_globs) {
    out += "    - '" + glob + "'\n";
  }
  if (!registry.empty()) {
    out += "  registry: '" + registry + "'\n";
  }
  if (!sections.empty()) {
    out += "  sections:\n";
    for (const auto& name : sections) {
      out += "    - '" + name + "'\n";
    }
  }
  if (date_only) {
    out += "  timestamps:\n    date_only: true\n";
  }
  if (registry.empty() && pack == "agdd") {
    out += "rules:\n  registry-entry: off   # no registry with plan lists was found\n";
  }
  return out;
}

} // namespace planck
