#include "planck/config/discover.hpp"

#include "planck/markdown/front_matter.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/model/document.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>

namespace planck {

const std::vector<std::string>& discovery_sections(std::string_view pack)
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

const std::map<std::string, std::vector<std::string>>& discovery_aliases()
{
  static const std::map<std::string, std::vector<std::string>> aliases = {
    {"Purpose / Big Picture", {"Purpose", "Big Picture", "Purpose and Big Picture"}},
    {"To-do", {"Todo", "To do", "TODO", "To-dos", "Todos"}},
    {"Artifacts and Notes", {"Artefacts and Notes"}},
    {"Outcomes & Retrospective", {"Outcomes and Retrospectives", "Outcome & Retrospective"}}};
  return aliases;
}

namespace {

// `text` as a single-quoted YAML scalar.
std::string quoted(const std::string& text)
{
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("''") : std::string(1, c);
  }
  return out + "'";
}

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

bool ends_with_folded(std::string_view text, std::string_view suffix)
{
  return text.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

bool is_markdown(std::string_view path)
{
  return ends_with_folded(path, ".md") || ends_with_folded(path, ".markdown");
}

bool starts_with_folded(std::string_view text, std::string_view prefix)
{
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

bool contains_folded(std::string_view text, std::string_view part)
{
  for (std::size_t at = 0; at + part.size() <= text.size(); ++at) {
    if (starts_with_folded(text.substr(at), part)) {
      return true;
    }
  }
  return false;
}

// Files a plan folder holds that are not plans: its index, its guide, its template.
bool is_furniture(std::string_view path)
{
  const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
  const auto is = [&](std::string_view other) { return name.size() == other.size() && starts_with_folded(name, other); };
  if (is("readme.md") || is("index.md") || is("plans.md") || is("agents.md")) {
    return true;
  }
  // A template is named for it at either end (`EP-TEMPLATE.md`, `template-plan.md`); a plan about
  // templates (`unify-template-migration.md`) names it in the middle.
  const std::string_view stem = name.substr(0, name.rfind('.'));
  const std::string_view word = "template";
  return starts_with_folded(stem, word) || ends_with_folded(stem, word);
}

// How likely a folder is to hold plans: 2 when one of its segments is named for plans, 1 for an
// agents' or to-do folder, 0 otherwise.
int folder_likeness(std::string_view folder)
{
  int score = 0;
  while (!folder.empty()) {
    const auto slash = folder.find('/');
    const std::string_view segment = folder.substr(0, slash);
    const auto is = [&](std::string_view other) {
      return segment.size() == other.size() && starts_with_folded(segment, other);
    };
    if (is("plans") || is("execplans") || is("exec-plans") || is("exec_plans") || is("plan")) {
      return 2;
    }
    if (is(".agent") || is(".agents") || is("todo")) {
      score = 1;
    }
    folder = slash == std::string_view::npos ? std::string_view() : folder.substr(slash + 1);
  }
  return score;
}

// How likely a path is to hold a plan: its folder's likeness, or 1 for a plan-named file.
int plan_likeness(std::string_view path, int folder_score)
{
  if (folder_score == 2) {
    return 2;
  }
  const std::string_view name = path.substr(path.rfind('/') + 1);
  if (starts_with_folded(name, "plan") || starts_with_folded(name, "ep-") || contains_folded(name, "execplan")) {
    return 1;
  }
  return folder_score;
}

int plan_likeness(std::string_view path)
{
  const auto slash = path.rfind('/');
  return plan_likeness(path, folder_likeness(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash)));
}

// The canonical section name a heading's text stands for, over both packs' sections and their aliases.
std::optional<std::string> canonical_name(const std::string& heading)
{
  // Normalized name or alias -> canonical name.
  static const std::map<std::string, std::string> by_normal = [] {
    std::map<std::string, std::string> names;
    for (const auto* pack : {&discovery_sections("agdd"), &discovery_sections("execplan")}) {
      for (const auto& name : *pack) {
        names.emplace(normalize_section_name(name), name);
      }
    }
    for (const auto& [name, aliases] : discovery_aliases()) {
      for (const auto& alias : aliases) {
        names.emplace(normalize_section_name(alias), name);
      }
    }
    return names;
  }();
  for (const auto& form : section_name_forms(heading)) {
    if (const auto it = by_normal.find(form); it != by_normal.end()) {
      return it->second;
    }
  }
  return std::nullopt;
}

// The text of an ATX heading line (`## Progress` gives `Progress`), with its level; level 0 when
// the line is no heading.
std::pair<int, std::string_view> heading_of(std::string_view line)
{
  if (!starts_with(line, "#")) {
    return {0, {}};
  }
  const auto hashes = line.find_first_not_of('#');
  if (hashes == std::string_view::npos || hashes > 6 || line[hashes] != ' ') {
    return {0, {}};
  }
  return {static_cast<int>(hashes), line.substr(hashes + 1)};
}

// A heading of a sampled plan: the canonical section it names (an index into the AGDD pack's list),
// or for another level-2 heading, its name as a section name (numbering and qualifier dropped) and
// its text as written.
struct SampledHeading
{
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t section = none;
  std::string key;
  std::string text;
  int level = 2;
};

// The text of an ATX heading after its `#`s: trimmed, without the closing run of `#` that
// CommonMark lets a heading end with (`## Plan ##`), which is no part of its text.
std::string atx_text(std::string_view heading)
{
  std::string_view text = trim(heading);
  const auto last = text.find_last_not_of('#');
  if (last == std::string_view::npos) {
    return {};
  }
  if (last + 1 < text.size() && (text[last] == ' ' || text[last] == '\t')) {
    text = trim(text.substr(0, last));
  }
  return std::string(text);
}

// The log entries' timestamp habits of one document: stamped entries, date-only ones, times with
// no zone, whether its Progress is the cookbook's checklist `- [x] (…) text`, and for each log
// section, whether its stamps run oldest or newest first.
struct Stamps
{
  int stamped = 0;
  int date_only = 0;
  int timed = 0;     // stamps with a time of day
  int no_zone = 0;   // of those, written with no zone
  int checklist = 0;
  std::map<std::string, std::pair<int, int>> orders;   // log section -> sections oldest-first, newest-first
  std::map<std::string, std::pair<int, int>> entries;  // log section -> top-level entries, those stamped
  // Its canonical sections (any heading level) and its other level-2 headings, in document order
  // (sections_of gives the canonical sections among them).
  std::vector<SampledHeading> headings;

  void add(const Stamps& other)
  {
    stamped += other.stamped;
    date_only += other.date_only;
    timed += other.timed;
    no_zone += other.no_zone;
    checklist += other.checklist;
    for (const auto& [name, votes] : other.orders) {
      orders[name].first += votes.first;
      orders[name].second += votes.second;
    }
    for (const auto& [name, counts] : other.entries) {
      entries[name].first += counts.first;
      entries[name].second += counts.second;
    }
  }
};

Stamps stamps_of(std::string_view text)
{
  Stamps stamps;
  TimestampOptions options;
  options.date_only = true;
  options.no_zone = NoZonePolicy::assume_utc;
  std::string section;
  std::vector<std::int64_t> epochs;   // the current section's top-level entries' stamps
  const auto close_section = [&] {
    int rising = 0;
    int falling = 0;
    for (std::size_t i = 1; i < epochs.size(); ++i) {
      rising += epochs[i] > epochs[i - 1] ? 1 : 0;
      falling += epochs[i] < epochs[i - 1] ? 1 : 0;
    }
    if (!section.empty() && rising != falling) {
      auto& votes = stamps.orders[section];
      (rising > falling ? votes.first : votes.second) += 1;
    }
    epochs.clear();
  };
  const auto& names = discovery_sections("agdd");
  bool fenced = false;
  for (const auto& raw : split(text, '\n')) {
    std::string_view line = trim(raw);
    if (starts_with(line, "```") || starts_with(line, "~~~")) {
      fenced = !fenced;
    }
    if (fenced) {
      continue;
    }
    if (const auto [level, heading] = heading_of(line); level > 0) {
      const auto name = canonical_name(std::string(heading));
      if (name) {
        const auto index = static_cast<std::size_t>(std::find(names.begin(), names.end(), *name) - names.begin());
        stamps.headings.push_back({index, {}, {}, level});
      } else if (level == 2) {
        // Its key is its plainest form, with neither number nor qualifier: the shortest. The check
        // compares a heading's text as the Markdown parser gives it, so only a heading written
        // without markup can be written down as an alias for it (`**Plan**` reads `Plan` there).
        const std::string written = atx_text(heading);
        std::string key;
        if (written.find_first_of("*_`[]<>\\") == std::string::npos) {
          const auto forms = section_name_forms(written);
          key = *std::min_element(forms.begin(), forms.end(),
                                  [](const auto& a, const auto& b) { return a.size() < b.size(); });
        }
        stamps.headings.push_back({SampledHeading::none, key, written});
      }
      if (level == 2) {
        close_section();
        section = name.value_or("");
      }
      continue;
    }
    if (!starts_with(line, "- ") && !starts_with(line, "* ")) {
      continue;
    }
    const bool top_level = !raw.empty() && (raw.front() == '-' || raw.front() == '*');
    line.remove_prefix(2);
    const bool ticked = starts_with(line, "[x] ") || starts_with(line, "[X] ");
    if (ticked) {
      line.remove_prefix(4);
    }
    const Timestamp stamp = parse_timestamp(line, options);
    // An entry, for the log's stamping habit: not an open step, not a placeholder.
    const bool placeholder = starts_with_folded(line, "none") || starts_with_folded(line, "_none") ||
                             starts_with_folded(line, "*none") || starts_with_folded(line, "n/a") ||
                             starts_with_folded(line, "tbd") || starts_with_folded(line, "(pending");
    if (top_level && !section.empty() && !starts_with(line, "[ ] ") && !placeholder) {
      auto& counts = stamps.entries[section];
      ++counts.first;
      counts.second += stamp.status == Timestamp::Status::ok ? 1 : 0;
    }
    stamps.checklist += ticked && stamp.status == Timestamp::Status::ok ? 1 : 0;
    if (stamp.status == Timestamp::Status::ok) {
      ++stamps.stamped;
      stamps.date_only += stamp.date_only ? 1 : 0;
      stamps.timed += stamp.date_only ? 0 : 1;
      stamps.no_zone += stamp.zone_assumed ? 1 : 0;
      if (top_level) {
        epochs.push_back(stamp.epoch);
      }
    }
  }
  close_section();
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

// The canonical sections `headings` name, and the sections that headings taken for them (by key)
// stand for: indices into the AGDD pack's list, each once, in document order; with
// `level_two_only`, only those written as level-2 headings, as the check counts sections.
std::vector<std::size_t> sections_of(const std::vector<SampledHeading>& headings,
                                     const std::map<std::string, std::size_t>& stands_for, bool level_two_only = false)
{
  std::vector<std::size_t> sections;
  for (const auto& heading : headings) {
    if (level_two_only && heading.level != 2) {
      continue;
    }
    std::size_t index = heading.section;
    if (index == SampledHeading::none) {
      const auto it = stands_for.find(heading.key);
      if (it == stands_for.end()) {
        continue;
      }
      index = it->second;
    }
    if (std::find(sections.begin(), sections.end(), index) == sections.end()) {
      sections.push_back(index);
    }
  }
  return sections;
}

// The words of a section name that say what it is about: lower case, no joining words, plurals
// folded (`Decisions` and `Decision`, `Discoveries` and `Discovery`).
std::set<std::string> topic_words(const std::string& name)
{
  std::set<std::string> words;
  std::string word;
  const auto close = [&] {
    if (word == "and" || word == "of" || word == "the" || word == "a" || word == "an" || word == "to" ||
        word == "for" || word == "on" || word == "in") {
      word.clear();
    }
    if (word.size() > 4 && word.ends_with("ies")) {
      word = word.substr(0, word.size() - 3) + "y";
    } else if (word.size() > 3 && word.ends_with('s') && !word.ends_with("ss")) {
      word.pop_back();
    }
    if (!word.empty()) {
      words.insert(word);
    }
    word.clear();
  };
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      close();
    }
  }
  close();
  return words;
}

bool share_a_word(const std::string& a, const std::string& b)
{
  const auto words = topic_words(b);
  return std::ranges::any_of(topic_words(a), [&](const std::string& word) { return words.count(word) != 0; });
}

// A heading taken for a section: its key, its text as first written, the section (an index into
// the AGDD pack's list) and the sampled plans it stands in.
struct StandIn
{
  std::string key;
  std::string text;
  std::size_t section = 0;
  int plans = 0;
};

// Headings that plans write in place of a section of `required`: a level-2 heading of no canonical
// name that at least two sampled plans lacking the section have, that no plan holds beside the
// section, and that shares a topic word with its name but is no slip for it (`Implementation plan` for Plan of Work,
// `Relevant context` for Context and Orientation). A heading stands for one section at most; the
// one found in most plans is taken first, so that a rarer heading sharing a word (`Validation
// plan`) is not taken for a section the first already covers in those plans.
std::vector<StandIn> stand_ins(const std::vector<std::vector<SampledHeading>>& samples,
                               const std::vector<std::string>& required)
{
  const auto& all_sections = discovery_sections("agdd");
  std::map<std::string, std::size_t> taken;
  std::vector<StandIn> found;
  for (;;) {
    std::optional<StandIn> best;
    for (const auto& name : required) {
      const auto index =
        static_cast<std::size_t>(std::find(all_sections.begin(), all_sections.end(), name) - all_sections.begin());
      std::set<std::string> beside;                          // keys in plans that have the section
      std::map<std::string, std::pair<int, std::string>> in_place;   // key -> plans lacking it, first text
      for (const auto& headings : samples) {
        const auto sections = sections_of(headings, taken);
        const bool has = std::find(sections.begin(), sections.end(), index) != sections.end();
        std::set<std::string> seen;
        for (const auto& heading : headings) {
          if (heading.section != SampledHeading::none || taken.count(heading.key) != 0 || heading.key.empty()) {
            continue;
          }
          if (has) {
            beside.insert(heading.key);
          } else if (seen.insert(heading.key).second) {
            ++in_place[heading.key].first;
          }
          // The alias is written as the heading reads undecorated (`Delivery plan`, not `3. Delivery plan`).
          if (!has && in_place[heading.key].second.empty() && normalize_section_name(heading.text) == heading.key) {
            in_place[heading.key].second = heading.text;
          }
        }
      }
      for (const auto& [key, counted] : in_place) {
        const auto& [plans, text] = counted;
        // A misspelt section (`Suprises & Discoveries`) is the author's slip, which the check reports.
        if (plans < 2 || beside.count(key) != 0 || !share_a_word(key, name) || likely_slip(key, name)) {
          continue;
        }
        if (!best || plans > best->plans) {
          best = StandIn{key, text.empty() ? key : text, index, plans};
        }
      }
    }
    if (!best) {
      return found;
    }
    taken.emplace(best->key, best->section);
    found.push_back(std::move(*best));
  }
}

} // namespace

