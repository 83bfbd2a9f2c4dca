#include "planck/rules/builtin.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

namespace planck {

namespace {

// A document holding under a quarter of the sections has its missing ones reported as one
// finding, when there are at least this many of them.
constexpr std::size_t k_grouped_from = 4;

struct Present
{
  const Section* section;
  std::size_t index;   // position in the canonical list
};

// Positions (into `present`) of a longest run of sections already in canonical order: the others
// are the ones out of place, so moving one section yields one finding, not one per neighbour.
std::vector<bool> in_order(const std::vector<Present>& present)
{
  const std::size_t n = present.size();
  std::vector<std::size_t> length(n, 1);
  std::vector<std::ptrdiff_t> previous(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (present[j].index < present[i].index && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = static_cast<std::ptrdiff_t>(j);
      }
    }
  }
  std::vector<bool> keep(n, false);
  if (n == 0) {
    return keep;
  }
  auto at = static_cast<std::ptrdiff_t>(std::max_element(length.begin(), length.end()) - length.begin());
  while (at >= 0) {
    keep[static_cast<std::size_t>(at)] = true;
    at = previous[static_cast<std::size_t>(at)];
  }
  return keep;
}

void check_document(const RuleContext& context, const Target& target)
{
  const Config& config = context.config;
  const Document& doc = *target.head;
  const auto& canonical = config.sections;

  auto report = [&](int line, std::string message, const std::string& key) {
    context.report({.path = target.path,
                    .line = std::max(line, 1),
                    .column = 1,
                    .end_line = 0,
                    .message = std::move(message),
                    .fingerprint_key = key,
                    .severity = std::nullopt});
  };

  std::map<std::string, const Section*> first_seen;
  std::vector<Present> present;
  std::vector<const Section*> unknown;
  for (const auto& section : doc.sections) {
    const auto name = config.canonical_section(section.heading);
    if (!name) {
      unknown.push_back(&section);
      continue;
    }
    const auto index = static_cast<std::size_t>(std::find(canonical.begin(), canonical.end(), *name)
                                                - canonical.begin());
    if (index == canonical.size()) {
      continue;
    }
    const auto [it, inserted] = first_seen.emplace(*name, &section);
    if (!inserted) {
      report(section.line,
             fmt::format("section '{}' appears more than once (first at line {})", *name, it->second->line),
             "duplicate\n" + *name);
      continue;
    }
    present.push_back({&section, index});
  }

  // Where the plans keep no one order, a section need only be there (`order: false`).
  const auto keep = context.settings.options.boolean("order") ? in_order(present)
                                                               : std::vector<bool>(present.size(), true);
  for (std::size_t i = 0; i < present.size(); ++i) {
    if (keep[i]) {
      continue;
    }
    const std::string& name = canonical[present[i].index];
    // Name the kept neighbour it should follow, the easiest instruction to act on.
    std::string where = "first";
    for (std::size_t j = 0; j < present.size(); ++j) {
      if (keep[j] && present[j].index < present[i].index) {
        where = fmt::format("after '{}'", canonical[present[j].index]);
      }
    }
    report(present[i].section->line,
           fmt::format("section '{}' is out of canonical order; it belongs {}", name, where),
           "order\n" + name);
  }

  // A missing section is often a misspelt or mis-levelled one: say which.
  struct Missing
  {
    std::string name;
    const Heading* wrong_level = nullptr;   // the section, as a heading of another level
    const Section* misspelt = nullptr;      // a heading that is likely a slip for its name
  };
  std::vector<Missing> missing;
  std::vector<std::string> absent;   // missing and neither mis-levelled nor misspelt
  for (const auto& name : canonical) {
    if (first_seen.count(name) != 0) {
      continue;
    }
    Missing& item = missing.emplace_back(Missing{name});
    const auto level = std::find_if(doc.headings.begin(), doc.headings.end(), [&](const Heading& heading) {
      return heading.level != 2 && config.canonical_section(heading.text) == name;
    });
    item.wrong_level = level != doc.headings.end() ? &*level : nullptr;
    const auto slip = std::find_if(unknown.begin(), unknown.end(),
                                   [&](const Section* section) { return likely_slip(section->heading, name); });
    item.misspelt = slip != unknown.end() ? *slip : nullptr;
    if (item.wrong_level == nullptr && item.misspelt == nullptr) {
      absent.push_back(name);
    }
  }
  // A document with hardly any of the sections is one finding, not one per section: it is another
  // kind of document in a plan folder (a recap, a design note), or a plan yet to be written out,
  // and either way the answer is the same for every section.
  const bool grouped = absent.size() >= k_grouped_from && present.size() * 4 < canonical.size() &&
                       !suppresses(doc, "sections-required");
  if (grouped) {
    report(doc.title_line > 0 ? doc.title_line : 1,
           fmt::format("has {} of the {} sections; missing {}: is it a plan? Add them (`planck new` writes a "
                       "skeleton), or leave the file out with plans.exclude",
                       present.size(), canonical.size(), fmt::format("'{}'", fmt::join(absent, "', '"))),
           "missing-most");
  }
  for (const auto& [name, wrong_level, misspelt] : missing) {
    if (wrong_level != nullptr) {
      report(wrong_level->line,
             fmt::format("section '{}' is a level-{} heading; canonical sections are level 2 (`## {}`)", name,
                         wrong_level->level, name),
             "level\n" + name);
      continue;
    }
    if (misspelt != nullptr) {
      report(misspelt->line,
             fmt::format("section '{}' is not a canonical section (did you mean '{}'?)", misspelt->heading, name),
             "missing\n" + name);
      continue;
    }
    if (grouped) {
      continue;   // named in the one finding above
    }
    const auto index = static_cast<std::size_t>(std::find(canonical.begin(), canonical.end(), name)
                                                - canonical.begin());
    // Point at the section it should precede, where the author will add it; when it belongs after
    // every section present, at the end of the document.
    int line = std::max(static_cast<int>(doc.lines.size()), doc.title_line > 0 ? doc.title_line : 1);
    for (const auto& item : present) {
      if (item.index > index) {
        line = item.section->line;
        break;
      }
    }
    report(line, fmt::format("missing section '## {}'", name), "missing\n" + name);
  }
}

} // namespace

