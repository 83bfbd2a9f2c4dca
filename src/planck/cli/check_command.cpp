#include "planck/cli/check_command.hpp"
#include "planck/authoring/file_transaction.hpp"
#include "planck/cli/ci_base.hpp"
#include "planck/cli/git_changeset.hpp"
#include "planck/cli/git_settings.hpp"
#include "planck/cli/version.hpp"
#include "planck/config/config.hpp"
#include "planck/config/discover.hpp"
#include "planck/report/formats.hpp"
#include "planck/report/report.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/rules/engine.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace planck {

namespace {

std::optional<Severity> fail_threshold(const std::string& fail_on)
{
  if (fail_on == "none") {
    return std::nullopt;
  }
  if (const auto severity = parse_severity(fail_on)) {
    return severity;
  }
  throw Error(fmt::format("--fail-on must be error, warning, note or none, not '{}'", fail_on));
}

// Checked before anything runs: a typo is not "auto".
void check_color(const std::string& mode)
{
  const std::vector<std::string> modes = {"auto", "always", "never"};
  if (std::find(modes.begin(), modes.end(), mode) == modes.end()) {
    const auto suggestion = closest_match(mode, modes);
    throw Error(fmt::format("--color must be auto, always or never, not '{}'{}", mode,
                            suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion)));
  }
}

bool use_color(const std::string& mode)
{
  if (mode == "always") {
    return true;
  }
  if (mode == "never") {
    return false;
  }
  const char* term = std::getenv("TERM");
  return std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO) != 0
         && (term == nullptr || std::string(term) != "dumb");
}

struct ReportRequest
{
  Format format;
  std::string file;
};

std::vector<ReportRequest> parse_reports(const std::vector<std::string>& specs)
{
  std::vector<ReportRequest> requests;
  for (const auto& spec : specs) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size()) {
      throw Error(fmt::format("--report takes FORMAT=FILE, not '{}'", spec));
    }
    const auto name = spec.substr(0, equals);
    const auto format = parse_format(name);
    if (!format) {
      throw Error(fmt::format("unknown report format '{}' ({})", name, format_names()));
    }
    requests.push_back({*format, spec.substr(equals + 1)});
  }
  return requests;
}

std::string resolve_base(const Repository& repository, const CheckOptions& options)
{
  if (!options.base.empty()) {
    return options.base;
  }
  if (options.all) {
    return {};
  }
  if (const auto detected = detect_base(repository, process_environment)) {
    spdlog::debug("base {} from {}", detected->revision, detected->source);
    return detected->revision;
  }
  throw Error("no base to compare with: pass --base REV (e.g. --base main), or --all to check every document");
}

// The line of `path` as checked, for reports that count columns in characters rather than bytes.
SourceLine source_lines(const ChangeSet& changes)
{
  return [&changes](const std::string& path, int line) -> std::optional<std::string> {
    const Document* document = changes.head_document(path);
    if (document == nullptr) {
      document = changes.base_document(path);
    }
    if (document == nullptr || line < 1 || static_cast<std::size_t>(line) > document->lines.size()) {
      return std::nullopt;
    }
    return std::string(document->lines[static_cast<std::size_t>(line) - 1]);
  };
}

// A full disk or a closed stdout is an error: a gate whose report went nowhere must not pass.
void write_stdout(const std::string& text)
{
  errno = 0;
  std::cout << text << std::flush;
  if (!std::cout) {
    throw Error(fmt::format("cannot write to standard output: {}",
                            errno != 0 ? std::strerror(errno) : "the write failed"));
  }
}

// A regular file (or none) is replaced whole, through a temporary file beside it and a rename, so
// that a reader never sees half a report. Anything else is written in place: a rename over
// /dev/null, /dev/stdout or a FIFO would put a regular file in its stead, for every user when run as root.
void write_report_file(const std::string& file, const std::string& text)
{
  struct stat link
  {
  };
  if (::lstat(file.c_str(), &link) != 0 || S_ISREG(link.st_mode)) {
    FileTransaction transaction;
    transaction.write(file, text);
    transaction.commit();
    return;
  }
  // Standard output itself (/dev/stdout, /dev/fd/1): after the text already written there, not over it.
  struct stat target
  {
  };
  struct stat out
  {
  };
  if (::stat(file.c_str(), &target) == 0 && ::fstat(STDOUT_FILENO, &out) == 0 && target.st_dev == out.st_dev
      && target.st_ino == out.st_ino) {
    write_stdout(text);
    return;
  }
  write_in_place(file, text);
}

