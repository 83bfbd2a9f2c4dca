#include "planck/report/formats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace planck {

namespace {

// Adding a format is a row here, its writer declared in formats.hpp and written in a file of its own.
constexpr std::array k_formats = {
  Format{"text", "one line a finding, path:line:col: severity: message [rule]", write_text},
  Format{"json", "the findings and their counts as one JSON document", write_json},
  Format{"sarif", "SARIF 2.1.0 for GitHub code scanning, with every rule's help", write_sarif},
  Format{"github", "GitHub Actions annotations and step summary", write_github},
  Format{"gitlab", "GitLab Code Quality JSON", write_gitlab},
  Format{"junit", "JUnit XML, a test case per rule and checked file", write_junit},
};

} // namespace

std::span<const Format> formats()
{
  return k_formats;
}

std::optional<Format> parse_format(std::string_view name)
{
  for (const Format& format : k_formats) {
    if (format.name == name) {
      return format;
    }
  }
  return std::nullopt;
}

std::string format_names()
{
  std::string names;
  for (std::size_t i = 0; i < k_formats.size(); ++i) {
    if (i > 0) {
      names += i + 1 == k_formats.size() ? " or " : ", ";
    }
    names += k_formats[i].name;
  }
  return names;
}

std::string format_help()
{
  std::size_t width = 0;
  for (const Format& format : k_formats) {
    width = std::max(width, format.name.size());
  }
  std::string help;
  for (const Format& format : k_formats) {
    help += fmt::format("{}{:<{}}  {}", help.empty() ? "" : "\n", format.name, width, format.description);
  }
  return help;
}

void write_report(const Format& format, std::ostream& out, const ReportInput& input)
{
  format.write(out, input);
}

} // namespace planck
