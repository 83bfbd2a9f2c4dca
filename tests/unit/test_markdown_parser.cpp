#include "planck/markdown/parser.hpp"
#include "planck/util/timestamp.hpp"

#include <cmark-gfm.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

using planck::Checkbox;
using planck::Document;
using planck::FrontMatterValue;
using planck::parse_document;
using planck::Suppression;

namespace {

// N of the cmark-gfm library that runs, version 0.29.0.gfm.N.
int cmark_gfm_release()
{
  const std::string version = cmark_version_string();
  const auto at = version.find(".gfm.");
  return at == std::string::npos ? 0 : std::atoi(version.c_str() + at + 5);
}

// The canonical structure from the convention's PLANS.md, as `planck new` would write it.
const std::vector<std::string> k_canonical = {
    "Purpose / Big Picture",
    "Context and Orientation",
    "Plan of Work",
    "To-do",
    "Progress",
    "Decision Log",
    "Surprises & Discoveries",
    "Concrete Steps",
    "Validation and Acceptance",
    "Idempotence and Recovery",
    "Outcomes & Retrospective",
    "Artifacts and Notes",
    "Interfaces and Dependencies",
};

const char* const k_template = R"(# <Action-oriented title>

## Purpose / Big Picture
- Why the work matters and success criteria.

## Context and Orientation
- Links to issues, SSOT entries, catalog files, diagrams.

## Plan of Work
- Phases, dependencies, risk notes.

## To-do
- [ ] Checklist grouped by phase/owner.

## Progress
- [YYYY-MM-DD HH:MM UTC] Timestamped updates.

## Decision Log
- [YYYY-MM-DD HH:MM UTC] Decision with rationale and alternatives.

## Surprises & Discoveries
- [YYYY-MM-DD HH:MM UTC] Unexpected findings, blockers, coping strategies.

## Concrete Steps
- Ordered implementation notes and commands.

## Validation and Acceptance
- Tests, scripts, manual checks and expected outputs.

## Idempotence and Recovery
- Rollback instructions, backup locations, how to retry safely.

## Outcomes & Retrospective
- Final state, follow-ups, lessons learned.

## Artifacts and Notes
- PRs, run IDs, dashboards, documents.

## Interfaces and Dependencies
- Services, APIs, schemas, or teams impacted.
)";