#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr bool k_free_at_exit = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
constexpr bool k_free_at_exit = true;
#else
constexpr bool k_free_at_exit = false;
#endif
#else
constexpr bool k_free_at_exit = false;
#endif

} // namespace

int run_check(const CheckOptions& options)
{
  const auto threshold = fail_threshold(options.fail_on);
  check_color(options.color);
  // No --format on GitHub Actions: the text for the log, plus annotations the runner turns into checks.
  const bool github_auto = options.format.empty() && process_environment("GITHUB_ACTIONS") == "true";
  const auto format = parse_format(options.format.empty() ? "text" : options.format);
  if (!format) {
    throw Error(fmt::format("unknown format '{}' ({})", options.format, format_names()));
  }
  const auto reports = parse_reports(options.reports);
  if (options.worktree && options.head != "HEAD") {
    throw Error("--worktree adds the work tree on top of HEAD; it cannot be combined with --head");
  }

  // Like `git -C`: every relative path on the command line (--config, --report) is then from DIR.
  const Repository repository = open_checkout(options.directory);
  const std::string root = repository.workdir();
  Config config = load_config({options.config, root}, rule_infos()).or_throw();
  const bool no_config_file = options.config.empty() && starts_with(config.source, "pack:");

  RangeInfo range;
  range.worktree = options.worktree;
  range.all = options.all;
  range.now = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  range.head_sha = repository.resolve(options.head).or_throw();
  range.head_committer_time = repository.commit_info(range.head_sha).or_throw().committer_time;
  if (const std::string base = resolve_base(repository, options); !base.empty()) {
    const std::string base_sha = repository.resolve(base).or_throw();
    range.base_sha = repository.merge_base(base_sha, range.head_sha).or_throw();
    range.base_committer_time = repository.commit_info(range.base_sha).or_throw().committer_time;
    spdlog::debug("comparing {} (merge base of {}) with {}", range.base_sha, base, range.head_sha);
  }

  // No planck.yaml: the repository's own layout, read from the revision it is judged by (the base,
  // so that a pull request cannot move the goalposts; head with --all and no base).
  std::optional<Discovery> discovered;
  if (no_config_file) {
    const auto discovering = std::chrono::steady_clock::now();
    const std::string& revision = range.base_sha.empty() ? range.head_sha : range.base_sha;
    discovered = discover_revision(repository, revision).or_throw();
    config = load_config_text(discovered->yaml(), "discovered settings", rule_infos()).or_throw();
    spdlog::debug("discovery read {} documents in {:.1f} ms, the listing included",
                  discovered->files_read,
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - discovering).count());
    for (const auto& reason : discovered->reasons) {
      spdlog::debug("discovered: {}", reason);
    }
  }
  spdlog::debug("config: {}", config.source);

  // `-v` says where the time goes: reading the range, reading the targets, each rule.
  const auto started = std::chrono::steady_clock::now();
  const auto since = [](std::chrono::steady_clock::time_point from) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count();
  };
  // The process ends soon after the report, and freeing thousands of parsed documents one by one
  // took a fifth of a `--all` run on 2,000 plans; the system takes the memory back at once. Builds
  // with sanitizers free everything, so that leak checking still accounts for every allocation.
  // A diff-aware check reads the plans the range changed, with the registry and the cross-link
  // documents (select_targets): they are read while the range is diffed, from the folders the plan
  // globs name.
  EarlyReads early;
  if (!range.all) {
    for (const auto& glob : config.plan_paths) {
      if (auto folder = glob.literal_folder();
          folder && std::find(early.folders.begin(), early.folders.end(), *folder) == early.folders.end()) {
        early.folders.push_back(std::move(*folder));
      }
    }
    early.wanted = [&config](const std::string& path) { return config.is_plan(path); };
    early.with_them = config.plan_companions();
  }
  auto owned = std::make_unique<GitChangeSet>(repository, range, config.limits, early);
  const GitChangeSet& changes = *owned;
  struct KeepAtExit
  {
    std::unique_ptr<GitChangeSet>& held;
    ~KeepAtExit()
    {
      if (!k_free_at_exit) {
        // Kept reachable through a static, so that a leak checker does not count it as lost.
        [[maybe_unused]] static GitChangeSet* volatile kept = nullptr;
        kept = held.release();
      }
    }
  } keep_at_exit{owned};
  spdlog::debug("range read in {:.0f} ms (commits: {}, changed files: {})", since(started), changes.commits().size(),
                changes.changes().size());
  if (changes.early_documents() > 0) {
    spdlog::debug("documents read and parsed while the range was diffed: {}", changes.early_documents());
  }
  const auto selected = std::chrono::steady_clock::now();
  const auto targets = select_targets(changes, config);
  spdlog::debug("documents to check read and parsed in {:.0f} ms (documents: {})", since(selected), targets.size());
  const auto checking = std::chrono::steady_clock::now();
  const CheckResult result = run_rules(changes, config, targets);
  spdlog::debug("rules run in {:.0f} ms, {} at a time{}", since(checking), result.rules_at_once,
                result.rules_at_once > 1 ? " (the times below overlap)" : "");
  for (const auto& [rule, seconds] : result.rule_seconds) {
    spdlog::debug("rule {}: {:.0f} ms", rule, seconds * 1000);
  }
  spdlog::debug("checked in {:.0f} ms", since(started));
  // Only JUnit lists the passing rule and file pairs: one per rule and target, too many to build
  // for nothing on a large check.
  const bool junit = format->name == "junit"
                     || std::any_of(reports.begin(), reports.end(),
                                    [](const ReportRequest& request) { return request.format.name == "junit"; });
  const ReportInput input{changes.range(),
                          result.findings,
                          summarize(result.findings, result.files_checked),
                          format->name == "text" && use_color(options.color),
                          root,
                          k_version,
                          rule_infos(),
                          junit ? rule_checks(config, targets) : std::vector<RuleCheck>(),
                          source_lines(changes)};

  // Render every report before writing any, so a failing format leaves no half-written file.
  std::ostringstream primary;
  write_report(*format, primary, input);
  if (github_auto) {
    ReportInput plain = input;
    plain.color = false;
    write_github(primary, plain);
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& request : reports) {
    std::ostringstream text;
    ReportInput plain = input;
    plain.color = false;
    write_report(request.format, text, plain);
    files.emplace_back(request.file, text.str());
  }
  write_stdout(primary.str());
  for (const auto& [file, text] : files) {
    write_report_file(file, text);
  }
  const bool github_output = github_auto || format->name == "github"
                             || std::any_of(reports.begin(), reports.end(),
                                            [](const auto& request) { return request.format.name == "github"; });
  if (const auto summary_file = process_environment("GITHUB_STEP_SUMMARY");
      github_output && summary_file && !summary_file->empty() && !append_github_summary(*summary_file, input)) {
    spdlog::warn("cannot append the step summary to '{}'", *summary_file);
  }
  if (!options.quiet && format->name == "text") {
    if (discovered) {
      std::cerr << discovered->summary() << '\n';
      // The layout was read from the base: say so when the range adds plan-like files it does not cover.
      std::vector<std::string> uncovered;
      for (const auto& change : changes.changes()) {
        if (change.status == FileChange::Status::added && in_plan_folder(change.path) && !config.is_plan(change.path)) {
          uncovered.push_back(change.path);
        }
      }
      if (!uncovered.empty()) {
        std::cerr << fmt::format("planck: this range adds {} Markdown file{} in plan folders that the base's layout does "
                                 "not cover (first: {}); they are not checked until a planck.yaml names them\n",
                                 uncovered.size(), uncovered.size() == 1 ? "" : "s", uncovered.front());
      } else if (!range.base_sha.empty() &&
                 std::any_of(changes.changes().begin(), changes.changes().end(), [](const FileChange& change) {
                   return discovery_lists(change.path.substr(change.path.rfind('/') + 1));
                 })) {
        // A range that changes Markdown may move the layout itself (a registry, a plan folder):
        // head's is read too, and a difference is named, though the base's still decides.
        const Discovery at_head = discover_revision(repository, range.head_sha).or_throw();
        if (at_head.plan_globs != discovered->plan_globs || at_head.registry != discovered->registry ||
            at_head.pack != discovered->pack) {
          std::cerr << fmt::format("planck: at head the layout reads differently ({}); the base's is used, so that a "
                                   "change is judged by the convention it started from: run planck init to keep one\n",
                                   at_head.plans_found ? at_head.summary_of_layout() : "no plans found");
        }
      }
    }
    std::cerr << "planck: " << summary_line(input.summary) << '\n';
  }

  if (!threshold) {
    return 0;
  }
  for (const auto& finding : result.findings) {
    if (finding.severity >= *threshold) {
      return 1;
    }
  }
  return 0;
}

} // namespace planck
