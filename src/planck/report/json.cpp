#include "planck/report/formats.hpp"

#include <nlohmann/json.hpp>

namespace planck {

void write_json(std::ostream& out, const ReportInput& input)
{
  using nlohmann::json;
  json findings = json::array();
  for (const auto& finding : input.findings) {
    findings.push_back({
      {"rule", finding.rule},
      {"severity", to_string(finding.severity)},
      {"path", finding.path},
      {"line", finding.line},
      {"column", finding.column},
      {"end_line", finding.end_line > 0 ? finding.end_line : finding.line},
      {"message", finding.message},
      {"fingerprint", finding.fingerprint},
    });
  }
  const json document = {
    {"version", 1},
    {"base", input.range.base_sha.empty() ? json(nullptr) : json(input.range.base_sha)},
    {"head", input.range.head_sha},
    {"findings", std::move(findings)},
    {"summary",
     {
       {"errors", input.summary.errors},
       {"warnings", input.summary.warnings},
       {"notes", input.summary.notes},
       {"files_checked", input.summary.files_checked},
     }},
  };
  // Invalid UTF-8 in a message (quoted from a mangled plan) must not abort the report.
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

} // namespace planck
