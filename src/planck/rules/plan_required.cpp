#include "planck/rules/builtin.hpp"
#include "planck/plan/log_sections.hpp"
#include "planck/plan/plan_status.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"
#include "planck/util/timestamp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_set>

namespace planck {

namespace {

constexpr std::int64_t k_hour = 60 * 60;

// One trigger the range tripped: its name (for the fingerprint) and how the message says it.
struct Trip
{
  std::string kind;
  std::string text;
};

// What the range's `Plan:` trailers amount to.
struct TrailerVerdict
{
  bool satisfied = false;
  std::vector<std::string> problems;    // why a trailer did not count, one clause each, the first few
  std::size_t more_problems = 0;        // further distinct clauses, counted, not quoted
  std::unordered_set<std::string> seen; // every clause so far, so that each counts once
};

// How many clauses a message quotes: a commit can carry 100,000 trailers.
constexpr std::size_t k_quoted_problems = 3;

std::string join_clauses(const std::vector<std::string>& parts)
{
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      text += i + 1 == parts.size() ? " and " : ", ";
    }
    text += parts[i];
  }
  return text;
}

std::string plural(std::size_t count, const char* one, const char* many)
{
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::string describe_duration(std::int64_t seconds)
{
  if (seconds < 2 * k_hour) {
    return plural(static_cast<std::size_t>(seconds / 60), "minute", "minutes");
  }
  if (seconds < 48 * k_hour) {
    return plural(static_cast<std::size_t>(seconds / k_hour), "hour", "hours");
  }
  return plural(static_cast<std::size_t>(seconds / (24 * k_hour)), "day", "days");
}

// The folder the first plan glob names (`docs/development/plans/` for `docs/development/plans/*.md`),
// empty when it names none.
std::string plan_folder(const Config& config)
{
  if (!config.plan_paths.empty()) {
    const std::string& pattern = config.plan_paths.front().pattern();
    const auto slash = pattern.rfind('/');
    const auto wild = pattern.find_first_of("*?[");
    if (slash != std::string::npos && (wild == std::string::npos || wild > slash)) {
      return pattern.substr(0, slash + 1);
    }
  }
  return {};
}

// Where a new plan goes, from the first plan glob: `docs/development/plans/*.md` -> that folder.
std::string plan_home(const Config& config)
{
  const std::string folder = plan_folder(config);
  return folder.empty() ? "add one" : "add one under " + folder;
}

// The triggers the range trips, in the order the message names them; `at` is the first
// triggering file: the first that matches a trigger path, else the first changed file.
std::vector<Trip> tripped(const ChangeSet& changes, const RuleConfig& settings,
                          const std::vector<const FileChange*>& changed, const FileChange*& at)
{
  std::vector<Trip> trips;
  const auto& commits = changes.commits();

  const long long span_hours = settings.options.integer("trigger_span_hours");
  if (span_hours > 0 && !commits.empty()) {
    const auto [oldest, newest] = std::minmax_element(
      commits.begin(), commits.end(),
      [](const CommitInfo& a, const CommitInfo& b) { return a.author_time < b.author_time; });
    // Saturated, and rounded up without an addition: a hostile commit's date can be any 64-bit number.
    std::int64_t span = 0;
    if (__builtin_sub_overflow(newest->author_time, oldest->author_time, &span)) {
      span = std::numeric_limits<std::int64_t>::max();
    }
    // Compared in whole hours, rounded up, so that no configured value can overflow.
    if (span / k_hour + (span % k_hour != 0 ? 1 : 0) > span_hours) {
      // Whole days read best as dates; shorter spans need the times.
      const bool days = span >= 48 * k_hour;
      const auto when = [&](std::int64_t t) { return days ? format_utc_date(t) : format_utc(t); };
      trips.push_back({"span", fmt::format("spans {} (commits from {} to {}, more than {} h)",
                                           describe_duration(span), when(oldest->author_time),
                                           when(newest->author_time), span_hours)});
    }
  }

  const long long min_commits = settings.options.integer("trigger_commits");
  if (min_commits > 0 && static_cast<long long>(commits.size()) >= min_commits) {
    trips.push_back({"commits", fmt::format("has {} ({} or more)", plural(commits.size(), "commit", "commits"),
                                            min_commits)});
  }

  const long long min_files = settings.options.integer("trigger_files");
  if (min_files > 0 && static_cast<long long>(changed.size()) >= min_files) {
    trips.push_back({"files", fmt::format("changes {} ({} or more)", plural(changed.size(), "file", "files"),
                                          min_files)});
  }

  const long long min_lines = settings.options.integer("trigger_lines");
  if (min_lines > 0) {
    long long lines = 0;
    for (const FileChange* change : changed) {
      const auto [additions, deletions] = changes.line_counts(*change);
      lines += additions + deletions;
    }
    if (lines >= min_lines) {
      trips.push_back({"lines", fmt::format("changes {} ({} or more, added plus deleted)",
                                            plural(static_cast<std::size_t>(lines), "line", "lines"), min_lines)});
    }
  }

  const auto& globs = settings.options.globs("trigger_paths");
  const auto& excluded = settings.options.globs("trigger_exclude");
  std::vector<const FileChange*> matched;
  const Glob* first_glob = nullptr;
  for (const FileChange* change : changed) {
    // Documentation about a migration is not a migration.
    if (std::any_of(excluded.begin(), excluded.end(), [&](const Glob& glob) { return glob.matches(change->path); })) {
      continue;
    }
    for (const auto& glob : globs) {
      if (glob.matches(change->path)) {
        if (matched.empty()) {
          first_glob = &glob;
        }
        matched.push_back(change);
        break;
      }
    }
  }
  if (!matched.empty()) {
    std::string more;
    if (matched.size() > 1) {
      more = matched.size() == 2 ? std::string(", as does 1 more changed file")
                                 : fmt::format(", as do {} more changed files", matched.size() - 1);
    }
    trips.push_back({"paths", fmt::format("touches {} (matches `{}`{})", matched.front()->path,
                                          first_glob->pattern(), more)});
  }

  at = matched.empty() ? changed.front() : matched.front();
  return trips;
}

void add_problem(TrailerVerdict& verdict, std::string problem)
{
  if (!verdict.seen.insert(problem).second) {
    return;
  }
  if (verdict.problems.size() < k_quoted_problems) {
    verdict.problems.push_back(std::move(problem));
  } else {
    ++verdict.more_problems;
  }
}

// The plan `name` stands for: a path (from the repository root) or a slug, the file name's stem.
// Nothing when no such file exists; an empty path when the file exists but is no plan.
// Look-ups by file name, not a pass over the plans: a range can carry 100,000 trailers.
std::optional<std::string> find_plan(const ChangeSet& changes, const PlanSet& plans, const std::string& name)
{
  if (name.find('/') != std::string::npos) {
    const auto path = resolve_relative_link("", name);
    if (!path) {
      return std::nullopt;
    }
    if (plans.contains(*path)) {
      return path;
    }
    return changes.head_exists(*path) ? std::optional<std::string>(std::string()) : std::nullopt;
  }
  // The first in sorted order whose file is `name` or whose stem is (`name`.md).
  const std::string* file = plans.with_file_name(name);
  const std::string* stem = plans.with_file_name(name + ".md");
  if (file != nullptr && stem != nullptr) {
    return std::min(*file, *stem);
  }
  if (file != nullptr || stem != nullptr) {
    return file != nullptr ? *file : *stem;
  }
  return std::nullopt;
}

// `Plan: <slug or path>` counts when it names a plan that exists at head and is not completed.
TrailerVerdict judge_plan_trailers(const ChangeSet& changes, const Config& config)
{
  TrailerVerdict verdict;
  std::optional<PlanSet> plans;
  std::optional<std::set<std::string>> completed;
  for (const auto& commit : changes.commits()) {
    for (const auto& [key, value] : commit.trailers) {
      if (to_lower(trim(key)) != "plan") {
        continue;
      }
      if (!plans) {
        plans.emplace(plans_at_head(changes, config));
        completed = completed_in_registry(changes.head_document(config.registry), config.registry, *plans, config.registry_lists);
      }
      std::string name(trim(value));
      // Accept the forms people paste: `slug`, <path>.
      const bool wrapped = name.size() >= 2 && ((name.front() == '`' && name.back() == '`')
                                                || (name.front() == '<' && name.back() == '>'));
      if (wrapped) {
        name = std::string(trim(name.substr(1, name.size() - 2)));
      }
      const std::string written = fmt::format("`Plan: {}`", quote(std::string(trim(value)), 80));
      if (name.empty()) {
        add_problem(verdict, "its " + written + " trailer names no plan");
        continue;
      }
      const auto path = find_plan(changes, *plans, name);
      if (!path) {
        add_problem(verdict, fmt::format("its {} trailer names no plan that exists at head", written));
        continue;
      }
      if (path->empty()) {
        add_problem(verdict, fmt::format("its {} trailer names a file that is not a plan", written));
        continue;
      }
      const Document* document = changes.head_document(*path);
      if (document != nullptr && front_matter_completed(*document)) {
        add_problem(verdict, fmt::format("its {} trailer names {}, which is completed (`status: completed`)",
                                         written, *path));
        continue;
      }
      if (completed->count(*path) != 0) {
        add_problem(verdict, fmt::format("its {} trailer names {}, which is completed (listed under Completed "
                                         "Plans in {})",
                                         written, *path, config.registry));
        continue;
      }
      verdict.satisfied = true;
      return verdict;
    }
  }
  return verdict;
}

} // namespace

