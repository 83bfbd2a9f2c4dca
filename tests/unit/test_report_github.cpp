#include "planck/report/formats.hpp"

#include "test_report_fixture.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace planck;
using namespace planck::test;

std::vector<std::string> command_lines(const std::string& text)
{
  std::vector<std::string> lines;
  for (const auto& line : split(text, '\n')) {
    if (starts_with(line, "::")) {
      lines.push_back(line);
    }
  }
  return lines;
}

std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `errors`, `warnings` and `notes` findings, each in its own file and line so their order is known.
ReportFixture many(int errors, int warnings, int notes)
{
  ReportFixture fixture;
  const auto add = [&](int count, Severity severity, const std::string& rule) {
    for (int i = 0; i < count; ++i) {
      fixture.findings.push_back(make_finding(rule, severity, "plans/" + rule + ".md", i + 1, 1,
                                              rule + " finding " + std::to_string(i + 1)));
    }
  };
  // Notes first and errors last in the input: the writer has to reorder them.
  add(notes, Severity::note, "unused-suppression");
  add(warnings, Severity::warning, "last-synced");
  add(errors, Severity::error, "timestamp-format");
  return fixture;
}

} // namespace

TEST_CASE("github annotations and step summary")
{
  SUBCASE("a finding becomes one workflow command with escaped properties and message")
  {
    ReportFixture fixture;
    fixture.findings = {make_finding("front-matter", Severity::error, k_odd_path, 4, 1,
                                     "status '50%: halfway, really' is not allowed\nsecond line")};
    const auto lines = command_lines(render(write_github, fixture.input()));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]
          == "::error file=docs/development/plans/café 100%25%2C plan.md,line=4,endLine=4,col=1,"
             "title=planck%3A front-matter::status '50%25: halfway, really' is not allowed%0Asecond line");
  }

  SUBCASE("warnings and notes use ::warning and ::notice")
  {
    const auto fixture = many(0, 1, 1);
    const auto lines = command_lines(render(write_github, fixture.input()));
    REQUIRE(lines.size() == 2);
    CHECK(starts_with(lines[0], "::warning file=plans/last-synced.md,line=1,"));
    CHECK(starts_with(lines[1], "::notice file=plans/unused-suppression.md,line=1,"));
  }

  SUBCASE("a multi-line finding has endLine and no col; a one-line one has col in UTF-16 units")
  {
    const auto fixture = golden_sample();
    const auto text = render(write_github, fixture.input());
    CHECK(text.find("line=25,endLine=27,title=") != std::string::npos);
    CHECK(text.find("line=22,endLine=22,col=3,") != std::string::npos);
    ReportFixture one;
    one.findings = {make_finding("timestamp-format", Severity::error, "p.md", 3, 14, "m")};
    one.lines[{"p.md", 3}] = "- Café 😀 entry";
    CHECK(render(write_github, one.input()).find(",col=11,") != std::string::npos);
  }

  SUBCASE("the budget: 10 per level, most severe first, and a notice counting the rest")
  {
    const auto fixture = many(25, 3, 40);
    const auto text = render(write_github, fixture.input());
    const auto lines = command_lines(text);
    CHECK(count_lines_starting(text, "::error ") == 10);
    CHECK(count_lines_starting(text, "::warning ") == 3);
    CHECK(count_lines_starting(text, "::notice ") == 10);  // 9 findings and the overflow notice
    REQUIRE(lines.size() == 23);
    for (std::size_t i = 0; i < 10; ++i) {
      CHECK(starts_with(lines[i], "::error file=plans/timestamp-format.md,line=" + std::to_string(i + 1) + ","));
    }
    CHECK(starts_with(lines[10], "::warning "));
    CHECK(starts_with(lines[13], "::notice file=plans/unused-suppression.md,line=1,"));
    CHECK(starts_with(lines[21], "::notice file=plans/unused-suppression.md,line=9,"));
    CHECK(starts_with(lines[22], "::notice title=planck%3A more findings::46 more findings (15 errors, 0 "
                                 "warnings and 31 notes) are not annotated"));
    CHECK(lines[22].find("step summary") != std::string::npos);
  }

  SUBCASE("within budget there is no overflow notice, and ten notes all show")
  {
    const auto text = render(write_github, many(10, 10, 10).input());
    CHECK(command_lines(text).size() == 30);
    CHECK(text.find("more findings") == std::string::npos);
  }

  SUBCASE("overflow in errors alone still fits the notice in the notice budget")
  {
    const auto text = render(write_github, many(11, 0, 0).input());
    CHECK(count_lines_starting(text, "::error ") == 10);
    CHECK(count_lines_starting(text, "::notice ") == 1);
    CHECK(text.find("1 more finding (1 error, 0 warnings and 0 notes) is not annotated") != std::string::npos);
  }

  SUBCASE("the summary lists every finding, most severe first, with escaped cells")
  {
    const auto fixture = many(25, 3, 40);
    std::ostringstream out;
    write_github_summary(out, fixture.input(), 1024 * 1024);
    const auto text = out.str();
    CHECK(starts_with(text, "## planck\n"));
    CHECK(text.find("**25 errors, 3 warnings and 40 notes** in 1 file checked, `111111111111`...`222222222222`.")
          != std::string::npos);
    CHECK(count_lines_starting(text, "| error | ") == 25);
    CHECK(count_lines_starting(text, "| warning | ") == 3);
    CHECK(count_lines_starting(text, "| note | ") == 40);
    CHECK(text.find("| error | ") < text.find("| warning | "));
    CHECK(text.find("| warning | ") < text.find("| note | "));

    const auto sample = golden_sample();
    std::ostringstream escaped;
    write_github_summary(escaped, sample.input(), 1024 * 1024);
    CHECK(escaped.str().find("100% rewritten:<br>\\<b\\>\"a \\| b\"\\</b\\> \\& \\`code\\`") != std::string::npos);
    CHECK(escaped.str().find("| café 100%, plan.md:") == std::string::npos);  // the path is whole
    CHECK(escaped.str().find("| docs/development/plans/café 100%, plan.md:25 | `log-append-only` |")
          != std::string::npos);
  }

  SUBCASE("the summary is cut with a note before it exceeds its byte budget")
  {
    const auto fixture = many(200, 0, 0);
    std::ostringstream out;
    write_github_summary(out, fixture.input(), 4000);
    const auto text = out.str();
    CHECK(text.size() <= 4000);
    const int rows = count_lines_starting(text, "| error | ");
    CHECK(rows > 10);
    CHECK(rows < 200);
    CHECK(text.find("_" + std::to_string(200 - rows) + " more findings are not listed") != std::string::npos);
  }

  SUBCASE("a clean run says so, without a table")
  {
    ReportFixture fixture;
    fixture.files_checked = 3;
    std::ostringstream out;
    write_github_summary(out, fixture.input(), 1024 * 1024);
    CHECK(out.str().find("**No findings** in 3 files checked") != std::string::npos);
    CHECK(out.str().find("| Severity |") == std::string::npos);
  }

  SUBCASE("append_github_summary appends after what the step wrote, within 1 MiB")
  {
    const auto dir = std::filesystem::temp_directory_path() / "planck-unit-report-summary";
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "summary.md").string();
    std::ofstream(file, std::ios::binary) << "# Earlier step output\n";
    const auto fixture = many(1, 1, 1);
    REQUIRE(append_github_summary(file, fixture.input()));
    const auto text = read_file(file);
    CHECK(starts_with(text, "# Earlier step output\n\n## planck\n"));
    CHECK(count_lines_starting(text, "| ") == 5);  // header, rule and three findings

    std::ofstream(file, std::ios::binary) << std::string(1024 * 1024 - 2000, 'x');
    REQUIRE(append_github_summary(file, many(100, 0, 0).input()));
    CHECK(std::filesystem::file_size(file) <= 1024 * 1024);
    CHECK(read_file(file).find("more findings are not listed") != std::string::npos);

    CHECK_FALSE(append_github_summary((dir / "no-such-dir" / "summary.md").string(), fixture.input()));
    std::filesystem::remove_all(dir);
  }

  SUBCASE("golden annotations and summary")
  {
    const auto fixture = golden_sample();
    check_golden("report.github.txt", render(write_github, fixture.input()));
    std::ostringstream summary;
    write_github_summary(summary, fixture.input(), 1024 * 1024);
    check_golden("report.summary.md", summary.str());
  }
}