void check_sections_required(const RuleContext& context)
{
  for_each_plan(context, [&](const Target& target, const Document&) { check_document(context, target); });
}

RuleInfo sections_required_info()
{
  return {
    .id = "sections-required",
    .default_severity = Severity::error,
    .summary = "The configured sections each appear exactly once, as level-2 headings, in canonical order.",
    .description =
      "A plan is only resumable when a reader finds the same things in the same places. The pack "
      "lists the canonical sections (the AGDD pack: Purpose / Big Picture, Context and Orientation, "
      "Plan of Work, To-do, Progress, Decision Log, Surprises & Discoveries, Concrete Steps, "
      "Validation and Acceptance, Idempotence and Recovery, Outcomes & Retrospective, Artifacts and "
      "Notes, Interfaces and Dependencies). Each must appear once, as a `##` heading, in that "
      "order. Names match case-insensitively with whitespace collapsed, `&` and `and` alike, and "
      "the pack's aliases; a numbered prefix (`## 4. Progress`), emphasis and a trailing qualifier "
      "(`## Progress — live`, `## Decision Log (what changed, why)`) are decoration. Other sections "
      "(`## Risks`, `## Milestones`) may appear anywhere; a heading is suggested as a slip for a "
      "missing section only when it is a near typo of its name or its name with words added. A "
      "document holding under a quarter of the sections gets one finding naming all it lacks.",
    .fix = "Add the missing heading (an empty section with a line saying why is fine), merge "
           "duplicates, and move sections into canonical order. `planck new` writes a complete skeleton.",
    .bad_example = "# Migrate storage\n\n## Progress\n\n## Purpose / Big Picture\n",
    .good_example = "# Migrate storage\n\n## Purpose / Big Picture\n\n…every canonical section, in order…\n\n## Progress\n",
    .options =
        {
            {"order", OptionType::boolean, "true",
             "Report sections out of the configured order. With `false` each section need only appear once, "
             "as a level-2 heading: discovery sets this where a repository's own plans keep no one order."},
        },
  };
}

} // namespace planck
