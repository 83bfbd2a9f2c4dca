#pragma once

#include "planck/model/severity.hpp"

#include <string>
#include <vector>

namespace planck {

/// One result of a rule: where it is, what is wrong, and a content-derived identity.
struct Finding
{
  std::string rule;          // rule id, e.g. `timestamp-format`
  Severity severity = Severity::error;
  std::string path;          // repository-relative, '/' separated
  int line = 1;              // 1-based
  int column = 1;            // 1-based, in bytes
  int end_line = 0;          // 0 means same as `line`
  std::string message;
  std::string fingerprint;   // 16 hex digits, from rule, path and `fingerprint_key`
  // What identifies the finding when lines move: the section and the entry text, say.
  std::string fingerprint_key;
};

/// Orders findings by path, line, column, rule, message.
bool operator<(const Finding& a, const Finding& b);

/// Counts per severity, as the JSON summary and the text footer report them.
struct FindingSummary
{
  int errors = 0;
  int warnings = 0;
  int notes = 0;
  int files_checked = 0;
};

/// Counts `findings` by severity.
FindingSummary summarize(const std::vector<Finding>& findings, int files_checked);

/// A rule the run applied to a checked file; JUnit shows each as a test case, passing when it found nothing.
struct RuleCheck
{
  std::string rule;
  std::string path;
};

} // namespace planck
