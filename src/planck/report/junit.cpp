#include "planck/report/escape.hpp"
#include "planck/report/formats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace planck {

namespace {

struct TestCase
{
  std::vector<const Finding*> findings;
};

std::string failure_message(const std::vector<const Finding*>& findings)
{
  const Finding& first = *findings.front();
  if (findings.size() == 1) {
    return fmt::format("line {}: {}", first.line, first.message);
  }
  return fmt::format("{} findings; the first, line {}: {}", findings.size(), first.line, first.message);
}

} // namespace

void write_junit(std::ostream& out, const ReportInput& input)
{
  // Sorted by rule, then path: GitLab lists test cases in report order.
  std::map<std::pair<std::string, std::string>, TestCase> cases;
  for (const auto& check : input.checks) {
    cases[{check.rule, check.path}];
  }
  for (const auto& finding : input.findings) {
    cases[{finding.rule, finding.path}].findings.push_back(&finding);
  }
  const auto failures = std::count_if(cases.begin(), cases.end(),
                                      [](const auto& entry) { return !entry.second.findings.empty(); });

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"planck\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", cases.size(), failures);
  out << fmt::format("  <testsuite name=\"planck\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
                     cases.size(), failures);
  for (const auto& [key, test] : cases) {
    const auto& [rule, path] = key;
    out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"", escape_xml_attribute(rule),
                       escape_xml_attribute(path), escape_xml_attribute(path));
    if (test.findings.empty()) {
      out << "/>\n";
      continue;
    }
    const Severity worst =
      (*std::max_element(test.findings.begin(), test.findings.end(),
                         [](const Finding* a, const Finding* b) { return a->severity < b->severity; }))
        ->severity;
    out << fmt::format(">\n      <failure message=\"{}\" type=\"{}\">", escape_xml_attribute(failure_message(test.findings)),
                       to_string(worst));
    for (const Finding* finding : test.findings) {
      out << escape_xml_text(fmt::format("{}:{}:{}: {}: {}\n", finding->path, finding->line, finding->column,
                                         to_string(finding->severity), finding->message));
    }
    out << "</failure>\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

} // namespace planck
