#include "planck/rules/builtin.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/plan/log_sections.hpp"
#include "planck/plan/plan_status.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>

namespace planck {

namespace {

const std::string k_retrospective = "Outcomes & Retrospective";
const std::string k_validation = "Validation and Acceptance";

// `*` in `pattern` stands for any text; letters match whatever their case.
bool wildcard_match(std::string_view pattern, std::string_view text)
{
  const std::string p = to_lower(pattern);
  const std::string t = to_lower(text);
  std::size_t pi = 0;
  std::size_t ti = 0;
  std::size_t star = std::string::npos;
  std::size_t resume = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      resume = ti;
    } else if (pi < p.size() && p[pi] == t[ti]) {
      ++pi;
      ++ti;
    } else if (star != std::string::npos) {
      pi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') {
    ++pi;
  }
  return pi == p.size();
}

std::string without_comments(std::string_view text)
{
  std::string result;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find("<!--", at);
    if (open == std::string_view::npos) {
      result += text.substr(at);
      break;
    }
    result += text.substr(at, open - at);
    const auto close = text.find("-->", open + 4);
    if (close == std::string_view::npos) {
      break;
    }
    at = close + 3;
  }
  return result;
}

bool only_of(std::string_view text, std::string_view characters)
{
  return text.find_first_not_of(characters) == std::string_view::npos;
}

// What a line of a section says, without the Markdown around it: no quote or list marker, no
// checkbox, no emphasis or code ticks around it, no closing punctuation. Empty for headings,
// thematic breaks and blank lines, which say nothing.
std::string line_content(std::string_view line)
{
  std::string_view text = trim(line);
  if (text.empty() || text.front() == '#' || (text.size() >= 2 && only_of(text, "-=*_ "))) {
    return {};
  }
  while (!text.empty() && text.front() == '>') {
    text = trim(text.substr(1));
  }
  if (text.size() >= 2 && (text[0] == '-' || text[0] == '*' || text[0] == '+') && text[1] == ' ') {
    text = trim(text.substr(2));
  } else {
    const auto digits = text.find_first_not_of("0123456789");
    if (digits != 0 && digits != std::string_view::npos && digits + 1 < text.size()
        && (text[digits] == '.' || text[digits] == ')') && text[digits + 1] == ' ') {
      text = trim(text.substr(digits + 2));
    }
  }
  for (std::string_view box : {"[ ]", "[x]", "[X]"}) {
    if (starts_with(text, box) && (text.size() == 3 || text[3] == ' ')) {
      text = trim(text.substr(3));
      break;
    }
  }
  while (!text.empty() && std::string_view("*_`").find(text.front()) != std::string_view::npos) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::string_view("*_`.:;! \t").find(text.back()) != std::string_view::npos) {
    text.remove_suffix(1);
  }
  return std::string(trim(text));
}

// The retrospective's state: real content, nothing, or placeholders only (the first one quoted).
struct Retrospective
{
  bool empty = true;
  bool placeholder = false;
  std::string example;
};

Retrospective read_retrospective(const Document& document, const Section& section,
                                 const std::vector<std::string>& placeholders)
{
  Retrospective result;
  for (const auto& line : split(without_comments(section_body(document, section)), '\n')) {
    const std::string content = line_content(line);
    if (content.empty()) {
      continue;
    }
    const bool is_placeholder =
      std::any_of(placeholders.begin(), placeholders.end(),
                  [&](const std::string& pattern) { return wildcard_match(pattern, content); });
    if (!is_placeholder) {
      return {false, false, {}};
    }
    if (result.empty) {
      result.example = std::string(trim(line));
    }
    result.empty = false;
    result.placeholder = true;
  }
  return result;
}