void check_plan_required(const RuleContext& context)
{
  const ChangeSet& changes = context.changes;
  const Config& config = context.config;
  const RuleConfig& settings = context.settings;
  if (changes.range().base_sha.empty()) {
    return;   // --all without a base: there is no range to judge
  }

  // A range that adds or changes a plan has one, whatever it trips; chmod +x changes no plan.
  for (const auto& change : changes.changes()) {
    if (change.status != FileChange::Status::deleted && !change.mode_only && config.is_plan(change.path)) {
      return;
    }
  }

  // The changes that count: in the rule's `paths`, not ignored; sorted, those still present first,
  // so the finding lands on a file a reviewer can open.
  std::vector<const FileChange*> changed;
  for (const auto& change : changes.changes()) {
    if (!config.is_ignored(change.path) && settings.applies_to(change.path)) {
      changed.push_back(&change);
    }
  }
  if (changed.empty()) {
    return;
  }
  std::stable_sort(changed.begin(), changed.end(), [](const FileChange* a, const FileChange* b) {
    const bool a_gone = a->status == FileChange::Status::deleted;
    const bool b_gone = b->status == FileChange::Status::deleted;
    return a_gone != b_gone ? !a_gone : a->path < b->path;
  });

  const FileChange* at = nullptr;
  const auto trips = tripped(changes, settings, changed, at);
  if (trips.empty()) {
    return;
  }

  // A repository that keeps no plans where the config looks (the folder is missing and no plan
  // matches anywhere) is not using this layout: say once how to configure planck rather than
  // ask for a plan in a folder it does not have.
  if (plans_at_head(changes, config).empty()) {
    const std::string folder = plan_folder(config);
    if (folder.empty() || !changes.head_exists(folder.substr(0, folder.size() - 1))) {
      RawFinding finding;
      finding.path = at->path;
      finding.fingerprint_key = "no-plans";
      finding.severity = Severity::note;
      finding.message = fmt::format(
        "this range {} but no plan exists where planck looks ({}{}); set `plans.paths` in planck.yaml to where "
        "this repository keeps its plans (`planck init` writes one), or turn plan-required off",
        join_clauses([&] {
          std::vector<std::string> parts;
          for (const auto& trip : trips) {
            parts.push_back(trip.text);
          }
          return parts;
        }()),
        config.plan_paths.empty() ? std::string("no plans.paths") : "`" + config.plan_paths.front().pattern() + "`",
        folder.empty() ? "" : fmt::format(", and {} does not exist", folder));
      context.report(std::move(finding));
      return;
    }
  }

  const auto verdict = judge_plan_trailers(changes, config);
  if (verdict.satisfied) {
    return;
  }

  std::vector<std::string> parts;
  std::string kinds;
  for (const auto& trip : trips) {
    parts.push_back(trip.text);
    kinds += (kinds.empty() ? "" : ",") + trip.kind;
  }
  const std::string what = "this range " + join_clauses(parts);
  std::string problems;
  for (const auto& problem : verdict.problems) {
    problems += "; " + problem;
  }
  if (verdict.more_problems > 0) {
    problems += fmt::format("; and {} more `Plan:` {} that did not count", verdict.more_problems,
                            verdict.more_problems == 1 ? "trailer" : "trailers");
  }

  const std::string quoted = plan_exemptions(changes);

  RawFinding finding;
  finding.path = at->path;
  finding.fingerprint_key = kinds;
  if (!quoted.empty()) {
    finding.severity = Severity::note;
    finding.message = fmt::format("{} but adds or changes no plan{}; exempted by {}", what, problems, quoted);
  } else {
    finding.message =
      fmt::format("{} but adds or changes no plan{}; {}, or name an active plan with a `Plan: <slug>` trailer, "
                  "or exempt the range with `Plan-Exempt: <reason>`",
                  what, problems, plan_home(config));
  }
  context.report(std::move(finding));
}

