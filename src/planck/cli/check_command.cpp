#include "planck/cli/check_command.hpp"
#include "planck/authoring/file_transaction.hpp"
#include "planck/cli/command.hpp"
#include "planck/check/check.hpp"
#include "planck/cli/open.hpp"
#include "planck/cli/version.hpp"
#include "planck/config/config.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/report/formats.hpp"
#include "planck/report/report.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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

// The line of `path` as checked, for reports that count columns in characters rather than bytes.
SourceLine source_lines(const ChangeSet& changes)
{
  // With --all, the documents were let go of batch by batch: a document's text is read again and
  // split as parsing splits it, rather than parsed again, once per document.
  struct Text
  {
    std::string text;
    std::vector<std::string_view> lines;
  };
  auto texts = std::make_shared<std::map<std::string, std::unique_ptr<Text>>>();
  return [&changes, texts](const std::string& path, int line) -> std::optional<std::string> {
    const std::vector<std::string_view>* lines = nullptr;
    if (changes.range().all && !changes.head_document_ready(path)) {
      auto it = texts->find(path);
      if (it == texts->end()) {
        auto read = std::make_unique<Text>();
        bool found = false;
        changes.visit_head_texts({path}, [&](std::size_t, std::string_view text) {
          read->text = std::string(text);
          found = true;
        });
        if (found) {
          read->lines = split_lines(read->text);
        }
        it = texts->emplace(path, found ? std::move(read) : nullptr).first;
      }
      if (it->second != nullptr) {
        lines = &it->second->lines;
      }
    }
    if (lines == nullptr) {
      const Document* document = changes.head_document(path);
      if (document == nullptr) {
        document = changes.base_document(path);
      }
      if (document == nullptr) {
        return std::nullopt;
      }
      lines = &document->lines;
    }
    if (line < 1 || static_cast<std::size_t>(line) > lines->size()) {
      return std::nullopt;
    }
    return std::string((*lines)[static_cast<std::size_t>(line) - 1]);
  };
}

// A full disk or a closed stdout is an error: a gate whose report went nowhere must not pass.
void write_stdout(const std::string& text)
{
  errno = 0;
  std::cout << text;
  flush_stdout();
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

  // Like `git -C`: every relative path on the command line (--config, --report) is then from DIR.
  const Repository repository = open_checkout(options.directory);
  const std::string root = repository.workdir();
  CheckRequest asked;
  asked.base = options.base;
  asked.head = options.head;
  asked.worktree = options.worktree;
  asked.all = options.all;
  asked.now = now_utc();
  Config config = load_config({options.config, root}, rule_infos()).or_throw();
  asked.discover = options.config.empty() && starts_with(config.source, "pack:");
  CheckOutcome outcome = check(repository, std::move(config), asked);
  // The process ends soon after the report, and freeing thousands of parsed documents one by one
  // took a fifth of a `--all` run on 2,000 plans; the system takes the memory back at once. Builds
  // with sanitizers free everything, so that leak checking still accounts for every allocation.
  struct KeepAtExit
  {
    std::unique_ptr<GitChangeSet>& held;
    ~KeepAtExit()
    {
      if (!k_free_at_exit && held) {
        held->wait_for_history();   // no thread may still read the repository as the process ends
        // Kept reachable through a static, so that a leak checker does not count it as lost.
        [[maybe_unused]] static GitChangeSet* volatile kept = nullptr;
        kept = held.release();
      }
    }
  } keep_at_exit{outcome.changes};
  const GitChangeSet& changes = *outcome.changes;
  const CheckResult& result = outcome.result;

  // Only JUnit lists the passing rule and file pairs: one per rule and target, too many to build
  // for nothing on a large check.
  const auto wanted = [&](auto writer) {
    return format->write == writer || std::any_of(reports.begin(), reports.end(), [&](const ReportRequest& request) {
             return request.format.write == writer;
           });
  };
  const bool junit = wanted(&write_junit);
  const ReportInput input{changes.range(),
                          result.findings,
                          summarize(result.findings, result.files_checked),
                          format->write == &write_text && use_color(options.color),
                          root,
                          k_version,
                          rule_infos(),
                          junit ? rule_checks(outcome.config, outcome.targets) : std::vector<RuleCheck>(),
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
  const bool github_output = github_auto || wanted(&write_github);
  if (const auto summary_file = process_environment("GITHUB_STEP_SUMMARY");
      github_output && summary_file && !summary_file->empty() && !append_github_summary(*summary_file, input)) {
    spdlog::warn("cannot append the step summary to '{}'", *summary_file);
  }
  if (!options.quiet && format->write == &write_text) {
    if (outcome.discovered) {
      std::cerr << outcome.discovered->summary() << '\n';
      for (const auto& note : layout_notes(repository, outcome)) {
        std::cerr << "planck: " << note << '\n';
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

Command add_check_command(CLI::App& parent)
{
  auto options = std::make_shared<CheckOptions>();
  auto* command = parent.add_subcommand("check", "Check the plans a range of commits touched");
  command->add_option("--base", options->base,
                      "Compare with the merge base of REV and head (default: from the CI, origin/HEAD, main)");
  command->add_option("--head", options->head, "The commit to check (default HEAD)");
  command->add_flag("--worktree", options->worktree, "Add uncommitted changes (index and work tree) on top of head");
  command->add_flag("--all", options->all, "Check every document at head, whatever changed");
  add_config_option(*command, options->config);
  add_directory_option(*command, options->directory);
  command->add_option("--format", options->format, "Output on stdout (default text):\n" + format_help());
  command->add_option("--report", options->reports, "Also write FORMAT=FILE (repeatable); FORMAT is " + format_names());
  command->add_option("--fail-on", options->fail_on, "Exit 1 when a finding is at least: error, warning, note, none");
  command->add_option("--color", options->color, "Colour the text output: auto, always, never");
  command->add_flag("-q,--quiet", options->quiet, "No summary line on stderr");
  return {command, [options] { return run_check(*options); }};
}

} // namespace planck