// 1-based number of the first line equal to `text`, found independently of the parser.
int line_of(const std::string& document, const std::string& text)
{
  int number = 1;
  std::size_t start = 0;
  while (start <= document.size()) {
    const std::size_t end = document.find('\n', start);
    if (document.substr(start, end == std::string::npos ? std::string::npos : end - start) == text) {
      return number;
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
    ++number;
  }
  return 0;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
  std::size_t at = 0;
  while ((at = text.find(from, at)) != std::string::npos) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

const planck::Section* section(const Document& doc, const std::string& name)
{
  const auto found = doc.sections_named(name);
  return found.size() == 1 ? found.front() : nullptr;
}

} // namespace

TEST_CASE("parse_document")
{
  SUBCASE("the canonical template has its title and 13 sections at their lines")
  {
    const Document doc = parse_document("docs/development/plans/x.md", k_template);
    CHECK(doc.path == "docs/development/plans/x.md");
    // GitHub renders `<Action-oriented title>` as an HTML tag; the title keeps the source text.
    CHECK(doc.title == "<Action-oriented title>");
    CHECK(doc.headings.at(0).anchor == "");
    CHECK(doc.title_line == 1);
    REQUIRE(doc.sections.size() == 13);
    for (std::size_t i = 0; i < k_canonical.size(); ++i) {
      CAPTURE(k_canonical[i]);
      CHECK(doc.sections[i].heading == k_canonical[i]);
      CHECK(doc.sections[i].line == line_of(k_template, "## " + k_canonical[i]));
      REQUIRE(doc.sections[i].entries.size() == 1);
      CHECK(doc.sections[i].entries[0].line == doc.sections[i].line + 1);
      CHECK(doc.sections[i].entries[0].column == (k_canonical[i] == "To-do" ? 7 : 3));
      const int next = i + 1 < k_canonical.size() ? doc.sections[i + 1].line : static_cast<int>(doc.lines.size()) + 1;
      CHECK(doc.sections[i].end_line == next - 1);
    }
    CHECK(doc.sections.front().line == 3);
    CHECK(doc.sections.back().line == 39);
    CHECK(doc.sections.back().end_line == 40);
    CHECK(doc.lines.size() == 40);
    CHECK(section(doc, "Progress")->entries[0].text == "[YYYY-MM-DD HH:MM UTC] Timestamped updates.");
    CHECK(section_body(doc, *section(doc, "Progress")) == "- [YYYY-MM-DD HH:MM UTC] Timestamped updates.\n");
    REQUIRE(doc.todos.size() == 1);
    CHECK(doc.todos[0].checkbox == Checkbox::open);
    CHECK(doc.todos[0].text == "Checklist grouped by phase/owner.");
    CHECK(doc.todos[0].line == 13);
    CHECK(doc.todos[0].column == 7);
    CHECK(doc.problems.empty());
    CHECK_FALSE(doc.front_matter.present);
  }

  SUBCASE("the cookbook checkbox layout gives entries with checkboxes and timestamps")
  {
    const std::string text = "# Plan\n\n## Progress\n\n"
                             "- [x] (2025-10-01 13:00Z) Example completed step.\n"
                             "- [ ] Example incomplete step.\n"
                             "- [X] (2025-10-02 09:15:30Z) Upper-case box.\n";
    const Document doc = parse_document("p.md", text);
    const auto* progress = section(doc, "progress");
    REQUIRE(progress != nullptr);
    REQUIRE(progress->entries.size() == 3);
    CHECK(progress->entries[0].checkbox == Checkbox::done);
    CHECK(progress->entries[0].text == "(2025-10-01 13:00Z) Example completed step.");
    CHECK(progress->entries[0].line == 5);
    CHECK(progress->entries[0].column == 7);
    CHECK(progress->entries[1].checkbox == Checkbox::open);
    CHECK(progress->entries[1].text == "Example incomplete step.");
    CHECK(progress->entries[2].checkbox == Checkbox::done);
    const auto ts = planck::parse_timestamp(progress->entries[0].text);
    CHECK(ts.status == planck::Timestamp::Status::ok);
    CHECK(ts.epoch == *planck::utc_epoch(2025, 10, 1, 13, 0));
    CHECK(doc.todos.size() == 3);
  }

  SUBCASE("sentence-case and 'and' spellings of section names are found")
  {
    const std::string text =
        "# T\n\n## Decision log\n- a\n\n## Surprises and discoveries\n- b\n\n## Outcomes & retrospective:\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(section(doc, "Decision Log") != nullptr);
    CHECK(section(doc, "Decision Log")->line == 3);
    REQUIRE(section(doc, "Surprises & Discoveries") != nullptr);
    CHECK(section(doc, "Surprises & Discoveries")->heading == "Surprises and discoveries");
    CHECK(section(doc, "Surprises & Discoveries")->entries.at(0).text == "b");
    CHECK(section(doc, "Outcomes and Retrospective") != nullptr);
  }

  SUBCASE("headings, entries, links, timestamps and comments in code blocks are never in the model")
  {
    const std::string text = "# Real\n\n## Progress\n\n"
                             "```markdown\n"
                             "## Decision Log\n"
                             "- [2025-10-30 11:42 UTC] fenced entry [l](fenced.md)\n"
                             "- [ ] fenced todo\n"
                             "<!-- planck-disable timestamp-format -->\n"
                             "```\n\n"
                             "    ## Indented heading\n"
                             "    - [ ] indented todo [i](indented.md)\n"
                             "    <!-- planck-disable links-resolve -->\n\n"
                             "~~~\n# Tilde\n~~~\n\n"
                             "- [2025-10-30 11:42 UTC] real entry\n";
    const Document doc = parse_document("p.md", text);
    CHECK(doc.title == "Real");
    REQUIRE(doc.sections.size() == 1);
    CHECK(doc.headings.size() == 2);
    REQUIRE(doc.sections[0].entries.size() == 1);
    CHECK(doc.sections[0].entries[0].text == "[2025-10-30 11:42 UTC] real entry");
    CHECK(doc.sections[0].code_count == 3);
    CHECK(doc.todos.empty());
    CHECK(doc.links.empty());
    CHECK(doc.suppressions.empty());
    // The code is still part of the section's source text.
    CHECK(section_body(doc, doc.sections[0]).find("fenced entry") != std::string::npos);
  }

  SUBCASE("code spans and code blocks are counted per section")
  {
    const std::string text = "## Concrete Steps\nRun `make` and `make test`.\n\n"
                             "## Validation and Acceptance\n```\nctest\n```\n\n## Outcomes & Retrospective\nNone.\n";
    const Document doc = parse_document("p.md", text);
    CHECK(section(doc, "Concrete Steps")->code_count == 2);
    CHECK(section(doc, "Validation and Acceptance")->code_count == 1);
    CHECK(section(doc, "Outcomes & Retrospective")->code_count == 0);
  }

  SUBCASE("front matter is parsed and line numbers stay the file's")
  {
    const std::string text = "---\ntitle: Migrate storage\nslug: migrate-storage\nstatus: in-progress\n"
                             "last_synced: 2025-10-30\n---\n# Migrate storage\n\n## Progress\n"
                             "- [2025-10-30 11:42 UTC] Started. See [SSOT](../../SSOT.md).\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.front_matter.present);
    CHECK_FALSE(doc.front_matter.error);
    CHECK(doc.front_matter.start_line == 1);
    CHECK(doc.front_matter.end_line == 6);
    REQUIRE(doc.front_matter.scalar("slug") != nullptr);
    CHECK(*doc.front_matter.scalar("slug") == "migrate-storage");
    CHECK(doc.front_matter.line_of("status") == 4);
    CHECK(doc.front_matter.line_of("last_synced") == 5);
    CHECK(doc.front_matter.line_of("owner") == 1);
    CHECK(doc.title_line == 7);
    REQUIRE(doc.sections.size() == 1);
    CHECK(doc.sections[0].line == 9);
    CHECK(doc.sections[0].entries.at(0).line == 10);
    REQUIRE(doc.links.size() == 1);
    CHECK(doc.links[0].line == 10);
    CHECK(doc.links[0].column == 39);
  }

  SUBCASE("front matter values are read as YAML reads them, and only the first of a repeated key counts")
  {
    const std::string text = "---\ntitle: \"Quoted: \\\"x\\\"\"\nslug:\nowner: ~\ntags: [a, ' b ', [nested]]\n"
                             "meta: {k: v}\nstatus: first\nstatus: second\n? [complex]\n: key\n---\n# T\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE_FALSE(doc.front_matter.error);
    CHECK(doc.front_matter.mapping);
    using Kind = FrontMatterValue::Kind;
    REQUIRE(doc.front_matter.scalar("title") != nullptr);
    CHECK(*doc.front_matter.scalar("title") == "Quoted: \"x\"");
    REQUIRE(doc.front_matter.value("slug") != nullptr);
    CHECK(doc.front_matter.value("slug")->kind == Kind::null);
    CHECK(doc.front_matter.scalar("slug") == nullptr);
    CHECK(doc.front_matter.value("owner")->kind == Kind::null);
    REQUIRE(doc.front_matter.value("tags") != nullptr);
    CHECK(doc.front_matter.value("tags")->kind == Kind::sequence);
    CHECK(doc.front_matter.value("tags")->items == std::vector<std::string>{"a", " b "});
    CHECK(doc.front_matter.value("meta")->kind == Kind::mapping);
    CHECK(*doc.front_matter.scalar("status") == "first");
    CHECK(doc.front_matter.line_of("status") == 7);
    CHECK(doc.front_matter.value("absent") == nullptr);
    CHECK(doc.front_matter.fields.size() == 7);   // the complex key has no name to look up

    const Document list = parse_document("p.md", "---\n- a\n- b\n---\n# T\n");
    CHECK(list.front_matter.present);
    CHECK_FALSE(list.front_matter.error);
    CHECK_FALSE(list.front_matter.mapping);
    CHECK(list.front_matter.fields.empty());
  }

  SUBCASE("front matter with no closing fence or a YAML error is reported at the document line")
  {
    const Document broken = parse_document("p.md", "---\ntitle: x\nslug: [unclosed\nstatus: y\n---\n# T\n");
    REQUIRE(broken.front_matter.present);
    REQUIRE(broken.front_matter.error);
    CHECK(broken.front_matter.error->line >= 3);
    CHECK(broken.front_matter.error->line <= 5);
    CHECK(broken.front_matter.error->message.find("YAML") != std::string::npos);
    CHECK(broken.title_line == 6);

    const Document tab = parse_document("p.md", "---\ntitle: x\nbad: : :\n  - y\n---\n");
    REQUIRE(tab.front_matter.error);
    CHECK(tab.front_matter.error->line == 3);

    const Document open = parse_document("p.md", "---\ntitle: x\n\n# Heading\n");
    REQUIRE(open.front_matter.present);
    REQUIRE(open.front_matter.error);
    CHECK(open.front_matter.error->message.find("never closed") != std::string::npos);
    CHECK(open.title == "Heading");
    CHECK(open.title_line == 4);
  }

  SUBCASE("front matter closed by '...' and deeply nested YAML do not crash")
  {
    const Document dots = parse_document("p.md", "---\na: 1\n...\n## S\n");
    CHECK(dots.front_matter.end_line == 3);
    CHECK_FALSE(dots.front_matter.error);
    CHECK(dots.sections.at(0).line == 4);
    const Document deep = parse_document("p.md", "---\nx: " + std::string(20000, '[') + "\n---\n# T\n");
    CHECK(deep.front_matter.error);
    CHECK(deep.title_line == 4);
  }

  SUBCASE("CRLF and lone CR line endings give the same lines as LF")
  {
    const std::string lf = "---\ntitle: x\n---\n# T\n\n## Progress\n- [2025-10-30 11:42 UTC] a [l](a.md)\n  more\n\n"
                           "## Decision Log\n- b <!-- planck-disable-next-line timestamp-format -->\n";
    for (const std::string ending : {"\r\n", "\r"}) {
      CAPTURE(ending.size());
      const Document expected = parse_document("p.md", lf);
      const Document doc = parse_document("p.md", replace_all(lf, "\n", ending));
      CHECK(doc.lines == expected.lines);
      CHECK(doc.title_line == expected.title_line);
      REQUIRE(doc.sections.size() == 2);
      CHECK(doc.sections[0].line == 6);
      CHECK(doc.sections[1].line == 10);
      CHECK(doc.sections[0].entries.at(0).text == "[2025-10-30 11:42 UTC] a [l](a.md)\nmore");
      CHECK(doc.sections[0].entries.at(0).end_line == 8);
      REQUIRE(doc.links.size() == 1);
      CHECK(doc.links[0].line == 7);
      CHECK(doc.links[0].column == 28);
      REQUIRE(doc.suppressions.size() == 1);
      CHECK(doc.suppressions[0].line == 11);
      CHECK(doc.front_matter.line_of("title") == 2);
    }
  }

  SUBCASE("a UTF-8 byte order mark is dropped")
  {
    const Document doc = parse_document("p.md", "\xEF\xBB\xBF# Title\n## Progress\n");
    CHECK(doc.title == "Title");
    CHECK(doc.lines.at(0) == "# Title");
    CHECK(doc.sections.at(0).line == 2);
    const Document front = parse_document("p.md", "\xEF\xBB\xBF---\nslug: s\n---\n");
    CHECK(front.front_matter.present);
    REQUIRE(front.front_matter.scalar("slug") != nullptr);
    CHECK(*front.front_matter.scalar("slug") == "s");
  }

  SUBCASE("an empty file is an empty document")
  {
    const Document doc = parse_document("p.md", "");
    CHECK(doc.lines.empty());
    CHECK(doc.sections.empty());
    CHECK(doc.problems.empty());
    CHECK(doc.title.empty());
    CHECK(parse_document("p.md", "\xEF\xBB\xBF").lines.empty());
    CHECK(parse_document("p.md", "\n\n").lines.size() == 2);
  }

  SUBCASE("NUL bytes make the file binary and stop parsing")
  {
    const std::string text = std::string("# Title\n## Progress\nab") + '\0' + "cd\n- x\n";
    const Document doc = parse_document("p.md", text);
    CHECK(doc.binary);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].line == 3);
    CHECK(doc.problems[0].column == 3);
    CHECK(doc.problems[0].message == "contains NUL bytes; not a text file");
    CHECK(doc.sections.empty());
    CHECK(doc.title.empty());
  }

  SUBCASE("invalid UTF-8 is a problem at its line and column, and the rest is still parsed")
  {
    const Document doc = parse_document("p.md", "# Title\n\n## Progress\n- caf\xE9 ok\n- \xF0\x9F\x98\x80 fine\n");
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].line == 4);
    CHECK(doc.problems[0].column == 6);
    CHECK(doc.problems[0].message.find("0xE9") != std::string::npos);
    CHECK_FALSE(doc.binary);
    REQUIRE(doc.sections.size() == 1);
    CHECK(doc.sections[0].entries.size() == 2);
    CHECK(parse_document("p.md", "ok \xED\xA0\x80 surrogate\n").problems.size() == 1);
    CHECK(parse_document("p.md", "ok \xC0\xAF overlong\n").problems.size() == 1);
    CHECK(parse_document("p.md", "truncated \xE2\x82").problems.size() == 1);
    CHECK(parse_document("p.md", "\xE2\x80\x93 en dash, \xC3\xA9\n").problems.empty());
  }

  SUBCASE("nested list items belong to their parent entry's text, not to the entries")
  {
    const std::string text = "## Progress\n"
                             "- [2025-10-30 11:42 UTC] Parent entry\n"
                             "  continues here\n"
                             "  - nested child\n"
                             "    - [ ] nested todo\n"
                             "\n"
                             "  Second paragraph.\n"
                             "\n\n"
                             "1. [2025-10-30 12:00 UTC] Ordered\n"
                             "   next line\n"
                             "\n"
                             "> - quoted item is not an entry\n";
    const Document doc = parse_document("p.md", text);
    const auto& entries = doc.sections.at(0).entries;
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].text == "[2025-10-30 11:42 UTC] Parent entry\ncontinues here\n- nested child\n  - [ ] nested "
                             "todo\n\nSecond paragraph.");
    CHECK(entries[0].line == 2);
    CHECK(entries[0].end_line == 7);
    CHECK(entries[0].depth == 0);
    CHECK(entries[1].text == "[2025-10-30 12:00 UTC] Ordered\nnext line");
    CHECK(entries[1].line == 10);
    CHECK(entries[1].column == 4);
    CHECK(entries[1].end_line == 11);
    REQUIRE(doc.todos.size() == 1);
    CHECK(doc.todos[0].line == 5);
    CHECK(doc.todos[0].depth == 2);
    CHECK(doc.todos[0].text == "nested todo");
  }

  SUBCASE("to-dos are found at any depth, in quotes and in any section, in document order")
  {
    const std::string text =
        "- [ ] before any section\n\n## To-do\n- [x] done\n  - [ ] sub\n\n"
        "> - [X] quoted\n>   second line\n\n## Other\n* [ ] star\n+ [ ]\n- [ ]not a box\n- [x](link)\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.todos.size() == 6);
    CHECK(doc.todos[0].line == 1);
    CHECK(doc.todos[1].checkbox == Checkbox::done);
    CHECK(doc.todos[2].text == "sub");
    CHECK(doc.todos[3].checkbox == Checkbox::done);
    CHECK(doc.todos[3].text == "quoted\nsecond line");
    CHECK(doc.todos[3].column == 9);
    CHECK(doc.todos[4].text == "star");
    CHECK(doc.todos[5].line == 12);
    CHECK(doc.todos[5].text.empty());
    CHECK(doc.sections.at(1).entries.size() == 4);
    CHECK(doc.sections.at(1).entries[2].checkbox == Checkbox::none);
    CHECK(doc.sections.at(1).entries[2].text == "[ ]not a box");
  }

  SUBCASE("headings have plain text and GitHub anchors with numbered repeats")
  {
    const std::string text = "# Plan of **Work** with `code`\n\n## Notes\n\n### Notes\n\n## Notes\n\n"
                             "Setext *title*\n===\n\n## Notes-1\n\n## [Linked](x.md) &amp; more\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.headings.size() == 7);
    CHECK(doc.headings[0].text == "Plan of Work with code");
    CHECK(doc.headings[0].anchor == "plan-of-work-with-code");
    CHECK(doc.headings[0].level == 1);
    CHECK(doc.headings[1].anchor == "notes");
    CHECK(doc.headings[2].anchor == "notes-1");
    CHECK(doc.headings[2].level == 3);
    CHECK(doc.headings[3].anchor == "notes-2");
    CHECK(doc.headings[4].text == "Setext title");
    CHECK(doc.headings[4].line == 9);
    CHECK(doc.headings[5].anchor == "notes-1-1");
    CHECK(doc.headings[6].text == "Linked & more");
    CHECK(doc.headings[6].anchor == "linked--more");
    CHECK(doc.title == "Plan of Work with code");
    // The setext level-1 heading ends the section before it.
    CHECK(doc.sections.at(1).line == 7);
    CHECK(doc.sections.at(1).end_line == 8);
    CHECK(section_body(doc, doc.sections.at(1)) == "");
  }

  SUBCASE("sections end at the next level-1 or level-2 heading; deeper headings stay inside")
  {
    const std::string text = "## A\ntext a\n### Sub\nsub text\n# Top\nafter\n## B\n- entry b\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.sections.size() == 2);
    CHECK(doc.sections[0].end_line == 4);
    CHECK(section_body(doc, doc.sections[0]) == "text a\n### Sub\nsub text");
    CHECK(doc.sections[1].line == 7);
    CHECK(doc.sections[1].end_line == 8);
    CHECK(doc.title == "Top");
    CHECK(doc.title_line == 5);
  }

  SUBCASE("link positions: repeated links get distinct columns")
  {
    const std::string text = "See [spec](a.md) and [spec](a.md), then ![img](i.png).\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.links.size() == 3);
    CHECK(doc.links[0].column == 5);
    CHECK(doc.links[1].column == 22);
    CHECK(doc.links[0].destination == "a.md");
    CHECK(doc.links[0].text == "spec");
    CHECK_FALSE(doc.links[0].reference);
    CHECK(doc.links[2].image);
    CHECK(doc.links[2].column == 41);
    CHECK(doc.links[2].text == "img");
  }

  SUBCASE("link positions: reference links are resolved and flagged")
  {
    const std::string text = "[2025-10-30 11:42 UTC] Read [the plan][plan], [plan][] and [plan].\n"
                             "Also [**bold** text](b.md#frag \"title\").\n\n"
                             "[plan]: docs/plan.md\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.links.size() == 4);
    CHECK(doc.links[0].column == 29);
    CHECK(doc.links[0].reference);
    CHECK(doc.links[0].destination == "docs/plan.md");
    CHECK(doc.links[0].text == "the plan");
    CHECK(doc.links[1].column == 47);
    CHECK(doc.links[1].reference);
    CHECK(doc.links[2].column == 60);
    CHECK(doc.links[2].reference);
    CHECK(doc.links[3].line == 2);
    CHECK(doc.links[3].column == 6);
    CHECK_FALSE(doc.links[3].reference);
    CHECK(doc.links[3].destination == "b.md#frag");
    CHECK(doc.links[3].text == "bold text");
  }

  SUBCASE("link positions: autolinks, links in list items, block quotes and tables")
  {
    const std::string text = "- [x] (2025-10-30 11:42Z) did [it](a.md)\n"
                             "  then <https://example.com> and www.example.org\n"
                             "  [site](https://example.com) https://example.com\n\n"
                             "> quoted\n> with [q](q.md)\n\n"
                             "| a | b |\n|---|---|\n| [c](c.md) | ![e](e.png) [c](c.md) |\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.links.size() == 9);
    CHECK(doc.links[0].line == 1);
    CHECK(doc.links[0].column == 31);
    CHECK(doc.links[1].line == 2);
    CHECK(doc.links[1].column == 8);
    CHECK(doc.links[1].destination == "https://example.com");
    CHECK(doc.links[2].column == 34);
    CHECK(doc.links[2].destination == "http://www.example.org");
    CHECK(doc.links[3].line == 3);
    CHECK(doc.links[3].column == 3);
    CHECK(doc.links[4].line == 3);
    CHECK(doc.links[4].column == 31);
    CHECK(doc.links[5].line == 6);
    CHECK(doc.links[5].column == 8);
    CHECK(doc.links[6].line == 10);
    CHECK(doc.links[6].column == 3);
    CHECK(doc.links[7].image);
    CHECK(doc.links[7].column == 15);
    CHECK(doc.links[8].column == 27);
  }

  SUBCASE("link positions: links inside code spans are not links and do not shift positions")
  {
    const std::string text = "Use `[x](y.md)` then [x](y.md) and ``[x](z) ` `` [x](z.md).\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.links.size() == 2);
    CHECK(doc.links[0].column == 22);
    CHECK(doc.links[0].destination == "y.md");
    CHECK(doc.links[1].column == 50);
    CHECK(doc.links[1].destination == "z.md");
  }

  SUBCASE("link positions: a link spanning lines and an image inside a link")
  {
    const std::string text = "Intro [a link\nover lines](x.md) end.\n\n[![badge](b.svg)](ci.md)\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.links.size() == 3);
    CHECK(doc.links[0].line == 1);
    CHECK(doc.links[0].column == 7);
    CHECK(doc.links[0].text == "a link over lines");
    CHECK(doc.links[1].line == 4);
    CHECK(doc.links[1].column == 1);
    CHECK(doc.links[1].destination == "ci.md");
    CHECK(doc.links[2].image);
    CHECK(doc.links[2].column == 2);
  }

  SUBCASE("suppression comments in HTML blocks and inline HTML")
  {
    const std::string text = "<!-- planck-disable timestamp-format, log-append-only -->\n\n"
                             "## Progress\n- entry <!-- planck-disable-next-line timestamp-format -->\n\n"
                             "<!-- planck-enable -->\n\n"
                             "<!-- an ordinary comment -->\n\n"
                             "Text `<!-- planck-disable in-code-span -->` and <!-- planck-enable links-resolve -->\n\n"
                             "```\n<!-- planck-disable in-fence -->\n```\n\n"
                             "<!--\nplanck-disable multi-line\n-->\n";
    const Document doc = parse_document("p.md", text);
    REQUIRE(doc.suppressions.size() == 5);
    CHECK(doc.suppressions[0].kind == Suppression::Kind::disable);
    CHECK(doc.suppressions[0].rules == std::vector<std::string>{"timestamp-format", "log-append-only"});
    CHECK(doc.suppressions[0].line == 1);
    CHECK(doc.suppressions[0].column == 1);
    CHECK(doc.suppressions[1].kind == Suppression::Kind::disable_next_line);
    CHECK(doc.suppressions[1].line == 4);
    CHECK(doc.suppressions[1].column == 9);
    CHECK(doc.suppressions[2].kind == Suppression::Kind::enable);
    CHECK(doc.suppressions[2].rules.empty());
    CHECK(doc.suppressions[2].line == 6);
    CHECK(doc.suppressions[3].line == 10);
    CHECK(doc.suppressions[3].column == 49);
    CHECK(doc.suppressions[3].rules == std::vector<std::string>{"links-resolve"});
    CHECK(doc.suppressions[4].line == 16);
    CHECK(doc.suppressions[4].rules == std::vector<std::string>{"multi-line"});
  }

  SUBCASE("10,000 nested lists or block quotes parse without exhausting the stack")
  {
    std::string lists;
    for (int i = 0; i < 10000; ++i) {
      lists += "- ";
    }
    lists += "[ ] deepest\n";
    const Document list_doc = parse_document("p.md", "## Progress\n" + lists);
    REQUIRE(list_doc.sections.size() == 1);
    CHECK(list_doc.sections[0].entries.size() == 1);
    if (cmark_gfm_release() >= 13) {
      // From 0.29.0.gfm.13, cmark-gfm nests lists 100 deep at most: the deeper markers are the
      // innermost item's text, and `[ ]` is no task box there.
      CHECK(list_doc.todos.empty());
    } else {
      REQUIRE(list_doc.todos.size() == 1);
      CHECK(list_doc.todos[0].depth == 9999);
    }

    const std::string quotes = std::string(10000, '>') + " ## deep [l](l.md)\n";
    const Document quote_doc = parse_document("p.md", quotes);
    CHECK(quote_doc.headings.size() == 1);
    CHECK(quote_doc.links.size() == 1);

    std::string mixed;
    for (int i = 0; i < 5000; ++i) {
      mixed += "> - ";
    }
    mixed += "text\n";
    CHECK_NOTHROW(parse_document("p.md", mixed));
    const std::string emphasis = std::string(10000, '*') + "x" + std::string(10000, '*') + "\n";
    CHECK_NOTHROW(parse_document("p.md", emphasis));
    const std::string brackets = std::string(10000, '[') + "x" + std::string(10000, ']') + "(y)\n";
    CHECK(parse_document("p.md", brackets).links.size() == 1);
  }
}

