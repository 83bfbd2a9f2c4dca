#include "planck/authoring/plan_template.hpp"
#include "planck/authoring/registry_edit.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/util/timestamp.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

const std::int64_t k_now = *utc_epoch(2025, 10, 30, 12, 0, 0);

} // namespace

TEST_CASE("make_slug")
{
  SUBCASE("kebab-case from the title's ASCII letters and digits")
  {
    CHECK(make_slug("Migrate storage to Postgres") == "migrate-storage-to-postgres");
    CHECK(make_slug("  SQLite → Postgres (phase 2)!  ") == "sqlite-postgres-phase-2");
    CHECK(make_slug("v1.2 -- release/notes") == "v1-2-release-notes");
    // Accented letters keep their letter, by transliteration, not deletion.
    CHECK(make_slug("Ünïcödé") == "unicode");
    CHECK(make_slug("Café: façade – v2!") == "cafe-facade-v2");
    CHECK(make_slug("Straße nach Łódź") == "strasse-nach-lodz");
    CHECK(make_slug("Ελλάδα") == "");   // no Latin letters to keep: new asks for --slug
  }

  SUBCASE("nothing usable gives an empty slug")
  {
    CHECK(make_slug("日本語").empty());
    CHECK(make_slug("--- !!").empty());
  }

  SUBCASE("long titles are cut at a word boundary, at most 64 bytes")
  {
    const std::string slug = make_slug(std::string(40, 'a') + " " + std::string(40, 'b'));
    CHECK(slug == std::string(40, 'a'));
    CHECK(make_slug(std::string(100, 'x')).size() == 64);
  }

  SUBCASE("is_slug accepts kebab-case only")
  {
    CHECK(is_slug("migrate-storage-2"));
    for (const std::string bad : {"", "-a", "a-", "a--b", "A", "a_b", "a b", "a.md"}) {
      CHECK_FALSE(is_slug(bad));
    }
  }
}

TEST_CASE("yaml_scalar")
{
  SUBCASE("every title reads back as the same string")
  {
    for (const std::string title : {"Migrate storage", "Fix: the thing", "#1 priority", "yes", "2025-10-30", "12",
                                    "\"quoted\"", "back\\slash", "- dash", "[x] y", "a: b # c", "null", "~", "Ünï"}) {
      const std::string yaml = "title: " + yaml_scalar(title) + "\n";
      const YAML::Node node = YAML::Load(yaml);
      CHECK_MESSAGE(node["title"].Scalar() == title, yaml);
    }
  }

  SUBCASE("plain words stay plain; values that a YAML reader would type are quoted")
  {
    CHECK(yaml_scalar("Migrate storage") == "Migrate storage");
    CHECK(yaml_scalar("yes") == "\"yes\"");
    CHECK(yaml_scalar("2025") == "\"2025\"");
  }
}

