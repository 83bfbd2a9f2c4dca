#include "planck/authoring/registry_edit.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/util/timestamp.hpp"

#include <doctest/doctest.h>

using namespace planck;

namespace {

const std::int64_t k_now = *utc_epoch(2025, 10, 30, 12, 0, 0);
const std::string k_plan = "docs/development/plans/b.md";
const std::string k_entry = "- [2025-10-30] B – [b](docs/development/plans/b.md) – @ada – in-progress";

std::string crlf(std::string text)
{
  std::string result;
  for (char c : text) {
    result += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  return result;
}

Registry registry_of(const std::string& text)
{
  return parse_registry(parse_document("PLANS.md", text));
}

} // namespace

TEST_CASE("format_registry_entry")
{
  SUBCASE("the entry form, which reads back as the same fields")
  {
    const std::string line = format_registry_entry(
        {"2025-10-30", "Fix A - B [draft", "b", "docs/development/plans/b.md", "Ada, Bo", "paused"});
    CHECK(line == "- [2025-10-30] Fix A: B draft – [b](docs/development/plans/b.md) – Ada, Bo – paused");
    const auto registry = registry_of("## Active Plans\n\n" + line + "\n");
    REQUIRE(registry.entries.size() == 1);
    const auto& entry = registry.entries[0];
    CHECK(entry.problems.empty());
    CHECK(entry.title == "Fix A: B draft");
    CHECK(entry.target == "docs/development/plans/b.md");
    CHECK(entry.owners == std::vector<std::string>{"Ada", "Bo"});
    CHECK(entry.status == "paused");
  }
}

TEST_CASE("add_active_entry")
{
  SUBCASE("the placeholder of an empty list is replaced")
  {
    const std::string before = "# Plans\n\n## Active Plans\n\n_None yet._\n\n## Completed Plans\n\n_None yet._\n";
    const auto after = add_active_entry(before, "PLANS.md", k_entry, k_now);
    REQUIRE(after.has_value());
    CHECK(*after == "# Plans\n\n## Active Plans\n\n" + k_entry + "\n\n## Completed Plans\n\n_None yet._\n");
  }

  SUBCASE("appended directly after the last entry; CRLF kept; last_synced moved")
  {
    const std::string before = crlf("---\nlast_synced: 2025-10-01\n---\n## Active Plans\n\n- [2025-10-01] A – "
                                    "[a](docs/development/plans/a.md) – x – in-progress\n\nSee below.\n");
    const auto after = add_active_entry(before, "PLANS.md", k_entry, k_now);
    REQUIRE(after.has_value());
    CHECK(*after == crlf("---\nlast_synced: 2025-10-30\n---\n## Active Plans\n\n- [2025-10-01] A – "
                         "[a](docs/development/plans/a.md) – x – in-progress\n" +
                         k_entry + "\n\nSee below.\n"));
  }

  SUBCASE("a registry without an Active Plans heading is refused")
  {
    const auto after = add_active_entry("# Plans\n\n## Plans\n\n- x\n", "PLANS.md", k_entry, k_now);
    REQUIRE_FALSE(after.has_value());
    CHECK(after.error().find("PLANS.md has no '## Active Plans' heading") != std::string::npos);
  }
}

TEST_CASE("complete_entry")
{
  const std::string a = "- [2025-10-01] A – [a](docs/development/plans/a.md) – x – in-progress";

  SUBCASE("moves the entry to the end of Completed Plans with status completed")
  {
    const std::string before = "## Active Plans\n\n" + a + "\n" + k_entry +
                               "\n\n## Completed Plans\n\n"
                               "- [2025-10-15] `old.md` – Old work.\n\n## Notes\n";
    const auto after = complete_entry(before, "PLANS.md", k_plan, k_now);
    REQUIRE(after.has_value());
    CHECK(*after == "## Active Plans\n\n" + a +
                        "\n\n## Completed Plans\n\n- [2025-10-15] `old.md` – Old work.\n"
                        "- [2025-10-30] B – [b](docs/development/plans/b.md) – @ada – completed\n\n## Notes\n");
    const auto moved = registry_of(*after);
    REQUIRE(moved.entries.size() == 3);
    CHECK(moved.entries[2].list == RegistryEntry::List::completed);
    CHECK(moved.entries[2].problems.empty());
  }

  SUBCASE("the last active entry leaves the placeholder; the completed placeholder goes; CRLF kept")
  {
    const std::string before = crlf("## Active Plans\n\n" + k_entry + "\n\n## Completed Plans\n\n_None yet._\n");
    const auto after = complete_entry(before, "PLANS.md", k_plan, k_now);
    REQUIRE(after.has_value());
    CHECK(*after == crlf("## Active Plans\n\n_None yet._\n\n## Completed Plans\n\n- [2025-10-30] B – "
                         "[b](docs/development/plans/b.md) – @ada – completed\n"));
  }

  SUBCASE("an entry without a status gets one; one already completed is left as it is")
  {
    const std::string before = "## Active Plans\n\n- [2025-10-30] B – [b](docs/development/plans/b.md) – @ada\n\n"
                               "## Completed Plans\n";
    const auto after = complete_entry(before, "PLANS.md", k_plan, k_now);
    REQUIRE(after.has_value());
    CHECK(after->find("- [2025-10-30] B – [b](docs/development/plans/b.md) – @ada – completed\n") != std::string::npos);
    const auto again = complete_entry(*after, "PLANS.md", k_plan, k_now);
    REQUIRE(again.has_value());
    CHECK(*again == *after);
  }

  SUBCASE("a registry that does not list the plan, or lacks a heading, is refused")
  {
    CHECK_FALSE(complete_entry("## Active Plans\n\n" + a + "\n\n## Completed Plans\n", "PLANS.md", k_plan, k_now));
    const auto headless = complete_entry("## Active Plans\n\n" + k_entry + "\n", "PLANS.md", k_plan, k_now);
    REQUIRE_FALSE(headless.has_value());
    CHECK(headless.error().find("'## Completed Plans'") != std::string::npos);
  }
}