TEST_CASE("markdown_shape measures what a parse would build, before parsing")
{
  using planck::markdown_shape;

  SUBCASE("an ordinary plan is a few elements a line")
  {
    const auto shape = markdown_shape("# Plan\n\n## Progress\n\n- [2025-10-30 09:00 UTC] Started.\n- Two.\n");
    CHECK(shape.elements == 2 + 5 + 3);   // headings; an item with a bracket pair; a plain item
    CHECK(shape.widest_table == 0);
  }

  SUBCASE("nested containers count for each marker; blank lines for nothing")
  {
    CHECK(markdown_shape("> - 1. x\n\n\n\n").elements == 1 + 3 * 2);
    CHECK(markdown_shape("-x\n").elements == 1);      // not a list marker
    CHECK(markdown_shape("2025. x\n").elements == 3); // an ordered marker, however odd
  }

  SUBCASE("a million list items are measured as millions, without building them")
  {
    std::string text;
    for (int i = 0; i < 1000000; ++i) {
      text += "- x\n";
    }
    CHECK(markdown_shape(text).elements == 3000000);
  }

  SUBCASE("a table's width is its delimiter row's columns, with or without the outer pipes")
  {
    CHECK(markdown_shape("| a | b | c |\n|---|:-:|---|\n| 1 | 2 | 3 |\n").widest_table == 3);
    CHECK(markdown_shape("a | b\n--|--\n").widest_table == 2);
    CHECK(markdown_shape("  |---|---|  \r\n").widest_table == 2);
    CHECK(markdown_shape("| a | b |\n| text | more |\n").widest_table == 0);   // no delimiter row
    CHECK(markdown_shape("---\n").widest_table == 0);                         // a rule, not a table
  }
}