TEST_CASE("render_plan")
{
  SUBCASE("a new plan and its registry entry pass every rule of the default pack")
  {
    const Config config = make_config();
    const auto path = new_plan_path(config, "migrate-storage");
    REQUIRE(path);
    CHECK(*path == "docs/development/plans/migrate-storage.md");
    const std::string text = render_plan(config, {"Migrate storage: phase 1", "migrate-storage", "in-progress", k_now});
    CHECK(text.find("- [2025-10-30 12:00 UTC] Plan created.\n") != std::string::npos);
    CHECK(text.find("last_synced: 2025-10-30\n") != std::string::npos);
    const std::string entry =
        format_registry_entry({"2025-10-30", "Migrate storage: phase 1", "migrate-storage",
                               "docs/development/plans/migrate-storage.md", "@ada", "in-progress"});
    const auto registry = add_active_entry(render_registry(plans_folder(config), k_now), "PLANS.md", entry, k_now);
    REQUIRE(registry.has_value());

    FakeChangeSet changes;
    changes.mutable_range().now = k_now;
    changes.mutable_range().head_committer_time = k_now;
    changes.add(*path, text);
    changes.add("PLANS.md", *registry);
    const auto found = check(changes, config);
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a title with Markdown in it is written as plain text: no link, no emphasis, every rule passes")
  {
    const Config config = make_config();
    const std::string title = "Fix [x](http://evil) *now* <b>_a_</b> `c` & www.evil.com, issue #";
    const std::string text = render_plan(config, {title, "fix-x", "in-progress", k_now});
    const Document plan = parse_document("docs/development/plans/fix-x.md", text);
    CHECK(plan.title == title);
    CHECK(plan.links.empty());
    CHECK(text.find("title: " + title) == std::string::npos);   // quoted as YAML, not as Markdown
    const auto registry =
        add_active_entry(render_registry(plans_folder(config), k_now), "PLANS.md",
                         format_registry_entry({"2025-10-30", title, "fix-x", "docs/development/plans/fix-x.md",
                                                "@ada", "in-progress"}),
                         k_now);
    REQUIRE(registry.has_value());
    const Document document = parse_document("PLANS.md", *registry);
    const auto entries = parse_registry(document).entries;
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].problems.empty());
    CHECK(entries[0].target == "docs/development/plans/fix-x.md");
    REQUIRE(document.links.size() == 1);
    CHECK(document.links[0].destination == "docs/development/plans/fix-x.md");

    FakeChangeSet changes;
    changes.mutable_range().now = k_now;
    changes.mutable_range().head_committer_time = k_now;
    changes.add("docs/development/plans/fix-x.md", text);
    changes.add("PLANS.md", *registry);
    const auto found = check(changes, config);
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("the sections are the pack's, in its order; the execplan pack's Progress is a checklist")
  {
    const Config config = make_config("extends: execplan\n");
    const std::string text = render_plan(config, {"Cookbook plan", "cookbook-plan", "in-progress", k_now});
    std::size_t at = 0;
    for (const auto& section : config.sections) {
      const auto found = text.find("\n## " + section + "\n", at);
      REQUIRE_MESSAGE(found != std::string::npos, section);
      at = found + 1;
    }
    CHECK(text.find("- [x] (2025-10-30 12:00Z) Plan created.\n") != std::string::npos);
    const auto path = new_plan_path(config, "cookbook-plan");
    REQUIRE(path);
    CHECK(*path == "docs/execplans/cookbook-plan.md");

    FakeChangeSet changes;
    changes.mutable_range().now = k_now;
    changes.mutable_range().head_committer_time = k_now;
    changes.add(*path, text);
    changes.add("PLANS.md", *add_active_entry(render_registry("docs/execplans", k_now), "PLANS.md",
                                              format_registry_entry({"2025-10-30", "Cookbook plan", "cookbook-plan",
                                                                     *path, "unassigned", "in-progress"}),
                                              k_now));
    const auto found = check(changes, config);
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("lines end as asked")
  {
    const std::string text = render_plan(make_config(), {"T", "t", "in-progress", k_now}, "\r\n");
    CHECK(text.find("\r\n## Progress\r\n") != std::string::npos);
    CHECK(text.find('\n') == text.find("\r\n") + 1);
  }

  SUBCASE("no plans.paths glob that fits gives no path")
  {
    CHECK_FALSE(new_plan_path(make_config("plans:\n  paths: ['plans/*.plan.md']\n"), "x"));
  }
}

TEST_CASE("is_placeholder_line")
{
  for (const std::string line : {"_None yet._", "None.", "*Nothing yet*", "  _None. Add entries below._", "TBD"}) {
    CHECK_MESSAGE(is_placeholder_line(line), line);
  }
  for (const std::string line : {"Nonetheless it works.", "", "- [2025-10-30] x", "Notes"}) {
    CHECK_FALSE_MESSAGE(is_placeholder_line(line), line);
  }
}
