#include "planck/markdown/parser.hpp"
#include "planck/markdown/registry.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace planck;

namespace {

Registry parse(const std::string& text)
{
  const Document doc = parse_document("PLANS.md", text);
  return parse_registry(doc);
}

// A registry with `active` under Active Plans and `completed` under Completed Plans.
Registry lists(const std::string& active, const std::string& completed = "")
{
  return parse("# Plans\n\n## Active Plans\n\n" + active + "\n## Completed Plans\n\n" + completed);
}

std::string problems(const RegistryEntry& entry)
{
  std::string text;
  for (const auto& problem : entry.problems) {
    text += problem + "\n";
  }
  return text;
}

bool has_problem(const RegistryEntry& entry, const std::string& part)
{
  for (const auto& problem : entry.problems) {
    if (problem.find(part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("parse_registry")
{
  SUBCASE("the full form with en dashes")
  {
    const auto registry =
        lists("- [2025-10-30] Migrate storage – [migrate-storage](docs/development/plans/migrate-storage.md) "
              "– Ada, Grace – in-progress\n");
    CHECK(registry.active_line == 3);
    CHECK(registry.completed_line == 7);
    REQUIRE(registry.entries.size() == 1);
    const auto& entry = registry.entries[0];
    CHECK_MESSAGE(entry.problems.empty(), problems(entry));
    CHECK(entry.list == RegistryEntry::List::active);
    CHECK(entry.line == 5);
    CHECK(entry.column == 3);
    CHECK(entry.date == "2025-10-30");
    CHECK(entry.title == "Migrate storage");
    CHECK(entry.target == "docs/development/plans/migrate-storage.md");
    CHECK_FALSE(entry.target_is_code_span);
    CHECK(entry.target_line == 5);
    CHECK(entry.target_column == 36); // the link's `[`, after the three-byte dash
    CHECK(entry.owners == std::vector<std::string>{"Ada", "Grace"});
    CHECK(entry.status == "in-progress");
    CHECK_FALSE(entry.short_form);
  }

  SUBCASE("em dashes and ` - ` separate fields too")
  {
    const auto registry = lists("- [2025-10-30] A — [a](plans/a.md) — Ada — blocking\n"
                                "- [2025-10-30] B - [b](plans/b.md) - Bob - paused\n");
    REQUIRE(registry.entries.size() == 2);
    CHECK_MESSAGE(registry.entries[0].problems.empty(), problems(registry.entries[0]));
    CHECK(registry.entries[0].title == "A");
    CHECK(registry.entries[0].status == "blocking");
    CHECK_MESSAGE(registry.entries[1].problems.empty(), problems(registry.entries[1]));
    CHECK(registry.entries[1].owners == std::vector<std::string>{"Bob"});
    CHECK(registry.entries[1].status == "paused");
  }

  SUBCASE("hyphens inside words, link text and destinations are not separators")
  {
    const auto registry = lists("- [2025-10-30] Re-index the catalog – [re - index](plans/re-index.md \"A - B\") – "
                                "Ada-Lovelace – in-progress\n");
    REQUIRE(registry.entries.size() == 1);
    const auto& entry = registry.entries[0];
    CHECK_MESSAGE(entry.problems.empty(), problems(entry));
    CHECK(entry.title == "Re-index the catalog");
    CHECK(entry.target == "plans/re-index.md");
    CHECK(entry.owners == std::vector<std::string>{"Ada-Lovelace"});
  }

  SUBCASE("a code span names the plan by file name or path")
  {
    const auto registry = lists("- [2025-10-30] Migrate – `migrate-storage.md` – Ada – in-progress\n"
                                "- [2025-10-30] Other – `docs/development/plans/other.md` – Bob – paused\n");
    REQUIRE(registry.entries.size() == 2);
    CHECK_MESSAGE(registry.entries[0].problems.empty(), problems(registry.entries[0]));
    CHECK(registry.entries[0].target == "migrate-storage.md");
    CHECK(registry.entries[0].target_is_code_span);
    CHECK(registry.entries[0].target_column == 28);
    CHECK(registry.entries[1].target == "docs/development/plans/other.md");
  }

  SUBCASE("a reference-style link is resolved through the document's links")
  {
    const auto registry = parse("## Active Plans\n\n"
                                "- [2025-10-30] Migrate – [migrate][m] – Ada – in-progress\n"
                                "- [2025-10-30] Collapsed – [other][] – Ada – in-progress\n\n"
                                "[m]: docs/development/plans/migrate-storage.md\n"
                                "[other]: docs/development/plans/other.md\n");
    REQUIRE(registry.entries.size() == 2);
    CHECK_MESSAGE(registry.entries[0].problems.empty(), problems(registry.entries[0]));
    CHECK(registry.entries[0].target == "docs/development/plans/migrate-storage.md");
    CHECK(registry.entries[0].target_column == 28);
    CHECK(registry.entries[1].target == "docs/development/plans/other.md");
  }

  SUBCASE("an entry continued on the next line keeps its fields and places")
  {
    const auto registry = lists("- [2025-10-30] A long title\n  – [a](plans/a.md) – Ada – in-progress\n"
                                "  - a nested note - with - dashes\n");
    REQUIRE(registry.entries.size() == 1);
    const auto& entry = registry.entries[0];
    CHECK_MESSAGE(entry.problems.empty(), problems(entry));
    CHECK(entry.title == "A long title");
    CHECK(entry.target_line == 6);
    CHECK(entry.target_column == 7);
    CHECK(entry.status == "in-progress");
    CHECK(entry.end_line == 7);
  }

  SUBCASE("the convention's short completed form")
  {
    const auto registry = lists("", "- [2025-10-15] `bootstrap-initial-agdd-release.md` – Initial release packaging "
                                    "and documentation alignment.\n");
    REQUIRE(registry.entries.size() == 1);
    const auto& entry = registry.entries[0];
    CHECK_MESSAGE(entry.problems.empty(), problems(entry));
    CHECK(entry.list == RegistryEntry::List::completed);
    CHECK(entry.short_form);
    CHECK(entry.target == "bootstrap-initial-agdd-release.md");
    CHECK(entry.target_is_code_span);
    CHECK(entry.title == "Initial release packaging and documentation alignment.");
    CHECK(entry.status.empty());
  }

  SUBCASE("the short form is a Completed Plans form only")
  {
    const auto registry = lists("- [2025-10-15] `bootstrap.md` – Initial release.\n");
    REQUIRE(registry.entries.size() == 1);
    CHECK(has_problem(registry.entries[0], "does not follow the form"));
  }

  SUBCASE("completed entries: `completed` or no status")
  {
    const auto registry = lists("", "- [2025-10-15] A – [a](a.md) – Ada – completed\n"
                                    "- [2025-10-15] B – [b](b.md) – Ada\n"
                                    "- [2025-10-15] C – [c](c.md) – Ada – in-progress\n");
    REQUIRE(registry.entries.size() == 3);
    CHECK_MESSAGE(registry.entries[0].problems.empty(), problems(registry.entries[0]));
    CHECK(registry.entries[0].status == "completed");
    CHECK_MESSAGE(registry.entries[1].problems.empty(), problems(registry.entries[1]));
    CHECK(registry.entries[1].owners == std::vector<std::string>{"Ada"});
    CHECK(registry.entries[2].status == "in-progress");
    CHECK(has_problem(registry.entries[2], "status 'in-progress' is not allowed in Completed Plans"));
  }

  SUBCASE("wrong and missing statuses in Active Plans")
  {
    const auto registry = lists("- [2025-10-30] A – [a](a.md) – Ada – done\n"
                                "- [2025-10-30] B – [b](b.md) – Ada – In Progress\n"
                                "- [2025-10-30] C – [c](c.md) – Ada – completed\n"
                                "- [2025-10-30] D – [d](d.md) – Ada – **(paused)**\n");
    REQUIRE(registry.entries.size() == 4);
    CHECK(has_problem(registry.entries[0], "status 'done' is not allowed in Active Plans"));
    CHECK(has_problem(registry.entries[1], "did you mean 'in-progress'?"));
    CHECK(has_problem(registry.entries[2], "move completed plans to Completed Plans"));
    CHECK_MESSAGE(registry.entries[3].problems.empty(), problems(registry.entries[3]));
    CHECK(registry.entries[3].status == "paused");
  }

  SUBCASE("a missing owner or status is named")
  {
    const auto registry = lists("- [2025-10-30] A – [a](a.md) – in-progress\n"
                                "- [2025-10-30] B – [b](b.md) – Ada\n");
    REQUIRE(registry.entries.size() == 2);
    CHECK(registry.entries[0].status == "in-progress");
    CHECK(registry.entries[0].owners.empty());
    CHECK(has_problem(registry.entries[0], "has no owner"));
    CHECK(has_problem(registry.entries[1], "has no status"));
  }

  SUBCASE("a missing, unbracketed or impossible date")
  {
    const auto registry = lists("- Migrate – [a](a.md) – Ada – in-progress\n"
                                "- 2025-10-30 – B – [b](b.md) – Ada – in-progress\n"
                                "- [2025-02-30] C – [c](c.md) – Ada – in-progress\n");
    REQUIRE(registry.entries.size() == 3);
    CHECK(has_problem(registry.entries[0], "does not start with the date"));
    CHECK(registry.entries[0].date.empty());
    CHECK(registry.entries[0].title == "Migrate");
    CHECK(registry.entries[1].date == "2025-10-30");
    CHECK(registry.entries[1].title == "B");
    CHECK(has_problem(registry.entries[1], "without brackets"));
    CHECK(has_problem(registry.entries[2], "'2025-02-30' is not a real date"));
  }

  SUBCASE("only an item that names a Markdown file is an entry: notes, commands and nested bullets are not")
  {
    const auto registry = lists("- [2025-10-30] Migrate – [a](plans/a.md) – Ada – in-progress\n"
                                "  - Phase 1 landed; see the [dashboard](https://example.com/board).\n"
                                "  - `make migrate` runs it.\n"
                                "- Review the backlog every Friday.\n"
                                "- `scripts/sync.sh` keeps the list fresh.\n"
                                "- [2025-10-30] Migrate – plans/a.md – Ada – in-progress\n"
                                "- [2025-10-31] Cache – `plans/cache.md` – Bo – paused\n");
    REQUIRE(registry.entries.size() == 2);
    CHECK(registry.entries[0].target == "plans/a.md");
    CHECK(registry.entries[1].target == "plans/cache.md");
    CHECK(registry.entries[1].target_is_code_span);
  }

  SUBCASE("the list headings are configurable, several names each")
  {
    const Document doc = parse_document("PLANS.md", "# Plans\n\n## In Flight\n\n"
                                                    "- [2025-10-30] A – [a](plans/a.md) – Ada – in-progress\n\n"
                                                    "## Done\n\n- [2025-10-01] `b.md` – Shipped.\n\n"
                                                    "## Active Plans\n\n- [2025-10-30] C – [c](plans/c.md) – Ada – paused\n");
    RegistryLayout layout;
    layout.active = {"In flight", "Active Plans"};
    layout.completed = {"Done"};
    const Registry registry = parse_registry(doc, layout);
    REQUIRE(registry.entries.size() == 3);
    CHECK(registry.entries[0].list == RegistryEntry::List::active);
    CHECK(registry.entries[1].list == RegistryEntry::List::completed);
    CHECK(registry.entries[2].list == RegistryEntry::List::active);
    CHECK(registry.active_line == 3);
    CHECK(parse_registry(doc).entries.size() == 1);   // the default headings find only `## Active Plans`
  }

  SUBCASE("plans kept inline as ### sections are counted, and their bullets are not entries")
  {
    const Document doc = parse_document(
        "PLANS.md", "# Plans\n\n## Active Plans\n\n- [2025-10-30] A – [a](plans/a.md) – Ada – in-progress\n\n"
                    "### [2025-10-30] Faster imports\n\n**Status:** In Progress\n\n#### Progress\n\n"
                    "- [x] Profiled the reader, see [notes](notes/profile.md)\n- [ ] Stream rows\n\n"
                    "### [2025-10-31] Cache warmup\n\n- See [the design](design/cache.md)\n\n"
                    "## Completed Plans\n\n- [2025-10-01] `b.md` – Shipped.\n");
    const Registry registry = parse_registry(doc);
    CHECK(registry.inline_plans == 2);
    CHECK(registry.inline_line == 7);
    REQUIRE(registry.entries.size() == 2);
    CHECK(registry.entries[0].target == "plans/a.md");
    CHECK(registry.entries[1].target == "b.md");
  }

  SUBCASE("a link outside the second field is a form problem, but still names the plan")
  {
    const auto registry = lists("- [2025-10-30] [Migrate](a.md) – Ada – Bob – in-progress\n");
    REQUIRE(registry.entries.size() == 1);
    CHECK(registry.entries[0].target == "a.md");
    CHECK(has_problem(registry.entries[0], "belongs in the second field"));
    const auto dashed = lists("- [2025-10-30] Storage - phase 2 – [a](a.md) – Ada – in-progress\n");
    REQUIRE(dashed.entries.size() == 1);
    CHECK(dashed.entries[0].target == "a.md");
    CHECK(has_problem(dashed.entries[0], "a ` - ` inside the title reads as a separator"));
  }

  SUBCASE("too many fields")
  {
    const auto registry = lists("- [2025-10-30] A – [a](a.md) – Ada – Bob – in-progress\n");
    REQUIRE(registry.entries.size() == 1);
    CHECK(has_problem(registry.entries[0], "more than four fields"));
    CHECK(registry.entries[0].status == "in-progress");
  }

  SUBCASE("an image is not the plan's link")
  {
    // An item whose only link is an image names no plan, so it is no entry.
    CHECK(lists("- [2025-10-30] A – ![badge](b.svg) – Ada – in-progress\n").entries.empty());
    const auto registry = lists("- [2025-10-30] A – ![badge](b.svg) [a](plans/a.md) – Ada – in-progress\n");
    REQUIRE(registry.entries.size() == 1);
    CHECK(registry.entries[0].target == "plans/a.md");
  }

  SUBCASE("placeholders are not entries")
  {
    const auto registry = lists("_None. Add entries in the format below when initiatives start._\n\n"
                                "- _None yet._\n- None\n- *(no active plans)*\n",
                                "- N/A\n");
    CHECK(registry.entries.empty());
  }

  SUBCASE("examples in code blocks are not entries")
  {
    const auto registry =
        lists("```markdown\n- [YYYY-MM-DD] Title – Link – Owner(s) – Status (in-progress/blocking/paused)\n```\n\n"
              "    - [2025-10-30] Indented – [x](x.md) – Ada – in-progress\n");
    CHECK(registry.entries.empty());
  }

  SUBCASE("other sections, nested items and other heading levels are not entries")
  {
    const auto registry = parse("# Plans\n\n## Workflow\n\n- [2025-10-30] A – [a](a.md) – Ada – in-progress\n\n"
                                "### Active Plans\n\n- [2025-10-30] B – [b](b.md) – Ada – in-progress\n\n"
                                "## active plans\n\n- [2025-10-30] C – [c](c.md) – Ada – in-progress\n"
                                "  - [2025-10-30] D – [d](d.md) – Ada – in-progress\n");
    CHECK(registry.active_line == 11);
    CHECK(registry.completed_line == 0);
    REQUIRE(registry.entries.size() == 1);
    CHECK(registry.entries[0].title == "C");
  }

  SUBCASE("a registry without the two headings has no lists")
  {
    const auto registry = parse("# Plans\n\n- [2025-10-30] A – [a](a.md) – Ada – in-progress\n");
    CHECK(registry.active_line == 0);
    CHECK(registry.completed_line == 0);
    CHECK(registry.entries.empty());
  }

  SUBCASE("both lists, in document order")
  {
    const auto registry =
        lists("- [2025-10-30] A – [a](a.md) – Ada – in-progress\n", "- [2025-10-15] `b.md` – Done.\n");
    REQUIRE(registry.entries.size() == 2);
    CHECK(registry.entries[0].list == RegistryEntry::List::active);
    CHECK(registry.entries[1].list == RegistryEntry::List::completed);
    CHECK(registry.entries[1].line == 9);
  }
}

TEST_CASE("classify_link")
{
  const std::string from = "docs/development/plans/a.md";

  SUBCASE("relative paths are taken from the document's folder")
  {
    const auto target = classify_link(from, "../roadmap.md#phase-2");
    CHECK(target.kind == LinkTarget::Kind::path);
    CHECK(target.path == "docs/development/roadmap.md");
    CHECK(target.fragment == "phase-2");
    CHECK(classify_link(from, "./b.md").path == "docs/development/plans/b.md");
    CHECK(classify_link(from, "assets/").path == "docs/development/plans/assets");
    CHECK(classify_link("PLANS.md", "docs/x.md?plain=1#L10").path == "docs/x.md");
    CHECK(classify_link("PLANS.md", "docs/x.md?plain=1#L10").fragment == "L10");
  }

  SUBCASE("a leading slash is the repository root, as GitHub renders it")
  {
    CHECK(classify_link(from, "/CHANGELOG.md").path == "CHANGELOG.md");
    CHECK(classify_link(from, "../../..").path == ".");
  }

  SUBCASE("percent escapes are decoded")
  {
    const auto target = classify_link("README.md", "my%20plan.md#caf%C3%A9");
    CHECK(target.path == "my plan.md");
    CHECK(target.fragment == "caf\xC3\xA9");
  }

  SUBCASE("fragments, queries and empty links point at the same document")
  {
    CHECK(classify_link(from, "#progress").kind == LinkTarget::Kind::same_document);
    CHECK(classify_link(from, "#progress").fragment == "progress");
    CHECK(classify_link(from, "").kind == LinkTarget::Kind::same_document);
    CHECK(classify_link(from, "?x=1").kind == LinkTarget::Kind::same_document);
  }

  SUBCASE("URLs with a scheme and protocol-relative links are external")
  {
    for (const char* url : {"https://example.com/a.md", "mailto:ada@example.com", "HTTP://X", "ftp://x",
                            "//cdn.example.com/x.png", "vscode://file/x"}) {
      CHECK_MESSAGE(classify_link(from, url).kind == LinkTarget::Kind::external, url);
    }
  }

  SUBCASE("climbing above the root is outside the repository")
  {
    CHECK(classify_link(from, "../../../../secrets.md").kind == LinkTarget::Kind::outside);
    CHECK(classify_link("README.md", "../other-repo/README.md").kind == LinkTarget::Kind::outside);
  }

  SUBCASE("escaped dots and slashes fold like the characters they stand for (found by fuzz_registry)")
  {
    // Before the fix `%2e%2e` stayed a path part named `..`: a clean-looking path that climbed.
    CHECK(classify_link("docs/development/plans/x.md", "../a/./b/%2e%2e/c.md#Frag%20x").path ==
          "docs/development/a/c.md");
    CHECK(classify_link("PLANS.md", "%2e%2e/%2E%2E/etc/passwd").kind == LinkTarget::Kind::outside);
    CHECK(classify_link("docs/x.md", "a%2F..%2F..%2F..%2Fsecret.md").kind == LinkTarget::Kind::outside);
    CHECK(classify_link("docs/x.md", "a%2F..%2Fb.md").path == "docs/b.md");
    CHECK(classify_link("docs/x.md", "%2e/b.md").path == "docs/b.md");
  }
}

TEST_CASE("resolve_relative_link")
{
  CHECK(resolve_relative_link("PLANS.md", "docs/development/plans/a.md") == "docs/development/plans/a.md");
  CHECK(resolve_relative_link("docs/x/CHANGELOG.md", "../plans/a.md#top") == "docs/plans/a.md");
  CHECK(resolve_relative_link("docs/a.md", "/PLANS.md") == "PLANS.md");
  CHECK_FALSE(resolve_relative_link("PLANS.md", "https://example.com/a.md"));
  CHECK_FALSE(resolve_relative_link("PLANS.md", "#active-plans"));
  CHECK_FALSE(resolve_relative_link("PLANS.md", "../outside.md"));
}

TEST_CASE("link_fragment")
{
  CHECK(link_fragment("a.md#decision-log") == "decision-log");
  CHECK(link_fragment("#x%20y") == "x y");
  CHECK(link_fragment("a.md").empty());
}

TEST_CASE("relative_link")
{
  CHECK(relative_link("PLANS.md", "docs/development/plans/a.md") == "docs/development/plans/a.md");
  CHECK(relative_link("docs/development/plans/a.md", "docs/development/plans/b.md") == "b.md");
  CHECK(relative_link("docs/development/plans/a.md", "CHANGELOG.md") == "../../../CHANGELOG.md");
  CHECK(relative_link("docs/development/plans/a.md", "docs/development/roadmap.md") == "../roadmap.md");
  CHECK(relative_link("docs/development/plans/a.md", "docs/development/plans/archive/a.md") == "archive/a.md");
  // Round trip: the link resolves back to the path.
  CHECK(resolve_relative_link("docs/x/y.md", relative_link("docs/x/y.md", "src/z.md")) == "src/z.md");
}

TEST_CASE("entry_names")
{
  const std::string plan = "docs/development/plans/migrate-storage.md";
  RegistryEntry entry;
  SUBCASE("a link that resolves to the plan")
  {
    entry.target = "./docs/development/plans/migrate-storage.md#progress";
    CHECK(entry_names(entry, "PLANS.md", plan));
    CHECK_FALSE(entry_names(entry, "docs/PLANS.md", plan));
    entry.target = "plans/migrate-storage.md";
    CHECK(entry_names(entry, "docs/development/PLANS.md", plan));
  }
  SUBCASE("a code span with the file name, the repository path or the path from the registry")
  {
    entry.target_is_code_span = true;
    entry.target = "migrate-storage.md";
    CHECK(entry_names(entry, "PLANS.md", plan));
    CHECK_FALSE(entry_names(entry, "PLANS.md", "docs/development/plans/other.md"));
    entry.target = plan;
    CHECK(entry_names(entry, "docs/PLANS.md", plan));
    entry.target = "plans/migrate-storage.md";
    CHECK(entry_names(entry, "docs/development/PLANS.md", plan));
    CHECK_FALSE(entry_names(entry, "PLANS.md", plan));
  }
  SUBCASE("no target names nothing")
  {
    CHECK_FALSE(entry_names(entry, "PLANS.md", plan));
  }
}
