#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

// The canonical plan with `text` appended as a last paragraph (line 55 and on).
std::string plan_with(const std::string& text)
{
  return plan() + "\n" + text;
}

constexpr int k_appended_line = 55;

const std::string k_roadmap = "docs/development/roadmap.md";

} // namespace

TEST_CASE("links-resolve")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "links-resolve");
  };

  SUBCASE("the appended paragraph is where the tests expect it")
  {
    changes.add(k_plan_path, plan_with("[x](nowhere.md)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == k_appended_line);
    CHECK(found[0].column == 1);
  }

  SUBCASE("links that resolve pass: files, folders, root-relative paths, same-folder and anchors")
  {
    changes.keep(k_roadmap, "# Roadmap\n\n## Phase 3: rollout\n");
    changes.keep("docs/assets/diagram.png", "");
    changes.keep("CHANGELOG.md", "# Changelog\n");
    changes.keep("docs/development/plans/other.md", "# Other\n");
    changes.add(k_plan_path, plan_with("See [roadmap](../roadmap.md#phase-3-rollout), [assets](../../assets/), "
                                       "![diagram](../../assets/diagram.png), [log](/CHANGELOG.md), "
                                       "[other](other.md), [progress](#progress), [self](migrate-storage.md#to-do), "
                                       "[top](#top) and [case](#PROGRESS).\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a path holding a {placeholder} is a template, not a link; a plain missing path still is")
  {
    changes.add(k_plan_path, plan_with("Write [the brief](tasks/prd-{name}.md) from [the template](tmpl/{{slug}}.md); "
                                       "see [gone](tasks/prd-cache.md).\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("'tasks/prd-cache.md'") != std::string::npos);
  }

  SUBCASE("a missing file, with the closest existing one suggested")
  {
    changes.keep("docs/development/plans/other-plan.md", "# Other\n");
    changes.add(k_plan_path, plan_with("See [other](other-plna.md) and [gone](../gone.md).\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].line == k_appended_line);
    CHECK(found[0].column == 5);
    CHECK(found[0].message ==
          "link target 'other-plna.md' (docs/development/plans/other-plna.md) does not exist at head (did you mean "
          "'other-plan.md'?)");
    CHECK(found[1].column == 32);
    CHECK(found[1].message == "link target '../gone.md' (docs/development/gone.md) does not exist at head");
  }

  SUBCASE("reference-style links and images are checked where they are written")
  {
    changes.add(k_plan_path, plan_with("Read [the spec][spec] and see ![chart](chart.png).\n\n[spec]: spec.md\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].column == 6);
    CHECK(found[0].message.find("link target 'spec.md'") == 0);
    CHECK(found[1].column == 31);
    CHECK(found[1].message.find("image target 'chart.png'") == 0);
  }

  SUBCASE("a missing anchor, in another document and in the same one")
  {
    changes.keep(k_roadmap, "# Roadmap\n\n## Decision log\n");
    changes.add(k_plan_path, plan_with("See [roadmap](../roadmap.md#decison-log) and [here](#progres).\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message ==
          "link '../roadmap.md#decison-log': no heading in 'docs/development/roadmap.md' has the anchor "
          "'#decison-log' (did you mean '#decision-log'?)");
    CHECK(found[1].message ==
          "link '#progres': no heading in this document has the anchor '#progres' (did you mean '#progress'?)");
  }

  SUBCASE("a heading in fenced code or an HTML block is no anchor, though its line looks like one")
  {
    changes.keep(k_roadmap, "# Roadmap\n\n## Now\n\n```\n## Hidden\n```\n\n<div>\n## In html\n</div>\n\n## Later\n");
    changes.add(k_plan_path, plan_with("[a](../roadmap.md#now), [b](../roadmap.md#hidden), [c](../roadmap.md#later), "
                                       "[d](../roadmap.md#in-html)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message.find("link '../roadmap.md#hidden': no heading") == 0);
    CHECK(found[1].message.find("link '../roadmap.md#in-html': no heading") == 0);
  }

  SUBCASE("repeated headings get -1, -2 anchors")
  {
    changes.keep(k_roadmap, "# Roadmap\n\n## Notes\n\n## Notes\n");
    changes.add(k_plan_path,
                plan_with("[a](../roadmap.md#notes), [b](../roadmap.md#notes-1), [c](../roadmap.md#notes-2)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("'#notes-2'") != std::string::npos);
  }

  SUBCASE("HTML anchors, line anchors and fragments into non-Markdown files are accepted")
  {
    changes.keep(k_roadmap, "# Roadmap\n\n<a id=\"phase-9\"></a>\nText.\n");
    changes.keep("src/main.cpp", "int main() {}\n");
    changes.add(k_plan_path,
                plan_with("[a](../roadmap.md#phase-9), [b](../roadmap.md#L3), [c](../../../src/main.cpp#L1-L2), "
                          "[d](../../../src/main.cpp#anything), [e](../../../src#readme)\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("links in code are examples")
  {
    changes.add(k_plan_path, plan_with("Write `[x](missing.md)`.\n\n```markdown\n[y](missing.md#nope)\n```\n\n"
                                       "    [z](missing.md)\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("external links are never checked")
  {
    changes.add(k_plan_path, plan_with("[a](https://example.com/missing.md#x), [b](mailto:ada@example.com), "
                                       "[c](//cdn.example.com/x.png), <https://example.org>, www.example.net\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a link that climbs out of the repository")
  {
    changes.add(k_plan_path, plan_with("[secret](../../../../etc/passwd)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message ==
          "link '../../../../etc/passwd' points outside the repository; link within the repository or use a full "
          "URL");
  }

  SUBCASE("a renamed plan breaks the link in an unchanged CHANGELOG, reported there with the new path")
  {
    const std::string moved = "docs/development/plans/storage-migration.md";
    changes.rename(k_plan_path, moved, plan(), plan());
    changes.keep("CHANGELOG.md",
                 "# Changelog\n\n- Storage: see [the plan](docs/development/plans/migrate-storage.md#progress).\n"
                 "- Old: [broken long ago](docs/missing.md).\n");
    auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "CHANGELOG.md");
    CHECK(found[0].line == 3);
    CHECK(found[0].column == 16);
    CHECK(found[0].message ==
          "link target 'docs/development/plans/migrate-storage.md' does not exist at head: this range moved it to "
          "'docs/development/plans/storage-migration.md'; update the link to "
          "'docs/development/plans/storage-migration.md#progress'");

    changes.mutable_range().all = true;
    found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[1].message.find("'docs/missing.md' does not exist at head") != std::string::npos);
  }

  SUBCASE("a deleted file breaks links in an unchanged plan")
  {
    changes.remove("docs/development/notes.md", "# Notes\n");
    changes.keep(k_plan_path, plan_with("[notes](../notes.md)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_plan_path);
    CHECK(found[0].message ==
          "link target '../notes.md' (docs/development/notes.md) does not exist at head: this range "
          "deleted it");
  }

  SUBCASE("a folder the range emptied breaks links to it")
  {
    changes.rename("docs/development/assets/a.png", "docs/assets/a.png", "", "");
    changes.keep(k_plan_path, plan_with("[assets](../assets/), [kept](../../assets/)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message == "link target '../assets/' (docs/development/assets) does not exist at head: this range "
                              "moved or deleted everything in it");
  }

  SUBCASE("a heading renamed by the range breaks anchors in unchanged documents")
  {
    changes.modify(k_roadmap, "# Roadmap\n\n## Phase 3\n\n## Phase 4\n",
                   "# Roadmap\n\n## Phase 3: rollout\n\n## Phase 4\n");
    changes.keep(k_plan_path,
                 plan_with("[p3](../roadmap.md#phase-3), [p4](../roadmap.md#phase-4), [x](../roadmap.md#gone)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_plan_path);
    CHECK(found[0].message ==
          "link '../roadmap.md#phase-3': no heading in 'docs/development/roadmap.md' has the anchor '#phase-3' any "
          "more (this range changed that heading) (did you mean '#phase-3-rollout'?)");
  }

  SUBCASE("unchanged documents are screened on their text, but every spelling of a broken link is found")
  {
    // planck reads an unchanged document's text first and parses it only when it could hold a link
    // this range broke; a name spelled with escapes, entities or a trailing `/..` must still count.
    // One spelling per plan, so that no plan is parsed for another's sake.
    changes.remove("docs/development/my_notes.md", "# Notes\n");
    changes.rename("docs/development/old/a.md", "docs/development/new/a.md", "# A\n", "# A\n");
    const std::vector<std::string> links = {"[plain](../my_notes.md)", "[escaped](../my\\_notes.md)",
                                            "[encoded](../my%5Fnotes.md)", "[entity](../my&#95;notes.md)",
                                            "[up](../old/a.md/..)", "[angle](<../my_notes.md>)"};
    for (std::size_t i = 0; i < links.size(); ++i) {
      changes.keep("docs/development/plans/p" + std::to_string(i) + ".md", plan_with(links[i] + "\n"));
    }
    changes.keep("docs/development/plans/prose.md",
                 plan_with("Prose that names my_notes.md and old/ without linking them.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == links.size(), dump(found));
    for (std::size_t i = 0; i < links.size(); ++i) {
      CHECK(found[i].path == "docs/development/plans/p" + std::to_string(i) + ".md");
    }
    CHECK(found[4].message.find("(docs/development/old) does not exist at head") != std::string::npos);
  }

  SUBCASE("a fragment after a query, into a heading the range renamed, is found in an unchanged document")
  {
    changes.modify(k_roadmap, "# Roadmap\n\n## Phase 3\n", "# Roadmap\n\n## Phase 3: rollout\n");
    changes.keep(k_plan_path, plan_with("[p3](../roadmap.md?plain=1#phase-3)\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("any more (this range changed that heading)") != std::string::npos);
  }

  SUBCASE("an unchanged document linking into a modified file that lost no heading is left alone")
  {
    changes.modify(k_roadmap, "# Roadmap\n\n## Phase 3\n", "# Roadmap\n\n## Phase 3\n\nMore.\n");
    changes.keep(k_plan_path, plan_with("[p3](../roadmap.md#phase-3), [old](../roadmap.md#never-there)\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("unchanged documents outside plans, registry and cross-links are not read")
  {
    changes.rename(k_plan_path, "docs/development/plans/storage-migration.md", plan(), plan());
    changes.keep("docs/guide.md", "[plan](development/plans/migrate-storage.md)\n");
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("an inline suppression silences one link")
  {
    changes.add(k_plan_path, plan_with("<!-- planck-disable-next-line links-resolve -->\n[draft](draft.md)\n\n"
                                       "[other](other.md)\n"));
    const auto all = check(changes, make_config());
    const auto found = findings_of(all, "links-resolve");
    REQUIRE_MESSAGE(found.size() == 1, dump(all));
    CHECK(found[0].message.find("'other.md'") != std::string::npos);
    CHECK_MESSAGE(findings_of(all, "unused-suppression").empty(), dump(all));
  }

  SUBCASE("options: ignore_targets and check_fragments")
  {
    changes.keep(k_roadmap, "# Roadmap\n");
    changes.add(k_plan_path, plan_with("[site](../../../site/index.html), [r](../roadmap.md#nope)\n"));
    CHECK(dump(run()) ==
          "docs/development/plans/migrate-storage.md:55:1: link target '../../../site/index.html' (site/index.html) "
          "does not exist at head [links-resolve]\n"
          "docs/development/plans/migrate-storage.md:55:35: link '../roadmap.md#nope': no heading in "
          "'docs/development/roadmap.md' has the anchor '#nope' [links-resolve]\n");
    const auto found = run(make_config("rules:\n  links-resolve:\n    ignore_targets: ['site/**']\n"
                                       "    check_fragments: false\n"));
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a bad ignore_targets glob is a config error at its place")
  {
    const auto config =
      load_config_text("rules:\n  links-resolve:\n    ignore_targets: ['[oops']\n", "planck.yaml", rule_infos());
    REQUIRE_FALSE(config.has_value());
    CHECK(config.error() == "planck.yaml:3:22: bad glob '[oops': unclosed '['");
  }

  SUBCASE("the registry and cross-link documents are checked when they change")
  {
    changes.modify("PLANS.md", "# Plans\n", "# Plans\n\nSee [the guide](docs/guide.md).\n");
    changes.modify("CHANGELOG.md", "# Changelog\n", "# Changelog\n\n[x](nothing.md)\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].path == "CHANGELOG.md");
    CHECK(found[1].path == "PLANS.md");
  }
}
