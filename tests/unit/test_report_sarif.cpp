#include "planck/report/formats.hpp"
#include "planck/report/rule_help.hpp"

#include "test_report_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <set>
#include <string>

namespace {

using namespace planck;
using namespace planck::test;
using nlohmann::json;

json sarif_of(const ReportFixture& fixture)
{
  return json::parse(render(write_sarif, fixture.input()));
}

std::string line_hash(const json& result)
{
  return result.at("partialFingerprints").at("primaryLocationLineHash").get<std::string>();
}

} // namespace

TEST_CASE("sarif report")
{
  SUBCASE("one SARIF 2.1.0 run with the category, the source root and UTF-16 columns")
  {
    const json sarif = sarif_of(golden_sample());
    CHECK(sarif.at("version") == "2.1.0");
    CHECK(sarif.at("$schema") == "https://json.schemastore.org/sarif-2.1.0.json");
    REQUIRE(sarif.at("runs").size() == 1);
    const json& run = sarif["runs"][0];
    CHECK(run.at("automationDetails").at("id") == "planck/");
    CHECK(run.at("columnKind") == "utf16CodeUnits");
    CHECK(run.at("originalUriBaseIds").at("%SRCROOT%").at("uri") == "file:///work/repo%20with%20space/");
    const json& driver = run.at("tool").at("driver");
    CHECK(driver.at("name") == "planck");
    CHECK(driver.at("semanticVersion") == "9.8.7");
    CHECK(driver.at("version") == "9.8.7");
    CHECK(starts_with(driver.at("informationUri").get<std::string>(), "https://"));
  }

  SUBCASE("every rule of the input is described, with help GitHub shows")
  {
    const ReportFixture fixture;
    const json rules = sarif_of(fixture)["runs"][0]["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == fixture.rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const RuleInfo& info = fixture.rules[i];
      const json& rule = rules[i];
      CAPTURE(info.id);
      CHECK(rule.at("id") == std::string(info.id));
      const auto name = rule.at("name").get<std::string>();
      CHECK(std::isupper(static_cast<unsigned char>(name[0])));
      CHECK(name.find('-') == std::string::npos);
      CHECK(rule.at("shortDescription").at("text") == std::string(trim(info.summary)));
      CHECK(!rule.at("fullDescription").at("text").get<std::string>().empty());
      CHECK(rule.at("fullDescription").at("text").get<std::string>().size() <= 1024);
      const auto help = rule.at("help").at("text").get<std::string>();
      const auto markdown = rule.at("help").at("markdown").get<std::string>();
      CHECK(help.find(std::string(trim(info.fix))) != std::string::npos);
      CHECK(markdown.find("## How to fix") != std::string::npos);
      CHECK(markdown.find("## Fails") != std::string::npos);
      // The help planck explain prints and docs/rules/ holds, not a variant of it.
      CHECK(help == rule_help(info, HelpMarkup::text));
      CHECK(markdown == rule_help(info, HelpMarkup::markdown));
      CHECK(!rule.contains("helpUri"));
      CHECK(rule.at("defaultConfiguration").at("level") == std::string(to_string(info.default_severity)));
      CHECK(rule.at("properties").at("tags").at(0) == "execplan");
      CHECK(rule.at("properties").at("precision") == "very-high");
    }
  }

  SUBCASE("rule names are UpperCamelCase and problem.severity follows the default severity")
  {
    const json rules = sarif_of(ReportFixture{})["runs"][0]["tool"]["driver"]["rules"];
    for (const json& rule : rules) {
      if (rule["id"] == "timestamp-format") {
        CHECK(rule["name"] == "TimestampFormat");
        CHECK(rule["properties"]["problem.severity"] == "error");
      }
      if (rule["id"] == "last-synced") {
        CHECK(rule["properties"]["problem.severity"] == "warning");
      }
      if (rule["id"] == "unused-suppression") {
        CHECK(rule["name"] == "UnusedSuppression");
        CHECK(rule["properties"]["problem.severity"] == "recommendation");
      }
    }
  }

  SUBCASE("results point at their rule and carry level, message and one relative location")
  {
    const auto fixture = golden_sample();
    const json run = sarif_of(fixture)["runs"][0];
    const json& rules = run["tool"]["driver"]["rules"];
    REQUIRE(run.at("results").size() == fixture.findings.size());
    std::set<std::string> levels;
    for (std::size_t i = 0; i < fixture.findings.size(); ++i) {
      const json& result = run["results"][i];
      const Finding& finding = fixture.findings[i];
      CHECK(result.at("ruleId") == finding.rule);
      CHECK(rules.at(result.at("ruleIndex").get<std::size_t>()).at("id") == finding.rule);
      CHECK(result.at("level") == std::string(to_string(finding.severity)));
      levels.insert(result.at("level").get<std::string>());
      REQUIRE(result.at("locations").size() == 1);
      const json& physical = result["locations"][0].at("physicalLocation");
      CHECK(physical.at("artifactLocation").at("uriBaseId") == "%SRCROOT%");
      CHECK(physical.at("region").at("startLine") == finding.line);
    }
    CHECK(levels == std::set<std::string>{"error", "warning", "note"});
    const json& first = run["results"][0]["locations"][0]["physicalLocation"];
    CHECK(first["artifactLocation"]["uri"] == "docs/development/plans/caf%C3%A9%20100%25%2C%20plan.md");
    CHECK(first["region"]["startColumn"] == 3);
    CHECK(first["region"]["endLine"] == 22);
    const json& edited = run["results"][1]["locations"][0]["physicalLocation"]["region"];
    CHECK(edited["startColumn"] == 11);  // byte column 14 after "- Café 😀 "
    CHECK(edited["endLine"] == 27);
  }

  SUBCASE("the fingerprint survives the finding moving to another line, and differs for other content")
  {
    ReportFixture before;
    before.findings = {make_finding("timestamp-format", Severity::error, "p.md", 22, 3, "bad", "Progress\n- undated")};
    ReportFixture after = before;
    after.findings[0].line = 40;
    ReportFixture other = before;
    other.findings[0] = make_finding("timestamp-format", Severity::error, "p.md", 22, 3, "bad", "Progress\n- other");
    const auto hash_before = line_hash(sarif_of(before)["runs"][0]["results"][0]);
    CHECK(hash_before == line_hash(sarif_of(after)["runs"][0]["results"][0]));
    CHECK(hash_before != line_hash(sarif_of(other)["runs"][0]["results"][0]));
    CHECK(hash_before == before.findings[0].fingerprint + ":1");
  }

  SUBCASE("invalid UTF-8 in a message is replaced, not fatal")
  {
    ReportFixture fixture;
    fixture.findings = {make_finding("timestamp-format", Severity::error, "p.md", 1, 1, "bad \xFF byte")};
    const json sarif = sarif_of(fixture);
    CHECK(sarif["runs"][0]["results"][0]["message"]["text"] == "bad \xEF\xBF\xBD byte");
  }

  SUBCASE("a finding of a rule the input lacks still gets a rule descriptor")
  {
    ReportFixture fixture;
    fixture.findings = {make_finding("future-rule", Severity::warning, "p.md", 1, 1, "new")};
    const json run = sarif_of(fixture)["runs"][0];
    const auto index = run["results"][0]["ruleIndex"].get<std::size_t>();
    REQUIRE(index == fixture.rules.size());
    CHECK(run["tool"]["driver"]["rules"][index]["id"] == "future-rule");
    CHECK(run["tool"]["driver"]["rules"][index]["name"] == "FutureRule");
  }

  SUBCASE("golden results (the rule descriptors come from the input and are checked above)")
  {
    auto sarif = nlohmann::ordered_json::parse(render(write_sarif, golden_sample().input()));
    sarif["runs"][0]["tool"]["driver"]["rules"] = "(the catalogue)";
    check_golden("report.sarif", sarif.dump(2) + "\n");
  }
}
