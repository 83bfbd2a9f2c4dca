#pragma once

#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"
#include "planck/model/rule_info.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace planck {

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

/// The GitHub step summary in Markdown: a heading, the counts and a table of every finding, most
/// severe first, cut with a note where it would exceed `max_bytes`.
void write_github_summary(std::ostream& out, const ReportInput& input, std::size_t max_bytes);

/// Appends the step summary to `file` (`$GITHUB_STEP_SUMMARY`) within GitHub's 1 MiB per step, counting
/// what the file already holds; false when the file cannot be written.
bool append_github_summary(const std::string& file, const ReportInput& input);

/// Findings most severe first, then by path, line, column and rule: the order budgets cut in.
std::vector<const Finding*> by_importance(const std::vector<Finding>& findings);

/// One line such as `3 errors, 1 warning and 0 notes in 2 files`, or `no findings in 2 files`.
std::string summary_line(const FindingSummary& summary);

} // namespace planck
