#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

TEST_CASE("log-append-only")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "log-append-only");
  };
  const std::string two = "- [2025-10-30 09:00 UTC] First entry.\n- [2025-10-30 10:00 UTC] Second entry.\n";

  SUBCASE("appending passes")
  {
    changes.modify(k_plan_path, plan(two), plan(two + "- [2025-10-30 11:00 UTC] Third entry.\n"));
    CHECK(run().empty());
  }

  SUBCASE("whitespace changes are not edits")
  {
    changes.modify(k_plan_path, plan(two),
                   plan("- [2025-10-30 09:00 UTC]   First\n  entry.\n- [2025-10-30 10:00 UTC] Second entry.\n"));
    CHECK(run().empty());
  }

  SUBCASE("an edited entry is reported at its new place, quoting the base text")
  {
    changes.modify(k_plan_path, plan(two),
                   plan("- [2025-10-30 09:00 UTC] First entry, rewritten.\n- [2025-10-30 10:00 UTC] Second entry.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 21);
    CHECK(found[0].message.find("edited") != std::string::npos);
    CHECK(found[0].message.find("\"[2025-10-30 09:00 UTC] First entry.\"") != std::string::npos);
  }

  SUBCASE("a removed entry is reported, quoting it")
  {
    changes.modify(k_plan_path, plan(two), plan("- [2025-10-30 10:00 UTC] Second entry.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("removed") != std::string::npos);
    CHECK(found[0].message.find("First entry.") != std::string::npos);
  }

  SUBCASE("reordered entries are reported")
  {
    changes.modify(k_plan_path, plan(two),
                   plan("- [2025-10-30 10:00 UTC] Second entry.\n- [2025-10-30 09:00 UTC] First entry.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("moved") != std::string::npos);
  }

  SUBCASE("ticking a checkbox is not an edit")
  {
    const std::string before = "- [ ] [2025-10-30 09:00 UTC] Ship it.\n";
    const std::string after = "- [x] [2025-10-30 09:00 UTC] Ship it.\n";
    changes.modify(k_plan_path, plan(before), plan(after));
    CHECK(run().empty());
  }

  SUBCASE("stamping a cookbook step as it is ticked is not an edit")
  {
    const std::string path = "docs/execplans/cache.md";
    changes.modify(path, "# Cache\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) One.\n- [ ] Two.\n",
                   "# Cache\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) One.\n- [x] (2025-10-02 09:00Z) Two.\n");
    CHECK(findings_of(check(changes, make_config("extends: execplan\n")), "log-append-only").empty());
  }

  SUBCASE("pending cookbook steps may be split, reworded or dropped; stamped ones may not")
  {
    const std::string path = "docs/execplans/cache.md";
    changes.modify(path,
                   "# Cache\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) One.\n"
                   "- [ ] Port the storage layer and the catalog.\n- [ ] Drop the old cache.\n",
                   "# Cache\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) One.\n"
                   "- [x] (2025-10-02 09:00Z) Port the storage layer (completed: storage).\n"
                   "- [ ] Port the catalog (remaining).\n");
    CHECK(findings_of(check(changes, make_config("extends: execplan\n")), "log-append-only").empty());
    FakeChangeSet rewritten;
    rewritten.modify(path, "# Cache\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) One.\n",
                     "# Cache\n\n## Progress\n\n- [x] (2025-10-01 13:00Z) One, reworded.\n");
    CHECK(findings_of(check(rewritten, make_config("extends: execplan\n")), "log-append-only").size() == 1);
  }

  SUBCASE("a deleted log section is reported for every entry it held")
  {
    std::string after = plan();
    const auto start = after.find("## Decision Log");
    const auto end = after.find("## Surprises");
    after.erase(start, end - start);
    changes.modify(k_plan_path, plan(), after);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("Decision Log section was removed") != std::string::npos);
  }

  SUBCASE("every log section is append-only, not only Progress")
  {
    changes.modify(k_plan_path, plan(two, "- [2025-10-30 09:05 UTC] Use Postgres.\n"),
                   plan(two, "- [2025-10-30 09:05 UTC] Use SQLite.\n"));
    const auto found = run();
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.rfind("Decision Log", 0) == 0);
  }

  SUBCASE("other sections may be edited freely")
  {
    std::string after = plan();
    after.replace(after.find("Move to Postgres."), 17, "Move to Postgres 16.");
    changes.modify(k_plan_path, plan(), after);
    CHECK(run().empty());
  }

  SUBCASE("an added plan has no history to rewrite")
  {
    changes.add(k_plan_path, plan(two));
    CHECK(run().empty());
  }
}
