#include "planck/config/config.hpp"

#include "planck/rules/catalog.hpp"

#include <doctest/doctest.h>

#include <string>

using planck::Config;
using planck::Glob;

namespace {

Config pack(const std::string& name)
{
  auto config = planck::load_config_text("extends: " + name + "\n", "planck.yaml",
                                         planck::rule_infos());
  REQUIRE_MESSAGE(config.has_value(), config.error());
  return *config;
}

} // namespace

TEST_CASE("Config")
{
  const Config agdd = pack("agdd");

  SUBCASE("canonical_section reads headings through normalization and aliases")
  {
    CHECK(agdd.canonical_section("Progress") == "Progress");
    CHECK(agdd.canonical_section("  decision   LOG ") == "Decision Log");
    CHECK(agdd.canonical_section("Surprises and Discoveries") == "Surprises & Discoveries");
    CHECK(agdd.canonical_section("Outcomes and Retrospective") == "Outcomes & Retrospective");
    CHECK(agdd.canonical_section("Progress:") == "Progress");
    CHECK(agdd.canonical_section("TODO") == "To-do");
    CHECK(agdd.canonical_section("Artefacts and notes") == "Artifacts and Notes");
    CHECK(agdd.canonical_section("Big Picture") == "Purpose / Big Picture");
    CHECK_FALSE(agdd.canonical_section("Notes").has_value());
    CHECK_FALSE(agdd.canonical_section("").has_value());
  }

  SUBCASE("log_section finds the log a heading stands for")
  {
    const planck::LogSection* progress = agdd.log_section("progress");
    REQUIRE(progress != nullptr);
    CHECK(progress->name == "Progress");
    CHECK_FALSE(progress->checklist);
    REQUIRE(agdd.log_section("Surprises and Discoveries") != nullptr);
    CHECK(agdd.log_section("Surprises and Discoveries")->name == "Surprises & Discoveries");
    CHECK(agdd.log_section("To-do") == nullptr);
    CHECK(agdd.log_section("Something else") == nullptr);

    const Config execplan = pack("execplan");
    REQUIRE(execplan.log_section("Progress") != nullptr);
    CHECK(execplan.log_section("Progress")->checklist);
    REQUIRE(execplan.log_section("Decision Log") != nullptr);
    CHECK_FALSE(execplan.log_section("Decision Log")->timestamped);
  }

  SUBCASE("is_plan: plan paths, minus excluded and ignored paths")
  {
    Config config = agdd;
    CHECK(config.is_plan("docs/development/plans/a.md"));
    CHECK_FALSE(config.is_plan("docs/development/plans/index.md"));
    CHECK_FALSE(config.is_plan("docs/development/a.md"));
    CHECK_FALSE(config.is_plan("PLANS.md"));
    CHECK_FALSE(config.is_ignored("docs/development/plans/a.md"));
    config.ignore.push_back(*Glob::compile("docs/development/plans/a.md"));
    CHECK(config.is_ignored("docs/development/plans/a.md"));
    CHECK_FALSE(config.is_plan("docs/development/plans/a.md"));
    CHECK(config.is_plan("docs/development/plans/b.md"));
  }

  SUBCASE("applies_to: every path without globs, else the matching ones")
  {
    planck::RuleConfig rule;
    CHECK(rule.applies_to("anything.md"));
    rule.paths.push_back(*Glob::compile("docs/**"));
    rule.paths.push_back(*Glob::compile("CHANGELOG.md"));
    CHECK(rule.applies_to("docs/a/b.md"));
    CHECK(rule.applies_to("CHANGELOG.md"));
    CHECK_FALSE(rule.applies_to("src/main.cpp"));
  }

  SUBCASE("rule() knows every catalogue rule and refuses others")
  {
    CHECK(agdd.rule("sections-required").enabled);
    CHECK_THROWS_WITH_AS(agdd.rule("sections-requird"), "unknown rule 'sections-requird'",
                         planck::Error);
  }
}
