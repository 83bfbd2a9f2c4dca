#pragma once

#include "planck/model/changeset.hpp"
#include "planck/model/finding.hpp"

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

/// Everything a report shows.
struct ReportInput
{
  const RangeInfo& range;
  const std::vector<Finding>& findings;
  FindingSummary summary;
  bool color = false;        // ANSI colours (text only; on a terminal)
};

/// Writes `input` in `format` to `out`; throws `planck::Error` for a format this build cannot write.
void write_report(Format format, std::ostream& out, const ReportInput& input);

/// `path:line:col: severity: message [rule-id]`, one line a finding.
void write_text(std::ostream& out, const ReportInput& input);

/// The JSON document `{"version": 1, "base", "head", "findings": [...], "summary": {...}}`.
void write_json(std::ostream& out, const ReportInput& input);

/// One line such as `3 errors, 1 warning and 0 notes in 2 files`, or `no findings in 2 files`.
std::string summary_line(const FindingSummary& summary);

} // namespace planck
