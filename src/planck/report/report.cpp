#include "planck/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace planck {

std::optional<Format> parse_format(std::string_view name)
{
  for (Format format : {Format::text, Format::json, Format::sarif, Format::github, Format::gitlab, Format::junit}) {
    if (to_string(format) == name) {
      return format;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Format format)
{
  switch (format) {
  case Format::text:
    return "text";
  case Format::json:
    return "json";
  case Format::sarif:
    return "sarif";
  case Format::github:
    return "github";
  case Format::gitlab:
    return "gitlab";
  case Format::junit:
    return "junit";
  }
  return "text";
}

void write_report(Format format, std::ostream& out, const ReportInput& input)
{
  switch (format) {
  case Format::text:
    write_text(out, input);
    return;
  case Format::json:
    write_json(out, input);
    return;
  case Format::sarif:
    write_sarif(out, input);
    return;
  case Format::github:
    write_github(out, input);
    return;
  case Format::gitlab:
    write_gitlab(out, input);
    return;
  case Format::junit:
    write_junit(out, input);
    return;
  }
}

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
