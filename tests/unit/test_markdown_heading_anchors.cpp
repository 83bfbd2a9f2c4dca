#include "planck/markdown/heading_anchors.hpp"

#include "planck/markdown/parser.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using planck::parse_document;

namespace {

std::vector<std::string> parsed_anchors(const std::string& text)
{
  std::vector<std::string> anchors;
  for (const auto& heading : parse_document("d.md", text).headings) {
    anchors.push_back(heading.anchor);
  }
  return anchors;
}

bool contains(const std::vector<std::string>& list, const std::string& value)
{
  return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

TEST_CASE("certain_heading_anchors vouches for plain ATX headings and nothing the parser would not find")
{
  using planck::certain_heading_anchors;
  using V = std::vector<std::string>;

  SUBCASE("plain headings at the start of a line, with or without a closing sequence")
  {
    CHECK(certain_heading_anchors("# Plan: ship it\n\n## Decision Log ##\n### Phase 2 (rollout)\n#### C++ / Go\n")
          == V{"plan-ship-it", "decision-log", "phase-2-rollout", "c--go"});
    CHECK(certain_heading_anchors("\xEF\xBB\xBF# Title\r\n## Progress\r## Notes #\n") == V{"title", "progress", "notes"});
  }

  SUBCASE("headings whose text is not plain words are left to the parser")
  {
    CHECK(certain_heading_anchors("## *Progress*\n## `code`\n## a_b_\n## [Link](x.md)\n## a &amp; b\n## Café\n"
                                  "## C#\n## tab\there\n##\n")
          .empty());
    CHECK(certain_heading_anchors(" ## Indented\n- ## In a list\n> ## Quoted\n#NoSpace\n####### Seven\n").empty());
  }

  SUBCASE("nothing inside fenced code, closed only by a fence as long, unindented enough, without info")
  {
    CHECK(certain_heading_anchors("```\n## In code\n```\n## After\n") == V{"after"});
    CHECK(certain_heading_anchors("````md\n## A\n```\n## B\n``` not closing\n   ````\n## C\n") == V{"c"});
    CHECK(certain_heading_anchors("~~~\n## A\n```\n## B\n~~~~\n## C\n") == V{"c"});
    CHECK(certain_heading_anchors("```\n## A\n\t```\n## B\n    ```\n## C\n").empty());
    CHECK(certain_heading_anchors("``` x`y\n## Inline code, not a fence\n") == V{"inline-code-not-a-fence"});
  }

  SUBCASE("reading stops where the lines alone cannot tell: a possible HTML block, an indented fence")
  {
    CHECK(certain_heading_anchors("## A\n<!--\n## B\n-->\n## C\n") == V{"a"});
    CHECK(certain_heading_anchors("## A\n   <div>\n## B\n") == V{"a"});
    CHECK(certain_heading_anchors("## A\n- item\n\n  ```\n## B\n  ```\n## C\n") == V{"a"});
  }

  SUBCASE("front matter is not read as headings")
  {
    CHECK(certain_heading_anchors("---\n# a YAML comment\ntitle: x\n---\n# Title\n") == V{"title"});
    CHECK(certain_heading_anchors("---\n# unclosed front matter\n").empty() == parsed_anchors("---\n# unclosed front matter\n").empty());
  }

  SUBCASE("every anchor vouched for is one the parsed document has")
  {
    const std::vector<std::string> documents = {
      "# T\n\n## Notes\n\n## Notes\n\n## Notes 1\n",
      "---\ntitle: x\n---\n# T\n\n```\n# code\n```\n\n## Progress\n\n- [2025-01-01 10:00Z] a\n## Outcomes\n",
      "| a | b |\n| - | - |\n## Not a row\n| c | d |\n",
      "> quote\n## After quote\n- list\n## After list\n[^1]: note\n## After note\n",
      "Para\n## Interrupts\n===\nSetext?\n---\n## Last ###\n",
      "- ```\n## Closes the item\n```\n## Code\n```\n## Out\n",
      "[ref]: /url '\n## Title\n'\n## After\n",
      "Foo\n```\n## fenced\n",
      "\n\n## A\n\n\t```\n## B\n",
    };
    for (const auto& text : documents) {
      const auto parsed = parsed_anchors(text);
      for (const auto& anchor : certain_heading_anchors(text)) {
        CHECK_MESSAGE(contains(parsed, anchor), "'" << anchor << "' vouched for but not parsed in:\n" << text);
      }
    }
  }
}
