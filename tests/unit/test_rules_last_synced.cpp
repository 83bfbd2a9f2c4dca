#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

std::string synced(const std::string& date, const std::string& progress = "- [2025-10-30 09:00 UTC] Started.\n")
{
  return plan(progress, "- [2025-10-30 09:05 UTC] Chose.\n", "- [2025-10-30 09:10 UTC] Nothing.\n",
              "---\ntitle: T\nslug: migrate-storage\nstatus: in-progress\nlast_synced: " + date + "\n---\n");
}

} // namespace

TEST_CASE("last-synced")
{
  FakeChangeSet changes;
  const auto run = [&]() { return findings_of(check(changes, make_config()), "last-synced"); };
  changes.change_times()[k_plan_path] = *utc_epoch(2025, 10, 30, 11, 0);

  SUBCASE("moved forward to the change's date passes")
  {
    changes.modify(k_plan_path, synced("2025-10-01"), synced("2025-10-30", "- [2025-10-30 10:00 UTC] More.\n"));
    CHECK(run().empty());
  }

  SUBCASE("left behind is a warning at the key's line")
  {
    changes.modify(k_plan_path, synced("2025-10-01"), synced("2025-10-01", "- [2025-10-30 10:00 UTC] More.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::warning);
    CHECK(found[0].line == 5);
    CHECK(found[0].message.find("move it forward to at least 2025-10-30") != std::string::npos);
  }

  SUBCASE("going backwards is reported")
  {
    changes.modify(k_plan_path, synced("2025-10-30"), synced("2025-10-20"));
    const auto found = run();
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("went backwards") != std::string::npos);
  }

  SUBCASE("a change of mode alone (chmod +x) is no change of the document")
  {
    changes.modify(k_plan_path, synced("2025-10-01"), synced("2025-10-01"));
    changes.mutable_changes().back().additions = 0;
    changes.mutable_changes().back().deletions = 0;
    changes.mutable_changes().back().mode_only = true;
    CHECK(run().empty());
  }

  SUBCASE("a document the range did not change is not checked")
  {
    changes.keep(k_plan_path, synced("2025-01-01"));
    changes.add("docs/development/plans/other.md", plan());
    CHECK(run().empty());
  }

  SUBCASE("cross-link documents are checked too")
  {
    changes.change_times()["CHANGELOG.md"] = *utc_epoch(2025, 10, 30, 11, 0);
    changes.modify("CHANGELOG.md", "---\nlast_synced: 2025-10-01\n---\n# Changelog\n",
                   "---\nlast_synced: 2025-10-01\n---\n# Changelog\n\n- Added things.\n");
    const auto found = run();
    REQUIRE(found.size() == 1);
    CHECK(found[0].path == "CHANGELOG.md");
  }
}
