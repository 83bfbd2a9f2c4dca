#include "planck/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace planck {

std::vector<const Finding*> by_importance(const std::vector<Finding>& findings)
{
  std::vector<const Finding*> ordered;
  ordered.reserve(findings.size());
  for (const auto& finding : findings) {
    ordered.push_back(&finding);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const Finding* a, const Finding* b) {
    return std::tie(b->severity, a->path, a->line, a->column, a->rule)
           < std::tie(a->severity, b->path, b->line, b->column, b->rule);
  });
  return ordered;
}

std::string summary_line(const FindingSummary& summary)
{
  const auto plural = [](int count, std::string_view word) {
    return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
  };
  const std::string files = plural(summary.files_checked, "file");
  if (summary.errors + summary.warnings + summary.notes == 0) {
    return fmt::format("no findings in {} checked", files);
  }
  return fmt::format("{}, {} and {} in {} checked", plural(summary.errors, "error"),
                     plural(summary.warnings, "warning"), plural(summary.notes, "note"), files);
}

} // namespace planck