Discovery discover_layout(const std::vector<std::string>& files,
                          const std::function<std::optional<std::string>(const std::string&)>& read)
{
  Discovery found;
  const auto present = [&](const std::string& path) { return std::binary_search(files.begin(), files.end(), path); };

  // The registry or guide: the first of the usual places that exists.
  std::string guide;
  for (const auto& candidate : discovery_registry_candidates()) {
    if (present(candidate)) {
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
  std::string_view last_folder;
  int last_score = -1;
  std::map<std::string, std::vector<std::string>> furniture;   // folder -> its index, guide or template files
  for (const auto& path : files) {
    if (!is_markdown(path)) {
      continue;
    }
    // The files are sorted, so a folder's files come together: its likeness is worked out once.
    const auto slash = path.rfind('/');
    const std::string_view folder = slash == std::string::npos ? std::string_view() : std::string_view(path).substr(0, slash);
    if (is_furniture(path)) {
      furniture[std::string(folder)].push_back(path.substr(slash + 1));
      continue;
    }
    if (last_score < 0 || folder != last_folder) {
      last_folder = folder;
      last_score = folder_likeness(folder);
    }
    if (const int score = plan_likeness(path, last_score); score > 0) {
      const std::string key(folder);
      by_folder[key].push_back(path);
      likeness[key] = std::max(likeness[key], score);
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
  // By index into the AGDD pack's sections: plans with each section, and with section a before b.
  const auto& all_sections = discovery_sections("agdd");
  std::vector<int> votes(all_sections.size(), 0);
  std::vector<std::vector<int>> precedes(all_sections.size(), std::vector<int>(all_sections.size(), 0));
  const auto votes_for = [&](const std::string& name) {
    return votes[static_cast<std::size_t>(std::find(all_sections.begin(), all_sections.end(), name) -
                                          all_sections.begin())];
  };
  int plans_sampled = 0;
  struct
  {
    int whole = 0;   // sampled plans whose slug is their file name
    int start = 0;   // ... starts it
    int other = 0;   // ... neither (`100-storage.md` holding `storage`)
  } slugs;
  std::vector<std::vector<SampledHeading>> samples;   // each sampled plan's headings
  std::map<std::string, std::size_t> stands_for;   // a heading's key -> the section it is taken for
  // Counts each section's plans, and for each two sections the plans that put one first, with
  // the headings taken for sections counted as those sections.
  const auto count_sections = [&] {
    std::fill(votes.begin(), votes.end(), 0);
    for (auto& row : precedes) {
      std::fill(row.begin(), row.end(), 0);
    }
    for (const auto& headings : samples) {
      const auto sections = sections_of(headings, stands_for);
      for (std::size_t i = 0; i < sections.size(); ++i) {
        ++votes[sections[i]];
        for (std::size_t j = i + 1; j < sections.size(); ++j) {
          ++precedes[sections[i]][sections[j]];
        }
      }
    }
  };
  Stamps stamps;
  std::size_t budget = k_discovery_samples;
  // A few folders share the budget; one folder alone may use all of it.
  const std::size_t per_folder = std::max(k_samples_per_folder, k_discovery_samples / std::max<std::size_t>(1, order.size()));
  for (std::size_t round = 0; budget > 0; ++round) {
    bool any = false;
    for (const auto& [folder, listed] : order) {
      const std::vector<std::string>& paths = *listed;
      if (round >= paths.size() || budget == 0) {
        continue;
      }
      any = true;
      // Spread the sample over the folder rather than its first files.
      const std::size_t pick = round * paths.size() / std::min(paths.size(), per_folder);
      if (round >= per_folder || pick >= paths.size()) {
        continue;
      }
      const std::string& path = paths[pick];
      const auto text = read(path);
      --budget;
      ++found.files_read;
      if (!text) {
        continue;
      }
      Stamps sample = stamps_of(*text);
      const auto sections = sections_of(sample.headings, {});
      // Shaped like an ExecPlan: a Progress log and two more canonical sections.
      const bool has_progress = std::any_of(sections.begin(), sections.end(),
                                            [&](std::size_t index) { return all_sections[index] == "Progress"; });
      if (has_progress && sections.size() >= 3) {
        shaped[folder].push_back(path);
        ++plans_sampled;
        samples.push_back(std::move(sample.headings));
        stamps.add(sample);
        // How its front matter's slug names the file: the whole name, its start, or otherwise.
        if (const auto front = front_matter_of_text(*text)) {
          if (const std::string* slug = front->scalar("slug"); slug != nullptr && !slug->empty()) {
            const std::string name = name_of(path);
            const std::string stem = name.substr(0, name.rfind('.'));
            ++(stem == *slug ? slugs.whole : slug_starts(stem, *slug) ? slugs.start : slugs.other);
          }
        }
      } else {
        unshaped[folder].push_back(path);
      }
    }
    if (!any || round >= per_folder) {
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
    // Its index, guide or template would match the glob: they are excluded by name.
    for (const auto& name : furniture[folder]) {
      const std::string lower = to_lower(name);
      if (lower != "readme.md" && lower != "index.md" && (pattern == "*.md" || starts_with(name, pattern.substr(0, pattern.size() - 4))) &&
          std::find(found.excludes.begin(), found.excludes.end(), name) == found.excludes.end()) {
        found.excludes.push_back(name);
      }
    }
  }
  std::sort(found.excludes.begin(), found.excludes.end());
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
    // Folders named for plans come first in `order`: the first that held Markdown files is named.
    for (const auto& [folder, listed] : order) {
      if (likeness[folder] == 2 && unshaped.count(folder) != 0) {
        found.unshaped_folder = folder;
        break;
      }
    }
    found.reasons.push_back(fmt::format("no Markdown file shaped like an ExecPlan (a Progress section and two more "
                                        "canonical sections) among {} sampled",
                                        found.files_read));
    return found;
  }
  found.reasons.push_back(fmt::format("{} of {} sampled documents are shaped like ExecPlans, in {}", plans_sampled,
                                      found.files_read, fmt::join(found.plan_globs, ", ")));
  count_sections();

  // The cookbook's layout: its guide is no registry, its plans have no To-do section, or their
  // Progress is a stamped checklist.
  const bool cookbook = !registry_lists && ((!guide.empty()) || votes_for("To-do") * 2 < plans_sampled ||
                                            stamps.checklist * 2 >= std::max(1, stamps.stamped));
  found.pack = cookbook ? "execplan" : "agdd";
  found.layout = cookbook ? "cookbook layout" : "AGDD layout";
  found.reasons.push_back(cookbook ? "Progress entries are checklists stamped `- [x] (…)`, or PLANS.md is a guide: "
                                     "the execplan (cookbook) pack"
                                   : "a registry with plan lists and bracketed timestamps: the agdd pack");

  // Sections: the pack's that three plans in four have, in the order the plans keep them (a
  // section goes before another when most plans holding both put it first; ties keep the pack's order).
  const auto& pack_sections = discovery_sections(found.pack);
  // Headings that stand for a kept section in the plans that lack it (see stand_ins): these plans
  // keep the section under a name of their own.
  std::vector<std::string> required;
  std::copy_if(pack_sections.begin(), pack_sections.end(), std::back_inserter(required),
               [&](const std::string& name) { return votes_for(name) * 4 >= plans_sampled * 3; });
  for (const auto& [key, text, index, plans] : stand_ins(samples, required)) {
    stands_for.emplace(key, index);
    found.aliases[all_sections[index]].push_back(text);
    found.reasons.push_back(fmt::format("'{}' stands for {} in {} sampled plans that have no such section, and "
                                        "never beside it: it is taken as that section",
                                        text, all_sections[index], plans));
  }
  count_sections();
  std::vector<std::string> kept;
  for (const auto& name : pack_sections) {
    if (votes_for(name) * 4 >= plans_sampled * 3) {
      kept.push_back(name);
    }
  }
  const auto index_of = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(all_sections.begin(), all_sections.end(), name) - all_sections.begin());
  };
  std::map<std::string, int> wins;
  for (const auto& a : kept) {
    for (const auto& b : kept) {
      wins[a] += precedes[index_of(a)][index_of(b)] > precedes[index_of(b)][index_of(a)] ? 1 : 0;
    }
  }
  std::stable_sort(kept.begin(), kept.end(), [&](const std::string& a, const std::string& b) { return wins[a] > wins[b]; });
  std::vector<std::string> pack_kept;
  std::copy_if(pack_sections.begin(), pack_sections.end(), std::back_inserter(pack_kept),
               [&](const std::string& name) { return std::find(kept.begin(), kept.end(), name) != kept.end(); });
  if (!kept.empty() && kept != pack_sections) {
    found.sections = kept;
    if (kept.size() != pack_sections.size()) {
      found.reasons.push_back(fmt::format("sections three sampled plans in four have: {} (the pack's others are left "
                                          "out)",
                                          fmt::join(kept, ", ")));
    }
  }
  // The order is a convention only when the plans keep it: where more than one sampled plan in ten
  // (and at least two) would have a section out of it, only the sections' presence is checked. As
  // the check does, only level-2 headings count: a plan of level-1 sections is reported for that.
  int out_of_order = 0;
  for (const auto& headings : samples) {
    std::size_t last = 0;
    for (const auto index : sections_of(headings, stands_for, true)) {
      const auto at = static_cast<std::size_t>(std::find(kept.begin(), kept.end(), all_sections[index]) - kept.begin());
      if (at == kept.size()) {
        continue;
      }
      if (at < last) {
        ++out_of_order;
        break;
      }
      last = at;
    }
  }
  if (out_of_order >= 2 && out_of_order * 10 > plans_sampled) {
    found.section_order = false;
    found.reasons.push_back(fmt::format("{} of {} sampled plans keep their sections in another order: the order is "
                                        "not checked, only that each section is there",
                                        out_of_order, plans_sampled));
  } else if (!found.sections.empty() && kept != pack_kept) {
    found.reasons.push_back("the sampled plans keep their sections in an order of their own: that order is "
                            "checked, not the pack's");
  }
  // The slug check as the plans name their files: the pack's, or looser where more than one
  // sampled plan in ten (and at least two) would fail it, never stricter.
  const int with_slug = slugs.whole + slugs.start + slugs.other;
  const auto most_fit = [&](int fitting) { return with_slug - fitting < 2 || (with_slug - fitting) * 10 <= with_slug; };
  const std::string pack_slug = found.pack == "execplan" ? "file-name-prefix" : "file-name";
  if (with_slug > 0 && !most_fit(pack_slug == "file-name" ? slugs.whole : slugs.whole + slugs.start)) {
    found.slug = most_fit(slugs.whole + slugs.start) ? "file-name-prefix" : "any";
    found.reasons.push_back(fmt::format("{} of {} sampled plans' slugs {} their file names: front-matter checks "
                                        "the slug {}",
                                        with_slug - (found.slug == "any" ? slugs.whole + slugs.start : slugs.whole),
                                        with_slug, found.slug == "any" ? "do not start" : "are not",
                                        found.slug == "any" ? "against nothing (slug: any)"
                                                            : "starts the file name (slug: file-name-prefix)"));
  }
  // A repository that keeps no changelog: a completed plan cannot be linked from one.
  if (!present("CHANGELOG.md")) {
    found.changelog = false;
    found.reasons.push_back("no CHANGELOG.md: completed plans are not asked for a link from one");
  }
  // A log whose entries the plans hardly ever stamp is kept without timestamps.
  for (const auto& log : discovery_logs(found.pack)) {
    const auto [count, stamped] = stamps.entries[log.name];
    if (log.timestamped && count >= 5 && stamped * 5 < count) {
      found.unstamped_logs.push_back(log.name);
      found.reasons.push_back(fmt::format("{}: {} of {} sampled entries carry a timestamp: its entries are not "
                                          "required to",
                                          log.name, stamped, count));
    }
  }
  if (stamps.stamped > 0 && stamps.date_only * 10 >= stamps.stamped) {
    found.date_only = true;
    found.reasons.push_back(fmt::format("{} of {} sampled log timestamps are dates without a time: date-only entries "
                                        "are accepted",
                                        stamps.date_only, stamps.stamped));
  }
  if (stamps.timed > 0 && stamps.no_zone * 2 >= stamps.timed) {
    found.no_zone_utc = true;
    found.reasons.push_back(fmt::format("{} of {} sampled log times are written with no zone: they are taken as UTC",
                                        stamps.no_zone, stamps.timed));
  }
  // A log's order is fixed only when every sampled section that shows one agrees, and at least two
  // do; otherwise each section's own entries decide (order: auto).
  for (const auto& log : discovery_logs(found.pack)) {
    const auto it = stamps.orders.find(log.name);
    if (!log.timestamped || it == stamps.orders.end()) {
      continue;
    }
    const auto [oldest, newest] = it->second;
    if ((oldest == 0) != (newest == 0) && oldest + newest >= 2) {
      const std::string kept_order = newest > 0 ? "newest-first" : "oldest-first";
      found.log_orders[log.name] = kept_order;
      found.reasons.push_back(fmt::format("{}: all {} sampled sections that show an order are {}", log.name,
                                          oldest + newest, kept_order));
    } else if (oldest > 0 && newest > 0) {
      found.reasons.push_back(fmt::format("{}: {} sampled sections oldest-first, {} newest-first: each section's "
                                          "own entries decide",
                                          log.name, oldest, newest));
    }
  }
  return found;
}

const std::vector<DiscoveryLog>& discovery_logs(const std::string& pack)
{
  static const std::vector<DiscoveryLog> agdd = {
    {"Progress", true, false}, {"Decision Log", true, false}, {"Surprises & Discoveries", true, false}};
  static const std::vector<DiscoveryLog> cookbook = {
    {"Progress", true, true}, {"Surprises & Discoveries", false, false}, {"Decision Log", false, false}};
  return pack == "execplan" ? cookbook : agdd;
}

bool in_plan_folder(const std::string& path)
{
  return is_markdown(path) && !is_furniture(path) && plan_likeness(path) == 2;
}

bool discovery_descends(const std::string& folder)
{
  const std::string_view path(folder);
  const auto slash = path.find('/');
  if (slash == std::string_view::npos || folder_likeness(path) > 0) {
    return true;
  }
  // Two levels deep only under a documentation folder: `docs/design/` yes, `services/billing/` no.
  const std::string_view top = path.substr(0, slash);
  const auto is = [&](std::string_view other) { return top.size() == other.size() && starts_with_folded(top, other); };
  return path.find('/', slash + 1) == std::string_view::npos &&
         (is("docs") || is("doc") || is("documentation") || is("design") || is("notes") || is("planning") ||
          is(".github"));
}

const std::vector<std::string>& discovery_registry_candidates()
{
  static const std::vector<std::string> candidates = {
    "PLANS.md",           ".agent/PLANS.md",       ".agents/PLANS.md",        "docs/PLANS.md",
    "todo/PLANS.md",      "docs/plans/PLANS.md",   "docs/execplans/PLANS.md", "docs/exec-plans/PLANS.md"};
  return candidates;
}

std::vector<std::string> linked_folders(const std::string& registry, std::string_view text)
{
  std::set<std::string> folders;
  const auto registry_slash = registry.rfind('/');
  const std::string base = registry_slash == std::string::npos ? std::string() : registry.substr(0, registry_slash + 1);
  std::string_view last;   // a registry links its plans from one folder, link after link: each folder is worked out once
  for (auto at = text.find("]("); at != std::string_view::npos && folders.size() < k_linked_folders;
       at = text.find("](", at + 2)) {
    const auto end = text.find_first_of(") \t\n", at + 2);
    if (end == std::string_view::npos) {
      break;
    }
    std::string_view target = text.substr(at + 2, end - at - 2);
    target = target.substr(0, target.find('#'));
    if (!target.empty() && target.front() == '<') {
      target.remove_prefix(1);
    }
    if (!target.empty() && target.back() == '>') {
      target.remove_suffix(1);
    }
    const auto slash = target.rfind('/');
    if (slash == std::string_view::npos || !is_markdown(target) || target.find(':') != std::string_view::npos ||
        starts_with(target, "/")) {
      if (slash == std::string_view::npos && is_markdown(target) && !base.empty()) {
        folders.insert(base.substr(0, base.size() - 1));   // a plan beside the registry
      }
      continue;
    }
    const std::string_view folder = target.substr(0, slash);
    if (folder == last) {
      continue;
    }
    last = folder;
    // The folder as a repository path, as a link from the registry resolves (`.` and `..` folded,
    // escapes decoded); nothing for one that climbs out, nor for the root, which is walked anyway.
    if (const auto resolved = resolve_relative_link(registry, std::string(target))) {
      if (const auto cut = resolved->rfind('/'); cut != std::string::npos && cut > 0) {
        folders.insert(resolved->substr(0, cut));
      }
    }
  }
  return {folders.begin(), folders.end()};
}

bool discovery_lists(std::string_view name)
{
  return is_markdown(name);
}

std::string Discovery::summary() const
{
  if (!plans_found) {
    if (!registry.empty()) {
      return fmt::format("planck: no planck.yaml; found the registry {} but no plan files shaped like ExecPlans; "
                         "set plans.paths in planck.yaml (planck init writes one)",
                         registry);
    }
    if (!unshaped_folder.empty()) {
      return fmt::format("planck: no planck.yaml; the Markdown files in {}/ are not shaped like ExecPlans (a Progress "
                         "section and two more canonical sections), so none was checked; `planck init` sets planck up",
                         unshaped_folder);
    }
    return "planck: no planck.yaml and no plans found; `planck new TITLE` starts one, `planck init` sets planck up";
  }
  return fmt::format("planck: no planck.yaml; discovered plans in {} ({}){}; run planck init to keep this",
                     fmt::join(plan_globs, ", "), layout, registry.empty() ? "" : ", registry " + registry);
}

std::string Discovery::summary_of_layout() const
{
  return fmt::format("plans in {}{}, {} pack", fmt::join(plan_globs, ", "), registry.empty() ? "" : ", registry " + registry,
                     pack);
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
      out += "plans:\n  registry: " + quoted(registry) + "\n";
    } else if (!unshaped_folder.empty()) {
      // Not the pack's plan folder either, though that is where these files are: no plans, as the
      // summary says.
      out += "plans:\n  paths: []\n";
    }
    return out;
  }
  out += "plans:\n  paths:\n";
  for (const auto& glob : plan_globs) {
    out += "    - " + quoted(glob) + "\n";
  }
  if (!excludes.empty()) {
    out += "  exclude:   # not plans: the pack's README.md and index.md, and the folders' own templates and guides\n"
           "    - 'README.md'\n    - 'index.md'\n";
    for (const auto& name : excludes) {
      out += "    - " + quoted(name) + "\n";
    }
  }
  if (!registry.empty()) {
    out += "  registry: " + quoted(registry) + "\n";
  }
  if (!sections.empty()) {
    out += "  sections:\n";
    for (const auto& name : sections) {
      out += "    - " + quoted(name) + "\n";
    }
  }
  if (!aliases.empty()) {
    out += "  aliases:   # headings some plans write in a section's place\n";
    for (const auto& [name, names] : aliases) {
      std::vector<std::string> all;
      if (const auto pack_names = discovery_aliases().find(name); pack_names != discovery_aliases().end()) {
        all = pack_names->second;   // a pack's aliases for the section are replaced, so they are kept here
      }
      all.insert(all.end(), names.begin(), names.end());
      std::vector<std::string> written;
      std::transform(all.begin(), all.end(), std::back_inserter(written), quoted);
      out += "    " + quoted(name) + ": [" + fmt::format("{}", fmt::join(written, ", ")) + "]\n";
    }
  }
  if (!log_orders.empty() || !unstamped_logs.empty()) {
    out += "  logs:\n";
    for (const auto& log : discovery_logs(pack)) {
      if (!sections.empty() && std::find(sections.begin(), sections.end(), log.name) == sections.end()) {
        continue;   // a log the plans do not keep
      }
      out += "    - name: " + quoted(log.name) + "\n";
      if (const auto it = log_orders.find(log.name); it != log_orders.end()) {
        out += "      order: " + it->second + "\n";
      }
      if (!log.timestamped ||
          std::find(unstamped_logs.begin(), unstamped_logs.end(), log.name) != unstamped_logs.end()) {
        out += "      timestamped: false\n";
      }
      if (log.checklist) {
        out += "      checklist: true\n";
      }
    }
  }
  if (date_only || no_zone_utc) {
    out += "  timestamps:\n";
    if (date_only) {
      out += "    date_only: true\n";
    }
    if (no_zone_utc) {
      out += "    no_zone: assume_utc\n";
    }
  }
  const bool registry_off = registry.empty() && pack == "agdd";
  if (registry_off || !section_order || !slug.empty() || !changelog) {
    out += "rules:\n";
  }
  if (!changelog) {
    out += "  plan-completion:\n    require_changelog_link: false   # no CHANGELOG.md was found\n";
  }
  if (!slug.empty()) {
    out += "  front-matter:\n    slug: " + slug + "   # as the plans name their files\n";
  }
  if (registry_off) {
    out += "  registry-entry: off   # no registry with plan lists was found\n";
  }
  if (!section_order) {
    out += "  sections-required:\n    order: false   # the plans keep their sections in more than one order\n";
  }
  return out;
}

} // namespace planck