std::string file_name(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The changelog and every path its links resolve to, read once per check however many plans
// are completed.
struct Changelog
{
  std::string path;
  bool exists = false;   // kept from batch to batch, where the document itself may be let go of
  std::unordered_set<std::string> targets;
};

void check_deleted_plan(const RuleContext& context, const Target& target)
{
  const ChangeSet& changes = context.changes;
  const Config& config = context.config;
  const Document& plan = *target.base;
  if (plan.binary || plan.skipped) {
    return;
  }
  // Moved rather than deleted: the range adds a file of the same name elsewhere (a move that
  // changed too much for git to call it a rename).
  const std::string name = file_name(target.path);
  for (const auto& change : changes.changes()) {
    if (change.status != FileChange::Status::deleted && change.path != target.path && file_name(change.path) == name &&
        change.status != FileChange::Status::modified) {
      return;
    }
  }

  // Marked as given up, in its own front matter or in the registry at base or head.
  const PlanSet deleted({target.path});
  auto marks_given_up = [](std::string_view text) {
    const std::string lower = to_lower(text);
    for (const char* word : {"abandon", "supersed", "cancel", "obsolete", "withdrawn", "dropped", "replaced by"}) {
      if (lower.find(word) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  const std::string* status = plan.front_matter.scalar("status");
  if (status != nullptr && marks_given_up(*status)) {
    return;
  }
  bool listed_active = false;
  for (const Document* registry : {changes.base_document(config.registry), changes.head_document(config.registry)}) {
    if (registry == nullptr || registry->binary || registry->skipped) {
      continue;
    }
    for (const auto& entry : registry_of(*registry, config.registry_lists).entries) {
      if (!registry_entry_plan(entry, config.registry, deleted)) {
        continue;
      }
      if (marks_given_up(entry.status) || marks_given_up(entry.text)) {
        return;
      }
      listed_active = listed_active || (registry == changes.base_document(config.registry) &&
                                        entry.list == RegistryEntry::List::active);
    }
  }

  // Unfinished: a status that is not a finished one, a place under Active Plans, or open boxes.
  std::vector<std::string> why;
  if (status != nullptr && !trim(*status).empty()) {
    const std::string value = to_lower(trim(*status));
    static const std::set<std::string> k_finished = {"completed", "complete", "done", "finished", "implemented",
                                                     "shipped", "closed", "merged", "archived"};
    if (k_finished.count(value) == 0) {
      why.push_back(fmt::format("its status is '{}'", trim(*status)));
    }
  }
  if (listed_active) {
    why.push_back(fmt::format("{} lists it under Active Plans", config.registry));
  }
  const auto open = std::count_if(plan.todos.begin(), plan.todos.end(),
                                  [](const ListItem& item) { return item.checkbox == Checkbox::open; });
  if (open > 0) {
    why.push_back(fmt::format("{} box{} still open", open, open == 1 ? " is" : "es are"));
  }
  if (why.empty()) {
    return;
  }

  const std::string quoted = plan_exemptions(changes);
  std::string unfinished;
  for (std::size_t i = 0; i < why.size(); ++i) {
    unfinished += (i == 0 ? "" : i + 1 == why.size() ? " and " : ", ") + why[i];
  }
  RawFinding finding{.path = target.path,
                     .line = plan.title_line > 0 ? plan.title_line : 1,
                     .column = 1,
                     .end_line = 0,
                     .message = {},
                     .fingerprint_key = "deleted",
                     .severity = std::nullopt};
  if (!quoted.empty()) {
    finding.severity = Severity::note;
    finding.message = fmt::format("this range deletes an unfinished plan ({}); exempted by {}", unfinished, quoted);
  } else {
    finding.message = fmt::format(
      "this range deletes an unfinished plan ({}); keep it, move it to where finished or abandoned plans live, "
      "mark it abandoned or superseded in {}, or say why with a `Plan-Exempt: <reason>` trailer",
      unfinished, config.registry);
  }
  context.report(std::move(finding));
}

// The `changelog` option, else the cross-link document named CHANGELOG.md.
std::string changelog_path(const Config& config, const RuleConfig& settings)
{
  std::string path = settings.options.string("changelog");
  if (!path.empty()) {
    return path;
  }
  for (const auto& crosslink : config.crosslinks) {
    if (to_lower(file_name(crosslink)) == "changelog.md") {
      return crosslink;
    }
  }
  return "CHANGELOG.md";
}

Changelog read_changelog(const RuleContext& context)
{
  Changelog changelog;
  changelog.path = changelog_path(context.config, context.settings);
  const Document* document = context.changes.head_document(changelog.path);
  changelog.exists = document != nullptr;
  if (document != nullptr) {
    for (const auto& link : document->links) {
      if (link.image) {
        continue;
      }
      if (auto target = resolve_relative_link(changelog.path, link.destination)) {
        changelog.targets.insert(std::move(*target));
      }
    }
  }
  return changelog;
}

void check_changelog(const RuleContext& context, const std::string& path, const Document& plan,
                     const std::string& why, int title_line, const Changelog& log)
{
  const std::string& changelog = log.path;
  if (log.targets.count(path) != 0) {
    return;
  }
  const std::string title = plan.title.empty() ? file_name(path) : plan.title;
  const std::string entry = fmt::format("`- [{}]({})`", title, relative_link(changelog, path));
  context.report({.path = path,
                  .line = title_line,
                  .column = 1,
                  .end_line = 0,
                  .message = !log.exists
                               ? fmt::format("the plan is completed ({}) but there is no {} to link to it; "
                                             "create it with an entry such as {}",
                                             why, changelog, entry)
                               : fmt::format("the plan is completed ({}) but {} does not link to it; add an "
                                             "entry such as {}",
                                             why, changelog, entry),
                  .fingerprint_key = "changelog\n" + changelog,
                  .severity = std::nullopt});
}

void check_plan(const RuleContext& context, const std::string& path, const Document& plan,
                const std::set<std::string>& completed, std::optional<Changelog>& changelog)
{
  const Config& config = context.config;
  std::string why;
  if (front_matter_completed(plan)) {
    why = "its front matter says `status: completed`";
  } else if (completed.count(path) != 0) {
    why = fmt::format("it is listed under Completed Plans in {}", config.registry);
  } else {
    return;
  }

  const int title_line = plan.title_line > 0 ? plan.title_line : 1;
  auto report = [&](int line, int column, std::string message, std::string key) {
    context.report({.path = path,
                    .line = line,
                    .column = column,
                    .end_line = 0,
                    .message = std::move(message),
                    .fingerprint_key = std::move(key),
                    .severity = std::nullopt});
  };

  for (const auto& todo : plan.todos) {
    if (todo.checkbox != Checkbox::open) {
      continue;
    }
    // Point at the box itself, the thing to tick.
    int column = todo.column;
    if (todo.line >= 1 && todo.line <= static_cast<int>(plan.lines.size())) {
      const auto box = plan.lines[static_cast<std::size_t>(todo.line - 1)].find("[ ]");
      if (box != std::string::npos) {
        column = static_cast<int>(box) + 1;
      }
    }
    report(todo.line, column,
           fmt::format("to-do '{}' is still open, but the plan is completed ({}); tick it, or move it to the "
                       "follow-ups in {}",
                       quote(todo.text), why, k_retrospective),
           "open to-do\n" + entry_key(todo));
  }

  const auto placeholders = context.settings.options.strings("placeholders");
  if (const Section* retro = find_section(plan, config, k_retrospective)) {
    const auto state = read_retrospective(plan, *retro, placeholders);
    if (state.empty || state.placeholder) {
      const std::string what =
        state.empty ? std::string("empty") : fmt::format("only a placeholder ('{}')", quote(state.example));
      report(retro->line, 1,
             fmt::format("{} is {}, but the plan is completed ({}); write the final state, the follow-ups and "
                         "the lessons learned",
                         retro->heading, what, why),
             "retrospective");
    }
  } else {
    report(title_line, 1,
           fmt::format("the plan is completed ({}) but has no '{}' section; add `## {}` with the final state, the "
                       "follow-ups and the lessons learned",
                       why, k_retrospective, k_retrospective),
           "retrospective");
  }

  if (const Section* validation = find_section(plan, config, k_validation)) {
    if (validation->code_count == 0) {
      report(validation->line, 1,
             fmt::format("{} names no command, but the plan is completed ({}); record the commands that were "
                         "run, in a code span or a code block, with their outcome",
                         validation->heading, why),
             "validation");
    }
  } else {
    report(title_line, 1,
           fmt::format("the plan is completed ({}) but has no '{}' section; add `## {}` with the commands that "
                       "were run, in a code span or a code block, and their outcome",
                       why, k_validation, k_validation),
           "validation");
  }

  if (context.settings.options.boolean("require_changelog_link")) {
    if (!changelog) {
      changelog = read_changelog(context);
    }
    check_changelog(context, path, plan, why, title_line, *changelog);
  }
}

} // namespace

// Range-wide: a plan moved to Completed Plans is checked even when the range left the plan alone.
void check_plan_completion(const RuleContext& context)
{
  const ChangeSet& changes = context.changes;
  const Config& config = context.config;
  // The same for every batch of an --all run: worked out once.
  struct Repository
  {
    PlanSet plans;
    std::set<std::string> completed;
    std::optional<Changelog> changelog;
  };
  auto& repository = context.remembered<Repository>([&] {
    PlanSet plans(plans_at_head(changes, config));
    auto completed =
      completed_in_registry(changes.head_document(config.registry), config.registry, plans, config.registry_lists);
    return Repository{std::move(plans), std::move(completed), std::nullopt};
  });
  const PlanSet& plans = repository.plans;
  const std::set<std::string>& completed = repository.completed;
  std::optional<Changelog>& changelog = repository.changelog;
  std::set<std::string> checked;
  for_each_plan(context, [&](const Target& target, const Document& head) {
    if (checked.insert(target.path).second) {
      check_plan(context, target.path, head, completed, changelog);
    }
  });
  // A plan the range deletes while it is unfinished: history others resume from, gone.
  for (const auto& target : context.targets) {
    if (target.role == DocumentRole::plan && target.head == nullptr && target.base != nullptr &&
        target.change != nullptr && target.change->status == FileChange::Status::deleted) {
      check_deleted_plan(context, target);
    }
  }
  // A registry change that moves entries to Completed Plans completes those plans.
  for (const auto& target : context.targets) {
    if (target.role != DocumentRole::registry || target.head == nullptr) {
      continue;
    }
    const auto before = completed_in_registry(target.base, config.registry, plans, config.registry_lists);
    for (const auto& path : completed) {
      if (before.count(path) != 0 || !context.settings.applies_to(path) || context.checked_in_run(path)
          || !checked.insert(path).second) {
        continue;
      }
      const Document* plan = changes.head_document(path);
      if (plan != nullptr && !plan->binary && !plan->skipped) {
        check_plan(context, path, *plan, completed, changelog);
      }
    }
  }
}

RuleInfo plan_completion_info()
{
  return {
    .id = "plan-completion",
    .default_severity = Severity::error,
    .summary = "A completed plan has every box ticked, a real retrospective, a validation command and a "
               "CHANGELOG link.",
    .description =
      "Closing a plan is a promise that the work is done and the record is whole. A plan is completed "
      "when its front matter says `status: completed` or when the registry lists it under Completed "
      "Plans (by link, or by its file name in a code span). A completed plan must have: every to-do "
      "box ticked (each open `- [ ]` anywhere in the plan is reported at its line); an Outcomes & "
      "Retrospective section that says something, not empty and not only placeholders such as "
      "`TBD`, `TODO`, `Pending`, `N/A`, `In progress`, `-`, `[Populate after release]` or "
      "`<fill in>` (the `placeholders` option); at least one command, in a code span or code block, "
      "under Validation and Acceptance; and a link to it from the changelog (the cross-link document "
      "named `CHANGELOG.md`, or the `changelog` option). Checked for the plans the range changed "
      "(every plan with `--all`) and, when the range changes the registry, for the plans it moves to "
      "Completed Plans.\n\n"
      "Deleting a plan that is not finished loses the history someone would resume from. A range "
      "that deletes a plan (not a rename, and no file of the same name added elsewhere) while it is "
      "unfinished (a front-matter `status` other than completed, complete, done and the like; listed "
      "under Active Plans; or an open box anywhere) is reported, unless its status or its registry "
      "entry says it was abandoned or superseded. A `Plan-Exempt: <reason>` trailer on a commit of "
      "the range turns the finding into a note that quotes the reason.",
    .fix = "Tick the boxes that are done and move the rest to the follow-ups in Outcomes & Retrospective; "
           "write the final state, follow-ups and lessons learned; record the validation commands that "
           "were run; add a CHANGELOG.md entry that links to the plan. Or, when the work is not done, "
           "set the status back and move the registry entry to Active Plans.",
    .bad_example = "---\nstatus: completed\n---\n# Migrate storage\n\n## To-do\n\n- [x] Phase 1\n- [ ] Phase 2\n\n"
                   "## Validation and Acceptance\n\nRan the tests.\n\n## Outcomes & Retrospective\n\nTBD\n",
    .good_example = "---\nstatus: completed\n---\n# Migrate storage\n\n## To-do\n\n- [x] Phase 1\n- [x] Phase 2\n\n"
                    "## Validation and Acceptance\n\n`uv run -m pytest tests/storage` passed (212 tests).\n\n"
                    "## Outcomes & Retrospective\n\nPostgres serves all reads since 2025-10-30. Follow-up: drop "
                    "the SQLite fallback.\n\n"
                    "(and in CHANGELOG.md: `- [Migrate storage](docs/development/plans/migrate-storage.md)`)\n",
    .options = {
      {.name = "placeholders",
       .type = OptionType::string_list,
       .default_yaml = "[TBD, TBA, TODO, WIP, Pending, N/A, In progress, To be written, To be determined, '-', "
                       "'–', '—', '…', '[*]', '<*>', 'Final state, follow-ups, lessons learned']",
       .help = "Lines that do not count as a retrospective, matched against each line without list marker, "
               "emphasis or closing punctuation, whatever the case; `*` stands for any text."},
      {.name = "changelog",
       .type = OptionType::string,
       .default_yaml = "''",
       .help = "The document that must link to a completed plan; empty: the cross-link named CHANGELOG.md."},
      {.name = "require_changelog_link",
       .type = OptionType::boolean,
       .default_yaml = "true",
       .help = "Whether a completed plan needs a link from the changelog."},
    },
  };
}

} // namespace planck
