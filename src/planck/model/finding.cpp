#include "planck/model/finding.hpp"

#include <tuple>

namespace planck {

bool operator<(const Finding& a, const Finding& b)
{
  return std::tie(a.path, a.line, a.column, a.rule, a.message)
         < std::tie(b.path, b.line, b.column, b.rule, b.message);
}

FindingSummary summarize(const std::vector<Finding>& findings, int files_checked)
{
  FindingSummary summary;
  summary.files_checked = files_checked;
  for (const auto& finding : findings) {
    switch (finding.severity) {
    case Severity::error:
      ++summary.errors;
      break;
    case Severity::warning:
      ++summary.warnings;
      break;
    case Severity::note:
      ++summary.notes;
      break;
    }
  }
  return summary;
}

} // namespace planck
