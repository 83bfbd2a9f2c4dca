#pragma once

#include "planck/report/report.hpp"

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace planck {

// The writers, one file each; a new format is a writer here and a row in `formats()`.

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

/// GitLab Code Quality JSON: an array of issues with `check_name`, `fingerprint`, `severity` and `location`.
void write_gitlab(std::ostream& out, const ReportInput& input);

/// JUnit XML as GitLab reads it: one test case per rule and checked file, failing with its findings.
void write_junit(std::ostream& out, const ReportInput& input);

/// An output format of `check`: the table behind `--format`, `--report`, their help and their errors.
struct Format
{
  std::string_view name;         // as the command line spells it
  std::string_view description;  // one line, for `--help`
  void (*write)(std::ostream& out, const ReportInput& input);
};

/// Every output format, the default (`text`) first.
std::span<const Format> formats();

/// The format called `name`; nothing for an unknown one.
std::optional<Format> parse_format(std::string_view name);

/// The names of every format as a sentence lists them: `text, json, … or junit`.
std::string format_names();

/// A line a format, its name and its description, for `--format`'s help (no final line break).
std::string format_help();

/// Writes `input` in `format` to `out`.
void write_report(const Format& format, std::ostream& out, const ReportInput& input);

} // namespace planck
