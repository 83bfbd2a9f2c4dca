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

  SUBCASE("keys and statuses are options")
  {
    changes.add(k_plan_path, with_front_matter("title: T\nslug: migrate-storage\nstatus: wip\n"));
    const auto config = make_config("rules:\n  front-matter:\n    keys: [title]\n    statuses: [wip]\n");
    CHECK(run(config).empty());
  }
}
