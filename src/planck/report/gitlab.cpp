#include "planck/report/formats.hpp"
#include "planck/util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace planck {

namespace {

std::string_view code_quality_severity(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "major";
  case Severity::warning:
    return "minor";
  case Severity::note:
    return "info";
  }
  return "info";
}

} // namespace

void write_gitlab(std::ostream& out, const ReportInput& input)
{
  using Json = nlohmann::ordered_json;
  Json issues = Json::array();
  std::set<std::string> used;
  for (const auto& finding : input.findings) {
    const std::string identity = finding.rule + "\n" + finding.path + "\n"
                                 + (finding.fingerprint.empty() ? finding.message : finding.fingerprint);
    // GitLab keys issues by fingerprint across pipelines: 32 hex digits, content-derived like the
    // finding's own, and never repeated within one report (GitLab would keep only one).
    std::string fingerprint = stable_hash(identity) + stable_hash("gitlab\n" + identity);
    for (int occurrence = 1; !used.insert(fingerprint).second; ++occurrence) {
      const std::string again = identity + "\n#" + std::to_string(occurrence);
      fingerprint = stable_hash(again) + stable_hash("gitlab\n" + again);
    }
    issues.push_back({
      {"type", "issue"},
      {"description", finding.rule + ": " + finding.message},
      {"check_name", finding.rule},
      {"fingerprint", fingerprint},
      {"severity", code_quality_severity(finding.severity)},
      {"location",
       {{"path", finding.path},
        {"lines", {{"begin", finding.line}, {"end", std::max(finding.end_line, finding.line)}}}}},
    });
  }
  // Invalid UTF-8 in a message (quoted from a mangled plan) must not abort the report.
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace planck