RuleInfo plan_required_info()
{
  return {
    .id = "plan-required",
    .default_severity = Severity::error,
    .summary = "A range that trips a trigger adds or changes a plan, or names one in a Plan: trailer.",
    .description =
      "No multi-session work without a plan. When the range trips a trigger, it must add or change "
      "a plan, or one of its commits must carry a `Plan: <slug or path>` trailer naming a plan that "
      "exists at head and is not completed (front matter `status: completed`, or listed under "
      "Completed Plans in the registry). A range trips a trigger when its commits' author dates span "
      "more than `trigger_span_hours`, when it has `trigger_commits` commits or more, when it changes "
      "`trigger_files` files or more or `trigger_lines` lines or more (added plus deleted), or when "
      "it changes a file matching `trigger_paths`. The default pack trips on a span over 24 h, on 40 "
      "changed files or more, and on storage, migration and catalog paths (`**/storage/**`, "
      "`**/migration/**`, `**/migrations/**`, `**/catalog/**`, and any file whose name contains "
      "`migration`), except documentation (`trigger_exclude`: Markdown, reStructuredText, AsciiDoc "
      "and text files, and `docs/` and `doc/`); 0 turns a numeric trigger off. Only changed files within the rule's `paths` "
      "(when set) and outside `ignore` count. A `Plan-Exempt: <reason>` trailer turns the finding "
      "into a note that quotes the reason. The finding is reported at the first triggering file "
      "(the first file matching a trigger path, else the first changed file), line 1. With `--all` "
      "and no base there is no range, and the rule reports nothing. When no plan exists where the "
      "config looks and the first plan folder does not exist, the repository keeps its plans "
      "elsewhere or not at all: the rule says so once, as a note naming what to configure, instead "
      "of asking for a plan in a folder the repository does not use.",
    .fix = "Add a plan under the plans folder (`planck new TITLE` writes one and registers it), or, when "
           "the work belongs to a plan that is already active, say so in a commit message trailer: "
           "`Plan: migrate-storage` (the plan's file name without `.md`, or its path). For a range that "
           "needs no plan (a mechanical rename, a vendored update), add `Plan-Exempt: <reason>`.",
    .bad_example = "$ git log --format='%ad %s' --date=short main..\n"
                   "2025-10-27 Add the Postgres backend\n"
                   "2025-10-30 Migrate the catalog tables\n"
                   "# no plan added or changed, no Plan: trailer\n",
    .good_example = "$ git log --format='%ad %B' --date=short main..\n"
                    "2025-10-27 Add the Postgres backend\n"
                    "2025-10-30 Migrate the catalog tables\n"
                    "\n"
                    "Plan: migrate-storage\n",
    .options = {
      {.name = "trigger_paths",
       .type = OptionType::glob_list,
       .default_yaml = "['**/storage/**', '**/migration/**', '**/migrations/**', '**/catalog/**', "
                       "'*migration*']",
       .help = "Globs of changed paths that need a plan; a glob without `/` matches a file name anywhere."},
      {.name = "trigger_exclude",
       .type = OptionType::glob_list,
       .default_yaml = "['*.md', '*.markdown', '*.mdx', '*.rst', '*.adoc', '*.txt', 'docs/**', 'doc/**']",
       .help = "Globs of changed paths that never match `trigger_paths`: documentation about the code "
               "(`docs/storage-migration-guide.md`) is not the code."},
      {.name = "trigger_files",
       .type = OptionType::integer,
       .default_yaml = "40",
       .help = "A range that changes this many files or more needs a plan; 0 turns this off.",
       .minimum = 0},
      {.name = "trigger_lines",
       .type = OptionType::integer,
       .default_yaml = "0",
       .help = "A range that changes this many lines or more (added plus deleted) needs a plan; 0 turns this off.",
       .minimum = 0},
      {.name = "trigger_span_hours",
       .type = OptionType::integer,
       .default_yaml = "24",
       .help = "A range whose commits' author dates span more than this many hours needs a plan; 0 turns this off.",
       .minimum = 0},
      {.name = "trigger_commits",
       .type = OptionType::integer,
       .default_yaml = "0",
       .help = "A range of this many commits or more needs a plan; 0 turns this off.",
       .minimum = 0},
    },
  };
}

} // namespace planck
