#include "planck/authoring/changelog_edit.hpp"
#include "planck/util/timestamp.hpp"

#include <doctest/doctest.h>

#include "rules_fixture.hpp"

using namespace planck;

namespace {

const std::int64_t k_now = *utc_epoch(2025, 10, 30, 12, 0, 0);
const std::string k_plan = "docs/development/plans/b.md";
const std::string k_line = "- Completed [B \\[beta\\]](docs/development/plans/b.md).";

} // namespace

TEST_CASE("add_changelog_link")
{
  SUBCASE("appended to the list under the first level-2 heading")
  {
    const std::string before = "# Changelog\n\n## Unreleased\n\n- Fixed a bug.\n\n## 1.0.0\n\n- First.\n";
    CHECK(add_changelog_link(before, "CHANGELOG.md", k_plan, "B [beta]", k_now) ==
          "# Changelog\n\n## Unreleased\n\n- Fixed a bug.\n" + k_line + "\n\n## 1.0.0\n\n- First.\n");
  }

  SUBCASE("an `## Unreleased` section is made at the end when there is no level-2 heading; CRLF kept")
  {
    CHECK(add_changelog_link(std::string("# Changelog\r\n\r\nAll notable changes.\r\n"), "CHANGELOG.md", k_plan,
                             "B [beta]", k_now) ==
          "# Changelog\r\n\r\nAll notable changes.\r\n\r\n## Unreleased\r\n\r\n" + k_line + "\r\n");
  }

  SUBCASE("a missing changelog is created")
  {
    CHECK(add_changelog_link(std::nullopt, "CHANGELOG.md", k_plan, "B [beta]", k_now) ==
          "# Changelog\n\n## Unreleased\n\n" + k_line + "\n");
  }

  SUBCASE("a changelog that links the plan already is left alone, and links are relative to it")
  {
    const std::string linked = "# Changelog\n\n## Unreleased\n\n- Did [it](../docs/development/plans/b.md).\n";
    CHECK(add_changelog_link(linked, "notes/CHANGELOG.md", k_plan, "B", k_now) == linked);
    CHECK(add_changelog_link(std::nullopt, "notes/CHANGELOG.md", k_plan, "B", k_now)
              .find("](../docs/development/plans/b.md)") != std::string::npos);
  }

  SUBCASE("the changelog is the crosslink named CHANGELOG.md, or the rule's option")
  {
    CHECK(changelog_path(test::make_config()) == "CHANGELOG.md");
    CHECK(changelog_path(test::make_config("plans:\n  crosslinks: [docs/CHANGELOG.md]\n")) == "docs/CHANGELOG.md");
    CHECK(changelog_path(test::make_config("rules:\n  plan-completion:\n    changelog: HISTORY.md\n")) == "HISTORY.md");
  }
}
