#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

std::string without(std::string text, const std::string& heading)
{
  const auto start = text.find(heading);
  REQUIRE(start != std::string::npos);
  const auto end = text.find("\n## ", start + 1);
  text.erase(start, end - start + 1);
  return text;
}

} // namespace

TEST_CASE("sections-required")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "sections-required");
  };

  SUBCASE("the canonical plan passes")
  {
    changes.add(k_plan_path, plan());
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("sentence case, '&' for 'and' and aliases match")
  {
    std::string text = plan();
    text.replace(text.find("## Decision Log"), 15, "## Decision log");
    text.replace(text.find("## Surprises & Discoveries"), 26, "## Surprises and discoveries");
    text.replace(text.find("## Artifacts and Notes"), 22, "## Artefacts and notes");
    changes.add(k_plan_path, text);
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a missing section is reported where it belongs")
  {
    changes.add(k_plan_path, without(plan(), "## Decision Log"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message == "missing section '## Decision Log'");
    CHECK(found[0].line == 23);   // the heading it should precede, Surprises & Discoveries
  }

  SUBCASE("a document with under a quarter of the sections is one finding naming them all")
  {
    changes.add(k_plan_path, "# Recap\n\n## Progress\n\n- [2025-10-30 09:00 UTC] Done.\n\n## Findings\n\nIt works.\n\n"
                             "## Decision Log\n\n- [2025-10-30 09:05 UTC] Kept it.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 1);
    CHECK(found[0].message.find("has 2 of the 13 sections; missing 'Purpose / Big Picture', 'Context and "
                                "Orientation', 'Plan of Work', 'To-do', 'Surprises & Discoveries',") == 0);
    CHECK(found[0].message.find("is it a plan?") != std::string::npos);
  }

  SUBCASE("three of the thirteen sections are one finding; four are a finding per missing section")
  {
    const std::string three = "# Plan\n\n## Purpose / Big Picture\n\nX.\n\n## Progress\n\n"
                              "- [2025-10-30 09:00 UTC] Done.\n\n## Decision Log\n\n- [2025-10-30 09:05 UTC] Kept.\n";
    changes.add(k_plan_path, three);
    auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("has 3 of the 13 sections") == 0);
    FakeChangeSet four;
    four.add(k_plan_path, three + "\n## Surprises & Discoveries\n\n- [2025-10-30 09:10 UTC] None.\n");
    found = findings_of(check(four, make_config()), "sections-required");
    CHECK_MESSAGE(found.size() == 9, dump(found));
  }

  SUBCASE("a suppression in the document keeps the findings one by one, as it was written for")
  {
    changes.add(k_plan_path, "# Recap\n\n<!-- planck-disable-next-line sections-required -->\n## Findings\n\n"
                             "## Progress\n\n- [2025-10-30 09:00 UTC] Done.\n");
    const auto found = run();
    CHECK_MESSAGE(found.size() == 12, dump(found));
    CHECK(found[0].message.find("missing section") == 0);
  }

  SUBCASE("a document with a quarter of the sections or more: each missing one where it belongs")
  {
    std::string text = plan();
    for (const char* heading : {"## Concrete Steps", "## Validation and Acceptance", "## Idempotence and Recovery",
                                "## Outcomes & Retrospective", "## Artifacts and Notes"}) {
      text = without(text, heading);
    }
    changes.add(k_plan_path, text);
    const auto found = run();
    CHECK_MESSAGE(found.size() == 5, dump(found));
  }

  SUBCASE("a duplicate is reported at the second one")
  {
    changes.add(k_plan_path, plan() + "\n## Progress\n\n- [2025-10-30 10:00 UTC] again\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("appears more than once (first at line 19)") != std::string::npos);
  }

  SUBCASE("one moved section gives one finding")
  {
    std::string text = without(plan(), "## To-do");
    text += "\n## To-do\n\n- [ ] Phase 1\n";
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message == "section 'To-do' is out of canonical order; it belongs after 'Plan of Work'");
  }

  SUBCASE("with order: false a moved section passes")
  {
    const Config unordered = make_config("extends: agdd\nrules:\n  sections-required:\n    order: false\n");
    std::string text = without(plan(), "## To-do");
    text += "\n## To-do\n\n- [ ] Phase 1\n";
    changes.add(k_plan_path, text);
    CHECK_MESSAGE(run(unordered).empty(), dump(run(unordered)));
  }

  SUBCASE("with order: false a missing or doubled section is still reported")
  {
    const Config unordered = make_config("extends: agdd\nrules:\n  sections-required:\n    order: false\n");
    changes.add(k_plan_path, without(plan(), "## Decision Log") + "\n## To-do\n\n- [ ] again\n");
    const auto found = run(unordered);
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message == "missing section '## Decision Log'");
    CHECK(found[1].message.find("section 'To-do' appears more than once") == 0);
  }

  SUBCASE("a misspelt heading is named with a suggestion")
  {
    std::string text = plan();
    text.replace(text.find("## Decision Log"), 15, "## Decison Log");
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("did you mean 'Decision Log'?") != std::string::npos);
  }

  SUBCASE("a canonical section at the wrong level is named")
  {
    std::string text = plan();
    text.replace(text.find("## Concrete Steps"), 17, "### Concrete Steps");
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("level-3 heading") != std::string::npos);
  }

  SUBCASE("headings inside code blocks do not count")
  {
    std::string text = without(plan(), "## Decision Log");
    text += "\n```markdown\n## Decision Log\n```\n";
    changes.add(k_plan_path, text);
    CHECK(dump(run()) ==
          "docs/development/plans/migrate-storage.md:23:1: missing section '## Decision Log' [sections-required]\n");
  }

  SUBCASE("extra sections are allowed")
  {
    changes.add(k_plan_path, plan() + "\n## Appendix\n\nMore.\n");
    CHECK(run().empty());
  }

  SUBCASE("extra sections anywhere are fine, with or without their own logs")
  {
    std::string text = plan();
    text.insert(text.find("## Context and Orientation"), "## Risks\n\n- The cache may be cold.\n\n");
    text.insert(text.find("## Progress"), "## Milestones\n\n1. First cut.\n\n");
    text += "\n## Execution Log\n\n- ran the import twice\n";
    changes.add(k_plan_path, text);
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("decorated headings stand for their section and in its place")
  {
    std::string text = plan();
    text.replace(text.find("## Progress"), 11, "## 5. Progress \xE2\x80\x94 live");
    text.replace(text.find("## Decision Log"), 15, "## Decision Log (what changed, why, date)");
    text.replace(text.find("## Concrete Steps"), 17, "## **Concrete Steps**");
    changes.add(k_plan_path, text);
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("an extra section with a different word is not a suggestion for a missing one")
  {
    std::string text = without(plan(), "## Decision Log");
    text += "\n## Execution Log\n\n- ran it\n";
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message == "missing section '## Decision Log'");
  }

  SUBCASE("a near typo or the name with words added is suggested")
  {
    std::string text = plan();
    text.replace(text.find("## Surprises & Discoveries"), 26, "## Suprises & Discoveries");
    text.replace(text.find("## Validation and Acceptance"), 28, "## Validation and acceptance checklist");
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message.find("'Suprises & Discoveries' is not a canonical section (did you mean 'Surprises & "
                                "Discoveries'?)") != std::string::npos);
    CHECK(found[1].message.find("(did you mean 'Validation and Acceptance'?)") != std::string::npos);
  }

  SUBCASE("the cookbook pack requires its twelve sections in its order")
  {
    changes.add("docs/execplans/x.md", plan());
    const auto found = findings_of(check(changes, make_config("extends: execplan\n")), "sections-required");
    CHECK(dump(found) ==
          "docs/execplans/x.md:19:1: section 'Progress' is out of canonical order; it belongs after 'Purpose / Big "
          "Picture' [sections-required]\n"
          "docs/execplans/x.md:23:1: section 'Decision Log' is out of canonical order; it belongs after 'Purpose / Big "
          "Picture' [sections-required]\n"
          "docs/execplans/x.md:27:1: section 'Surprises & Discoveries' is out of canonical order; it belongs after "
          "'Purpose / Big Picture' [sections-required]\n"
          "docs/execplans/x.md:43:1: section 'Outcomes & Retrospective' is out of canonical order; it belongs after "
          "'Purpose / Big Picture' [sections-required]\n");
  }
}
