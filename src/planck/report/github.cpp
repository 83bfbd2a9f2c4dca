#include "planck/report/escape.hpp"
#include "planck/report/formats.hpp"
#include "planck/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace planck {

namespace {

// GitHub shows 10 annotations of each level per step (50 per job); more are dropped silently.
constexpr int k_annotations_per_level = 10;

// GitHub refuses a step summary over 1 MiB.
constexpr std::size_t k_step_summary_limit = 1024 * 1024;

// Room kept for the note that says the table was cut.
constexpr std::size_t k_cut_note_reserve = 400;

std::string_view command_of(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "notice";
  }
  return "notice";
}

std::string annotation(const Finding& finding, const ReportInput& input)
{
  const int end_line = std::max(finding.end_line, finding.line);
  std::string properties = fmt::format("file={},line={},endLine={}", escape_annotation_property(finding.path),
                                       finding.line, end_line);
  // GitHub reads `col` only on a one-line annotation.
  if (end_line == finding.line) {
    int column = finding.column;
    if (input.source_line) {
      if (const auto line = input.source_line(finding.path, finding.line)) {
        column = utf16_column(*line, finding.column);
      }
    }
    properties += fmt::format(",col={}", column);
  }
  properties += ",title=" + escape_annotation_property("planck: " + finding.rule);
  return fmt::format("::{} {}::{}\n", command_of(finding.severity), properties,
                     escape_annotation_data(finding.message));
}

std::string plural(int count, std::string_view word)
{
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// A rule id as a code span when it is plain kebab-case (always, for the catalogue's ids), else escaped text:
// backslash escapes do not work inside a code span.
std::string rule_cell(const std::string& rule)
{
  const bool plain = !rule.empty() && std::all_of(rule.begin(), rule.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  return plain ? "`" + rule + "`" : escape_markdown_cell(rule);
}

std::string short_sha(const std::string& sha)
{
  return sha.substr(0, 12);
}

} // namespace

void write_github(std::ostream& out, const ReportInput& input)
{
  const auto ordered = by_importance(input.findings);
  int errors = 0;
  int warnings = 0;
  int notes = 0;
  for (const Finding* finding : ordered) {
    (finding->severity == Severity::error ? errors : finding->severity == Severity::warning ? warnings : notes)++;
  }
  const bool overflow =
    errors > k_annotations_per_level || warnings > k_annotations_per_level || notes > k_annotations_per_level;
  // The closing notice is a notice too, so it takes one of the ten notice places.
  const int error_room = k_annotations_per_level;
  const int warning_room = k_annotations_per_level;
  const int note_room = overflow ? k_annotations_per_level - 1 : k_annotations_per_level;

  int shown_errors = 0;
  int shown_warnings = 0;
  int shown_notes = 0;
  for (const Finding* finding : ordered) {
    int& shown = finding->severity == Severity::error     ? shown_errors
                 : finding->severity == Severity::warning ? shown_warnings
                                                          : shown_notes;
    const int room = finding->severity == Severity::error     ? error_room
                     : finding->severity == Severity::warning ? warning_room
                                                              : note_room;
    if (shown < room) {
      ++shown;
      out << annotation(*finding, input);
    }
  }
  if (overflow) {
    const int left_errors = errors - shown_errors;
    const int left_warnings = warnings - shown_warnings;
    const int left_notes = notes - shown_notes;
    const int left = left_errors + left_warnings + left_notes;
    out << "::notice title=" << escape_annotation_property("planck: more findings") << "::"
        << escape_annotation_data(fmt::format(
             "{} more {} ({}, {} and {}) {} not annotated: GitHub shows at most {} annotations of each level per "
             "step. The step summary lists every finding.",
             left, left == 1 ? "finding" : "findings", plural(left_errors, "error"), plural(left_warnings, "warning"),
             plural(left_notes, "note"), left == 1 ? "is" : "are", k_annotations_per_level))
        << '\n';
  }
}

void write_github_summary(std::ostream& out, const ReportInput& input, std::size_t max_bytes)
{
  std::string header = "## planck\n\n";
  const FindingSummary& summary = input.summary;
  const bool clean = summary.errors + summary.warnings + summary.notes == 0;
  header += fmt::format("**{}**", clean ? "No findings" : fmt::format("{}, {} and {}", plural(summary.errors, "error"),
                                                                        plural(summary.warnings, "warning"),
                                                                        plural(summary.notes, "note")));
  header += fmt::format(" in {} checked", plural(summary.files_checked, "file"));
  if (!input.range.head_sha.empty()) {
    header += input.range.base_sha.empty()
                ? fmt::format(", at `{}`", short_sha(input.range.head_sha))
                : fmt::format(", `{}`...`{}`", short_sha(input.range.base_sha), short_sha(input.range.head_sha));
  }
  header += input.range.worktree ? " with uncommitted changes.\n" : ".\n";
  if (clean) {
    if (header.size() <= max_bytes) {
      out << header;
    }
    return;
  }
  header += "\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n";
  if (header.size() + k_cut_note_reserve > max_bytes) {
    return;
  }

  std::size_t used = header.size();
  std::ostringstream rows;
  int left = 0;
  for (const Finding* finding : by_importance(input.findings)) {
    const std::string row =
      fmt::format("| {} | {}:{} | {} | {} |\n", to_string(finding->severity), escape_markdown_cell(finding->path),
                  finding->line, rule_cell(finding->rule), escape_markdown_cell(finding->message));
    if (left > 0 || used + row.size() + k_cut_note_reserve > max_bytes) {
      ++left;
      continue;
    }
    used += row.size();
    rows << row;
  }
  out << header << rows.str();
  if (left > 0) {
    out << fmt::format("\n_{} more {} not listed: GitHub limits a step summary to 1 MiB. "
                       "`planck check --format json` lists every finding._\n",
                       left, left == 1 ? "finding is" : "findings are");
  }
}

bool append_github_summary(const std::string& file, const ReportInput& input)
{
  std::error_code error;
  const auto existing = std::filesystem::file_size(file, error);
  const std::size_t used = error ? 0 : static_cast<std::size_t>(existing);
  if (used >= k_step_summary_limit) {
    return true;
  }
  std::ostringstream text;
  // A blank line first, so the summary starts a new block after whatever an earlier tool wrote.
  const std::string separator = used > 0 ? "\n" : "";
  write_github_summary(text, input, k_step_summary_limit - used - separator.size());
  if (text.str().empty()) {
    return true;
  }
  std::ofstream out(file, std::ios::binary | std::ios::app);
  out << separator << text.str();
  out.close();
  return static_cast<bool>(out);
}

} // namespace planck
