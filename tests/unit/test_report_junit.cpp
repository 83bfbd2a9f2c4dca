#include "planck/report/formats.hpp"

#include "test_report_fixture.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace planck;
using namespace planck::test;

int occurrences(const std::string& text, const std::string& part)
{
  int count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) {
    ++count;
  }
  return count;
}

} // namespace

TEST_CASE("junit report")
{
  SUBCASE("one test case per rule and file, failing ones holding every finding")
  {
    const auto fixture = golden_sample();
    const auto xml = render(write_junit, fixture.input());
    CHECK(starts_with(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    CHECK(occurrences(xml, "<testcase ") == 6);
    CHECK(occurrences(xml, "<failure ") == 4);
    CHECK(xml.find("<testsuite name=\"planck\" tests=\"6\" failures=\"4\" errors=\"0\" skipped=\"0\">")
          != std::string::npos);
    CHECK(xml.find("<testcase classname=\"timestamp-format\" name=\"docs/development/plans/other.md\" "
                   "file=\"docs/development/plans/other.md\"/>")
          != std::string::npos);
    CHECK(xml.find("<testcase classname=\"timestamp-format\" name=\"" + k_odd_path + "\" file=\"" + k_odd_path
                   + "\">\n      <failure message=\"line 22: Progress entry timestamp")
          != std::string::npos);
    CHECK(xml.find("type=\"warning\">" + k_odd_path + ":5:1: warning: last_synced is 2025-10-01") != std::string::npos);
  }

  SUBCASE("several findings of one rule in one file are one failing case listing them all")
  {
    ReportFixture fixture;
    fixture.findings = {make_finding("timestamp-format", Severity::error, "p.md", 3, 1, "first"),
                        make_finding("timestamp-format", Severity::error, "p.md", 9, 3, "second")};
    const auto xml = render(write_junit, fixture.input());
    CHECK(occurrences(xml, "<testcase ") == 1);
    CHECK(xml.find("message=\"2 findings; the first, line 3: first\" type=\"error\">p.md:3:1: error: first\n"
                   "p.md:9:3: error: second\n</failure>")
          != std::string::npos);
  }

  SUBCASE("a clean run still shows its checks as passing tests")
  {
    ReportFixture fixture;
    fixture.checks = {{"timestamp-format", "a.md"}, {"sections-required", "a.md"}};
    const auto xml = render(write_junit, fixture.input());
    CHECK(xml.find("tests=\"2\" failures=\"0\"") != std::string::npos);
    CHECK(occurrences(xml, "<failure") == 0);
  }

  SUBCASE("markup, quotes, control characters and bad UTF-8 cannot break the XML")
  {
    const auto xml = render(write_junit, golden_sample().input());
    CHECK(xml.find("edited, 100% rewritten:&#10;&lt;b&gt;&quot;a | b&quot;&lt;/b&gt; &amp; `code` \xEF\xBF\xBD done")
          != std::string::npos);
    CHECK(xml.find("rewritten:\n&lt;b&gt;\"a | b\"&lt;/b&gt; &amp; `code` \xEF\xBF\xBD done") != std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
    CHECK(xml.find('\xFF') == std::string::npos);
  }

  SUBCASE("golden")
  {
    check_golden("report.junit.xml", render(write_junit, golden_sample().input()));
  }
}
