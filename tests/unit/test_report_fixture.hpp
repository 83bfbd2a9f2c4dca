#pragma once

// Findings and report inputs for the report-format tests, and golden-file comparison.

#include "planck/report/report.hpp"
#include "planck/util/strings.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace planck::test {

/// A plan path with a space, a comma, a percent sign and a non-ASCII letter.
inline const std::string k_odd_path = "docs/development/plans/café 100%, plan.md";

/// A finding whose fingerprint is derived as the engine derives it: from rule, path and `key`.
inline Finding make_finding(const std::string& rule, Severity severity, const std::string& path, int line,
                            int column, const std::string& message, const std::string& key = {})
{
  Finding finding{rule, severity, path, line, column, 0, message, {}, key.empty() ? message : key};
  finding.fingerprint = stable_hash(rule + "\n" + path + "\n" + finding.fingerprint_key);
  return finding;
}

/// A rule with help in every part, as a report receives it from the catalogue.
inline RuleInfo sample_rule(std::string_view id, Severity severity, std::vector<OptionSpec> options = {})
{
  return RuleInfo{id,
                  severity,
                  "One line on what the rule finds.",
                  "Why the rule matters, in *Markdown*.\nOn two lines.",
                  "Change the entry so that it passes.",
                  "- [TBD] an entry\n",
                  "- [2025-10-30 11:42 UTC] an entry\n",
                  std::move(options)};
}

/// Rules in the catalogue's order (SARIF's `ruleIndex` in the golden file counts in it).
inline std::vector<RuleInfo> sample_rules()
{
  return {
    sample_rule("plan-required", Severity::error,
                {{"trigger_files", OptionType::integer, "40", "files changed before a plan is required", "", 0}}),
    sample_rule("timestamp-format", Severity::error),
    sample_rule("timestamps-monotonic", Severity::error),
    sample_rule("log-append-only", Severity::error),
    sample_rule("sections-required", Severity::error),
    sample_rule("registry-entry", Severity::error),
    sample_rule("plan-completion", Severity::error),
    sample_rule("links-resolve", Severity::error),
    sample_rule("front-matter", Severity::error),
    sample_rule("last-synced", Severity::warning),
    sample_rule("unused-suppression", Severity::note),
    sample_rule("invalid-document", Severity::error),
  };
}

/// Owns what a `ReportInput` refers to.
struct ReportFixture
{
  RangeInfo range;
  std::vector<Finding> findings;
  int files_checked = 1;
  std::vector<RuleInfo> rules = sample_rules();
  std::vector<RuleCheck> checks;
  std::map<std::pair<std::string, int>, std::string> lines;  // source lines, by path and line

  ReportFixture()
  {
    range.base_sha = "1111111111111111111111111111111111111111";
    range.head_sha = "2222222222222222222222222222222222222222";
  }

  ReportInput input() const
  {
    ReportInput result{range, findings, summarize(findings, files_checked), false, "/work/repo with space",
                       "9.8.7", rules, checks, nullptr};
    result.source_line = [this](const std::string& path, int line) -> std::optional<std::string> {
      const auto found = lines.find({path, line});
      if (found == lines.end()) {
        return std::nullopt;
      }
      return found->second;
    };
    return result;
  }
};

/// The sample behind the golden files: all three severities, an odd path, a message holding `%`, `:`,
/// `,`, a line break, Markdown and XML specials, a control character and invalid UTF-8, and a line
/// with non-ASCII text before the finding's column.
inline ReportFixture golden_sample()
{
  ReportFixture fixture;
  fixture.files_checked = 2;
  const std::string other = "docs/development/plans/other.md";
  fixture.findings = {
    make_finding("timestamp-format", Severity::error, k_odd_path, 22, 3,
                 "Progress entry timestamp '[2025-02-30 10:00 UTC]' is not a real date and time: 2025-02-30 is not a "
                 "real date",
                 "Progress\n[2025-02-30 10:00 UTC] Impossible day."),
    make_finding("log-append-only", Severity::error, k_odd_path, 25, 14,
                 "Decision Log entry was edited, 100% rewritten:\n<b>\"a | b\"</b> & `code` \x01\xff done",
                 "Decision Log\nedited"),
    make_finding("last-synced", Severity::warning, k_odd_path, 5, 1,
                 "last_synced is 2025-10-01 but the document changed on 2025-10-30"),
    make_finding("unused-suppression", Severity::note, other, 30, 1,
                 "suppression of timestamp-format suppresses nothing"),
  };
  fixture.findings[1].end_line = 27;
  fixture.lines[{k_odd_path, 25}] = "- Café 😀 entry";  // byte column 14, the `e`, is UTF-16 column 11
  fixture.checks = {{"timestamp-format", k_odd_path}, {"timestamp-format", other},
                    {"last-synced", k_odd_path},      {"last-synced", other},
                    {"log-append-only", k_odd_path},  {"unused-suppression", other}};
  return fixture;
}

/// Renders `input` with `write`.
template <typename Writer>
std::string render(Writer write, const ReportInput& input)
{
  std::ostringstream out;
  write(out, input);
  return out.str();
}

/// Compares `actual` with tests/golden/`name`; PLANCK_UPDATE_GOLDEN=1 rewrites the file instead.
inline void check_golden(const std::string& name, const std::string& actual)
{
  const std::string path = std::string(PLANCK_GOLDEN) + "/" + name;
  if (const char* update = std::getenv("PLANCK_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << path << " (run with PLANCK_UPDATE_GOLDEN=1)");
  std::ostringstream expected;
  expected << in.rdbuf();
  CHECK_MESSAGE(expected.str() == actual, "output differs from " << path
                                                                 << " (PLANCK_UPDATE_GOLDEN=1 rewrites it)\n"
                                                                 << actual);
}

/// The number of lines of `text` that start with `prefix`.
inline int count_lines_starting(const std::string& text, const std::string& prefix)
{
  int count = 0;
  for (const auto& line : split(text, '\n')) {
    count += starts_with(line, prefix) ? 1 : 0;
  }
  return count;
}

} // namespace planck::test
