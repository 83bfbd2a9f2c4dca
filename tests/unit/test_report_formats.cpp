#include "planck/report/formats.hpp"

#include "test_report_fixture.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace {

using namespace planck;
using namespace planck::test;

} // namespace

TEST_CASE("report formats")
{
  SUBCASE("every format of the table parses by its name, once")
  {
    std::set<std::string_view> names;
    for (const Format& format : formats()) {
      CAPTURE(format.name);
      CHECK(names.insert(format.name).second);
      const auto parsed = parse_format(format.name);
      REQUIRE(parsed.has_value());
      CHECK(parsed->name == format.name);
      CHECK((parsed->write == format.write));
      CHECK(!format.description.empty());
      CHECK(format.description.find('\n') == std::string_view::npos);
    }
    CHECK(names == std::set<std::string_view>{"text", "json", "sarif", "github", "gitlab", "junit"});
    CHECK(formats().front().name == "text");
  }

  SUBCASE("an unknown or differently spelled name is no format")
  {
    CHECK_FALSE(parse_format("yaml").has_value());
    CHECK_FALSE(parse_format("").has_value());
    CHECK_FALSE(parse_format("SARIF").has_value());
    CHECK_FALSE(parse_format("text ").has_value());
  }

  SUBCASE("the names read as a list for an error message, in table order")
  {
    CHECK(format_names() == "text, json, sarif, github, gitlab or junit");
  }

  SUBCASE("the help has a line a format: its name, then its description")
  {
    const auto lines = split(format_help(), '\n');
    REQUIRE(lines.size() == formats().size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CAPTURE(lines[i]);
      CHECK(starts_with(lines[i], std::string(formats()[i].name) + " "));
      CHECK(lines[i].ends_with(formats()[i].description));
    }
  }

  SUBCASE("a format writes what its writer writes")
  {
    const auto sample = golden_sample();
    const auto input = sample.input();
    CHECK(render([](std::ostream& out, const ReportInput& in) { write_report(*parse_format("junit"), out, in); }, input)
          == render(write_junit, input));
    CHECK(render([](std::ostream& out, const ReportInput& in) { write_report(*parse_format("json"), out, in); }, input)
          == render(write_json, input));
  }
}
