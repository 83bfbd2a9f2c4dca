#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

std::string with_front_matter(const std::string& yaml)
{
  return plan("- [2025-10-30 09:00 UTC] Started.\n", "- [2025-10-30 09:05 UTC] Chose.\n",
              "- [2025-10-30 09:10 UTC] Nothing.\n", "---\n" + yaml + "---\n");
}

const std::string k_good = "title: Migrate storage\nslug: migrate-storage\nstatus: in-progress\nlast_synced: 2025-10-30\n";

} // namespace

TEST_CASE("front-matter")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "front-matter");
  };

  SUBCASE("complete front matter passes")
  {
    changes.add(k_plan_path, with_front_matter(k_good));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("no front matter passes unless required")
  {
    changes.add(k_plan_path, plan());
    CHECK(run().empty());
    const auto found = run(make_config("rules:\n  front-matter:\n    required: true\n"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].line == 1);
  }

  SUBCASE("a missing key is reported")
  {
    changes.add(k_plan_path, with_front_matter("title: Migrate storage\nslug: migrate-storage\nstatus: in-progress\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message == "front matter lacks required key 'last_synced'");
  }

  SUBCASE("a slug that is not the file name is reported at its line")
  {
    changes.add(k_plan_path, with_front_matter("title: T\nslug: storage\nstatus: in-progress\nlast_synced: 2025-10-30\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 3);
    CHECK(found[0].message.find("'migrate-storage'") != std::string::npos);
  }

  SUBCASE("an unknown status is reported with a suggestion")
  {
    changes.add(k_plan_path,
                with_front_matter("title: T\nslug: migrate-storage\nstatus: in-progres\nlast_synced: 2025-10-30\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 4);
    CHECK(found[0].message.find("did you mean 'in-progress'?") != std::string::npos);
  }

  SUBCASE("last_synced must be a real date")
  {
    changes.add(k_plan_path,
                with_front_matter("title: T\nslug: migrate-storage\nstatus: paused\nlast_synced: 2025-02-30\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 5);
  }

  SUBCASE("broken YAML is reported at its line")
  {
    changes.add(k_plan_path, with_front_matter("title: T\nslug: [unclosed\nstatus: paused\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("not valid YAML") != std::string::npos);
    CHECK(found[0].message.find("not valid YAML: front matter is not valid YAML") == std::string::npos);
    CHECK(found[0].line >= 3);
  }

  SUBCASE("front matter that is not a mapping is reported")
  {
    changes.add(k_plan_path, with_front_matter("- just\n- a list\n"));
    const auto found = run();
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("mapping") != std::string::npos);
  }

  SUBCASE("the slug option: equal to the file name, a prefix of it, or anything")
  {
    const std::string path = "docs/development/plans/2026-02-16-storage-plan.md";
    changes.add(path, with_front_matter("title: T\nslug: 2026-02-16-storage\nstatus: in-progress\nlast_synced: 2025-10-30\n"));
    const auto equal = run();
    REQUIRE_MESSAGE(equal.size() == 1, dump(equal));
    CHECK(equal[0].message.find("must be equal") != std::string::npos);
    CHECK(run(make_config("rules:\n  front-matter:\n    slug: file-name-prefix\n")).empty());
    CHECK(run(make_config("rules:\n  front-matter:\n    slug: any\n")).empty());
  }

  SUBCASE("a prefix slug must end at a word boundary of the file name")
  {
    changes.add("docs/development/plans/2026-02-16-storage-plan.md",
                with_front_matter("title: T\nslug: 2026-02-16-stor\nstatus: in-progress\nlast_synced: 2025-10-30\n"));
    const auto found = run(make_config("rules:\n  front-matter:\n    slug: file-name-prefix\n"));
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message ==
          "slug '2026-02-16-stor' does not start the file name '2026-02-16-storage-plan'; the file name must begin "
          "with it");
  }

  SUBCASE("a slug rule that is not one of the three is a config error naming the choices")
  {
    const auto config = load_config_text("rules:\n  front-matter:\n    slug: filename\n", "planck.yaml", rule_infos());
    REQUIRE_FALSE(config.has_value());
    CHECK(config.error() ==
          "planck.yaml:3:11: 'slug' must be file-name, file-name-prefix or any, not 'filename' (did you mean "
          "'file-name'?)");
  }

  SUBCASE("the cookbook pack takes the repository's own front matter: its keys, statuses and slug prefix")
  {
    const std::string path = "docs/execplans/2026-02-16-storage-plan.md";
    const std::string text = "---\nslug: 2026-02-16-storage\nstatus: intake-complete\nowner: ada\n---\n# Storage\n";
    changes.add(path, text);
    const auto config = make_config("extends: execplan\n");
    CHECK(run(config).empty());
    FakeChangeSet wrong;
    wrong.add(path, "---\nslug: other-plan\nstatus: active\n---\n# Storage\n");
    const auto found = findings_of(check(wrong, config), "front-matter");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("does not start the file name") != std::string::npos);
  }

  SUBCASE("keys and statuses are options")
  {
    changes.add(k_plan_path, with_front_matter("title: T\nslug: migrate-storage\nstatus: wip\n"));
    const auto config = make_config("rules:\n  front-matter:\n    keys: [title]\n    statuses: [wip]\n");
    CHECK(run(config).empty());
  }
}
