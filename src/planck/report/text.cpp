#include "planck/report/formats.hpp"
#include "planck/report/escape.hpp"

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
    const std::string path = escape_text_field(finding.path);
    const std::string message = escape_text_field(finding.message);
    if (input.color) {
      out << fmt::format("\033[1m{}:{}:{}:\033[0m {}{}\033[0m: {} \033[2m[{}]\033[0m\n", path, finding.line,
                         finding.column, colour_of(finding.severity), to_string(finding.severity), message,
                         finding.rule);
    } else {
      out << fmt::format("{}:{}:{}: {}: {} [{}]\n", path, finding.line, finding.column, to_string(finding.severity),
                         message, finding.rule);
    }
  }
}

} // namespace planck
