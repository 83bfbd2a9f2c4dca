#include "planck/report/report.hpp"

#include <fmt/format.h>

namespace planck {

namespace {

std::string_view colour_of(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "\033[1;31m";
  case Severity::warning:
    return "\033[1;33m";
  case Severity::note:
    return "\033[1;36m";
  }
  return "";
}

} // namespace

void write_text(std::ostream& out, const ReportInput& input)
{
  for (const auto& finding : input.findings) {
    if (input.color) {
      out << fmt::format("\033[1m{}:{}:{}:\033[0m {}{}\033[0m: {} \033[2m[{}]\033[0m\n", finding.path, finding.line,
                         finding.column, colour_of(finding.severity), to_string(finding.severity), finding.message,
                         finding.rule);
    } else {
      out << fmt::format("{}:{}:{}: {}: {} [{}]\n", finding.path, finding.line, finding.column,
                         to_string(finding.severity), finding.message, finding.rule);
    }
  }
}

} // namespace planck
