#pragma once

#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"
#include "planck/model/rule_info.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// The output formats of `check`.
enum class Format { text, json, sarif, github, gitlab, junit };

/// Parses a format name; nothing for an unknown one.
std::optional<Format> parse_format(std::string_view name);

/// The format's name as the command line spells it.
std::string_view to_string(Format format);

/// The text of line `line` (1-based) of `path` as checked, or nothing when unknown.
using SourceLine = std::function<std::optional<std::string>(const std::string& path, int line)>;

/// Everything a report shows.
struct ReportInput
{
  const RangeInfo& range;
  const std::vector<Finding>& findings;
  FindingSummary summary;
  bool color = false;        // ANSI colours (text only; on a terminal)
  std::string root;          // absolute path of the work tree, SARIF's %SRCROOT%; empty when unknown
  std::string tool_version;  // planck's version, for SARIF's tool.driver
  std::vector<RuleInfo> rules;    // every rule planck has, in catalogue order (SARIF's tool.driver.rules)
  std::vector<RuleCheck> checks;  // rule and file pairs the run applied (JUnit's passing test cases)
  SourceLine source_line;    // turns byte columns into UTF-16 columns (SARIF, annotations); null: as they are
};

/// Writes `input` in `format` to `out`; throws `planck::Error` for a format this build cannot write.
void write_report(Format format, std::ostream& out, const ReportInput& input);

/// `path:line:col: severity: message [rule-id]`, one line a finding.
void write_text(std::ostream& out, const ReportInput& input);

/// The JSON document `{"version": 1, "base", "head", "findings": [...], "summary": {...}}`.
void write_json(std::ostream& out, const ReportInput& input);

/// SARIF 2.1.0 as GitHub code scanning ingests it: one run, every rule of `input.rules` with its help,
/// results under `%SRCROOT%` with content-derived `partialFingerprints`.
void write_sarif(std::ostream& out, const ReportInput& input);

/// GitHub workflow commands (`::error file=…::message`), most severe first, within GitHub's budget of
/// 10 annotations per level, with a closing `::notice::` counting the findings left out.
void write_github(std::ostream& out, const ReportInput& input);

/// The GitHub step summary in Markdown: a heading, the counts and a table of every finding, most
/// severe first, cut with a note where it would exceed `max_bytes`.
void write_github_summary(std::ostream& out, const ReportInput& input, std::size_t max_bytes);

/// Appends the step summary to `file` (`$GITHUB_STEP_SUMMARY`) within GitHub's 1 MiB per step, counting
/// what the file already holds; false when the file cannot be written.
bool append_github_summary(const std::string& file, const ReportInput& input);

/// GitLab Code Quality JSON: an array of issues with `check_name`, `fingerprint`, `severity` and `location`.
void write_gitlab(std::ostream& out, const ReportInput& input);

/// JUnit XML as GitLab reads it: one test case per rule and checked file, failing with its findings.
void write_junit(std::ostream& out, const ReportInput& input);

/// Findings most severe first, then by path, line, column and rule: the order budgets cut in.
std::vector<const Finding*> by_importance(const std::vector<Finding>& findings);

/// One line such as `3 errors, 1 warning and 0 notes in 2 files`, or `no findings in 2 files`.
std::string summary_line(const FindingSummary& summary);

} // namespace planck
