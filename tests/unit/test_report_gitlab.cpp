#include "planck/report/formats.hpp"

#include "test_report_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace {

using namespace planck;
using namespace planck::test;
using nlohmann::json;

bool is_hex(const std::string& text)
{
  return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace

TEST_CASE("gitlab code quality report")
{
  SUBCASE("each finding is an issue with the fields GitLab reads")
  {
    const auto fixture = golden_sample();
    const json issues = json::parse(render(write_gitlab, fixture.input()));
    REQUIRE(issues.is_array());
    REQUIRE(issues.size() == fixture.findings.size());
    const json& first = issues[0];
    CHECK(first.at("check_name") == "timestamp-format");
    CHECK(first.at("description") == "timestamp-format: " + fixture.findings[0].message);
    CHECK(first.at("location").at("path") == k_odd_path);
    CHECK(first.at("location").at("lines").at("begin") == 22);
    CHECK(issues[1].at("location").at("lines").at("end") == 27);
  }

  SUBCASE("severities map to GitLab's scale")
  {
    const json issues = json::parse(render(write_gitlab, golden_sample().input()));
    CHECK(issues[0].at("severity") == "major");  // error
    CHECK(issues[2].at("severity") == "minor");  // warning
    CHECK(issues[3].at("severity") == "info");   // note
  }

  SUBCASE("fingerprints are 32 hex digits, unique, and follow content rather than lines")
  {
    ReportFixture fixture;
    fixture.findings = {make_finding("timestamp-format", Severity::error, "p.md", 3, 1, "m", "k"),
                        make_finding("timestamp-format", Severity::error, "p.md", 9, 1, "m", "k"),
                        make_finding("timestamp-format", Severity::error, "p.md", 12, 1, "m", "other")};
    const json issues = json::parse(render(write_gitlab, fixture.input()));
    std::set<std::string> seen;
    for (const json& issue : issues) {
      const auto fingerprint = issue.at("fingerprint").get<std::string>();
      CHECK(fingerprint.size() == 32);
      CHECK(is_hex(fingerprint));
      seen.insert(fingerprint);
    }
    CHECK(seen.size() == 3);  // the first two share a finding fingerprint yet stay apart

    ReportFixture moved = fixture;
    moved.findings[2].line = 40;
    CHECK(json::parse(render(write_gitlab, moved.input()))[2]["fingerprint"] == issues[2]["fingerprint"]);
  }

  SUBCASE("no findings is an empty array, and bad UTF-8 is replaced")
  {
    CHECK(json::parse(render(write_gitlab, ReportFixture{}.input())) == json::array());
    ReportFixture fixture;
    fixture.findings = {make_finding("timestamp-format", Severity::error, "p.md", 1, 1, "x\xFF")};
    CHECK(json::parse(render(write_gitlab, fixture.input()))[0]["description"] == "timestamp-format: x\xEF\xBF\xBD");
  }

  SUBCASE("golden")
  {
    check_golden("report.gitlab.json", render(write_gitlab, golden_sample().input()));
  }
}
