#include "planck/markdown/parser.hpp"
#include "planck/model/document.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using planck::github_anchor;
using planck::normalize_section_name;
using planck::section_name_forms;

TEST_CASE("normalize_section_name")
{
  SUBCASE("case, spacing, '&' and a trailing colon do not matter")
  {
    CHECK(normalize_section_name("Surprises & Discoveries") == "surprises and discoveries");
    CHECK(normalize_section_name("Surprises and discoveries") == "surprises and discoveries");
    CHECK(normalize_section_name("  Decision   Log: ") == "decision log");
    CHECK(normalize_section_name("Outcomes&Retrospective") == "outcomes and retrospective");
    CHECK(normalize_section_name("Decision\tLog") == "decision log");
    CHECK(normalize_section_name("To-do") == "to-do");
  }
  SUBCASE("different names stay different")
  {
    CHECK(normalize_section_name("To-do") != normalize_section_name("Todo"));
    CHECK(normalize_section_name("Progress") != normalize_section_name("Progress notes"));
  }
}

TEST_CASE("section_name_forms")
{
  const auto has = [](const std::vector<std::string>& forms, const std::string& name) {
    return std::find(forms.begin(), forms.end(), name) != forms.end();
  };

  SUBCASE("a plain heading stands for itself only")
  {
    CHECK(section_name_forms("Progress") == std::vector<std::string>{"progress"});
    CHECK(section_name_forms("Surprises & Discoveries") == std::vector<std::string>{"surprises and discoveries"});
  }

  SUBCASE("the heading as written comes first, normalized")
  {
    for (const std::string heading :
         {"4. Progress", "Decision Log (what changed, why, date)", "Progress \xE2\x80\x94 live"}) {
      CAPTURE(heading);
      const auto forms = section_name_forms(heading);
      REQUIRE_FALSE(forms.empty());
      CHECK(forms.front() == normalize_section_name(heading));
    }
  }

  SUBCASE("a number before the name is dropped")
  {
    for (const std::string heading : {"4. Progress", "4) Progress", "2.1 Progress", "2.1) Progress", "12: Progress"}) {
      CAPTURE(heading);
      CHECK(has(section_name_forms(heading), "progress"));
    }
  }

  SUBCASE("a symbol before the name is dropped")
  {
    CHECK(has(section_name_forms("\xF0\x9F\x93\x88 Progress"), "progress")); // a chart emoji
    CHECK(has(section_name_forms("# Progress"), "progress"));
  }

  SUBCASE("a trailing qualifier is dropped")
  {
    const struct
    {
      std::string heading;
      std::string name;
    } cases[] = {
        {"Decision Log (what changed, why, date)", "decision log"},
        {"Progress \xE2\x80\x94 live", "progress"},                 // em dash
        {"Progress \xE2\x80\x93 updated every session", "progress"}, // en dash
        {"Progress - live", "progress"},
        {"Progress: live", "progress"},
        {"Progress | live", "progress"},
        {"Surprises & Discoveries (newest first)", "surprises and discoveries"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.heading);
      CHECK(has(section_name_forms(c.heading), c.name));
    }
  }

  SUBCASE("a number and a qualifier together are both dropped")
  {
    CHECK(has(section_name_forms("4. Progress \xE2\x80\x94 live"), "progress"));
    CHECK(has(section_name_forms("6) Decision Log (why, date)"), "decision log"));
  }

  SUBCASE("a name that merely starts like a section does not stand for it")
  {
    CHECK_FALSE(has(section_name_forms("Progress notes"), "progress"));
    CHECK_FALSE(has(section_name_forms("Decision Logs of the old team"), "decision log"));
    CHECK_FALSE(has(section_name_forms("Progressive rollout"), "progress"));
  }

  SUBCASE("emphasis in a heading is gone before the forms are made")
  {
    const auto doc = planck::parse_document("p.md", "## **Progress**\n\n- a\n\n## _Decision Log_ (dated)\n\n- b\n");
    REQUIRE(doc.sections.size() == 2);
    CHECK(has(section_name_forms(doc.sections[0].heading), "progress"));
    CHECK(has(section_name_forms(doc.sections[1].heading), "decision log"));
  }
}

TEST_CASE("github_anchor")
{
  SUBCASE("GitHub's rules for the canonical headings")
  {
    CHECK(github_anchor("Surprises & Discoveries") == "surprises--discoveries");
    CHECK(github_anchor("Purpose / Big Picture") == "purpose--big-picture");
    CHECK(github_anchor("To-do") == "to-do");
    CHECK(github_anchor("Validation and Acceptance") == "validation-and-acceptance");
    CHECK(github_anchor("snake_case kept") == "snake_case-kept");
    CHECK(github_anchor("Version 1.2 (draft)?") == "version-12-draft");
  }
  SUBCASE("non-ASCII letters stay, punctuation and emoji go")
  {
    CHECK(github_anchor("Café Überblick") == "café-überblick");
    CHECK(github_anchor("Storage \xE2\x80\x93 Postgres") == "storage--postgres"); // en dash
    CHECK(github_anchor("SQLite \xE2\x86\x92 Postgres") == "sqlite--postgres");   // arrow
    CHECK(github_anchor("\xF0\x9F\x9A\x80 Launch") == "-launch");                 // rocket emoji
    CHECK(github_anchor("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E") == "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");
  }
}

TEST_CASE("Document::sections_named")
{
  SUBCASE("finds every section with the name, however written")
  {
    const auto doc =
        planck::parse_document("p.md", "## Progress\n- a\n## Surprises and Discoveries\n## progress:\n- b\n");
    const auto found = doc.sections_named("PROGRESS");
    REQUIRE(found.size() == 2);
    CHECK(found[0]->line == 1);
    CHECK(found[1]->line == 4);
    CHECK(doc.sections_named("Surprises & Discoveries").size() == 1);
    CHECK(doc.sections_named("Decision Log").empty());
  }
}

TEST_CASE("FrontMatter::line_of")
{
  SUBCASE("top-level keys report their own line; absent keys the opening fence")
  {
    const auto doc = planck::parse_document("p.md", "---\ntitle: T\nsources:\n  - id: R1\nstatus: living\n---\n");
    CHECK(doc.front_matter.line_of("title") == 2);
    CHECK(doc.front_matter.line_of("status") == 5);
    CHECK(doc.front_matter.line_of("id") == 1); // nested keys are not top-level
    CHECK(doc.front_matter.line_of("missing") == 1);
  }
  SUBCASE("a front matter that is not a mapping has no key lines")
  {
    const auto doc = planck::parse_document("p.md", "---\n- a\n- b\n---\n");
    CHECK_FALSE(doc.front_matter.error);
    CHECK(doc.front_matter.line_of("a") == 1);
  }
}
