#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

TEST_CASE("timestamp-format")
{
  FakeChangeSet changes;

  SUBCASE("every accepted UTC form passes")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n"
                                  "- [2025-10-30 09:01:05 UTC] b\n"
                                  "- 2025-10-30T09:02Z c\n"
                                  "- 2025-10-30T09:03:00+00:00 d\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a missing timestamp is reported at the entry")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- did something\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_plan_path);
    CHECK(found[0].line == 22);
    CHECK(found[0].column == 3);
    CHECK(found[0].message.find("no timestamp") != std::string::npos);
    CHECK(found[0].severity == Severity::error);
  }

  SUBCASE("impossible dates and times are reported")
  {
    changes.add(k_plan_path, plan("- [2025-02-30 09:00 UTC] a\n- [2025-10-30 24:00 UTC] b\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message.find("not a real date") != std::string::npos);
  }

  SUBCASE("numeric offsets are converted to UTC; named zones other than UTC are reported")
  {
    changes.add(k_plan_path, plan("- 2025-10-30T09:00+02:00 a\n- [2025-10-30 09:00 CET] b\n- (2025-10-30 10:00 PST) c\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].line == 22);
    CHECK(found[0].message.find("not UTC") != std::string::npos);
    CHECK(found[1].line == 23);
    CHECK(found[1].message.find("not UTC") != std::string::npos);
  }

  SUBCASE("every log section is checked, other sections are not")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n", "- decided without a time\n",
                                  "- surprised without a time\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message.rfind("Decision Log", 0) == 0);
    CHECK(found[1].message.rfind("Surprises & Discoveries", 0) == 0);
  }

  SUBCASE("sentence-case and 'and' spellings of log headings are log sections too")
  {
    std::string text = plan();
    text.replace(text.find("## Surprises & Discoveries"), 26, "## Surprises and discoveries");
    text.replace(text.find("- [2025-10-30 09:10 UTC] Nothing yet."), 37, "- Found the cache cold.");
    changes.add(k_plan_path, text);
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
  }

  SUBCASE("entries inside code fences are examples, not entries")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n\n```markdown\n- no timestamp here\n```\n"));
    CHECK(findings_of(check(changes, make_config()), "timestamp-format").empty());
  }

  SUBCASE("nested items belong to their entry and need no timestamp of their own")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n  - detail one\n  - detail two\n"));
    CHECK(findings_of(check(changes, make_config()), "timestamp-format").empty());
  }

  SUBCASE("the cookbook pack accepts checkbox Progress with pending steps")
  {
    const std::string path = "docs/execplans/cache.md";
    changes.add(path, "# Cache\n\n## Purpose / Big Picture\n\nx\n\n## Progress\n\n"
                      "- [x] (2025-10-01 13:00Z) Example completed step.\n"
                      "- [ ] Example incomplete step.\n"
                      "- [x] Done but never stamped.\n");
    const auto found = findings_of(check(changes, make_config("extends: execplan\n")), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 11);
  }

  SUBCASE("the rule can be turned off")
  {
    changes.add(k_plan_path, plan("- no time\n"));
    CHECK(findings_of(check(changes, make_config("rules:\n  timestamp-format: off\n")), "timestamp-format").empty());
  }

  SUBCASE("files outside the plans folder are not plans")
  {
    changes.add("docs/notes.md", plan("- no time\n"));
    CHECK(findings_of(check(changes, make_config()), "timestamp-format").empty());
  }
}
