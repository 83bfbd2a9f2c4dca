#include "rules_fixture.hpp"

#include <cstdint>
#include <limits>

using namespace planck;
using namespace planck::test;

TEST_CASE("timestamps-monotonic")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "timestamps-monotonic");
  };

  SUBCASE("entries in order pass")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-30 09:00 UTC] same minute\n"
                                  "- [2025-10-30 10:00 UTC] b\n"));
    CHECK(run().empty());
  }

  SUBCASE("a timestamp that goes backwards is reported once, at the entry")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-29 09:00 UTC] b\n"
                                  "- [2025-10-30 10:00 UTC] c\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 22);
    CHECK(found[0].message.find("goes backwards") != std::string::npos);
    CHECK(found[0].message.find("line 21") != std::string::npos);
  }

  SUBCASE("an entry in the future beyond the tolerance is reported")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-30 13:30 UTC] too late\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("after the head commit") != std::string::npos);
  }

  SUBCASE("within the tolerance is fine, and the tolerance is an option")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-30 12:45 UTC] soon\n"));
    CHECK(run().empty());
    const auto strict = make_config("rules:\n  timestamps-monotonic:\n    future_tolerance_minutes: 10\n");
    CHECK(run(strict).size() == 1);
  }

  SUBCASE("a head commit dated at the end of the 64-bit range, or a huge tolerance, does not overflow (found by fuzz_rules)")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [9999-12-31 23:59 UTC] far future\n"));
    changes.mutable_range().head_committer_time = std::numeric_limits<std::int64_t>::max();
    CHECK(run().empty());
    changes.mutable_range().head_committer_time = *utc_epoch(2025, 10, 30, 12, 0);
    CHECK(run().size() == 1);
    CHECK(run(make_config("rules:\n  timestamps-monotonic:\n    future_tolerance_minutes: 9223372036854775807\n"))
            .empty());
  }

  SUBCASE("with --worktree the reference is the current time")
  {
    changes.mutable_range().worktree = true;
    changes.mutable_range().now = *utc_epoch(2025, 11, 5, 0, 0);
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-11-04 13:30 UTC] later today\n"));
    CHECK(run().empty());
  }

  SUBCASE("an entry added by the range may not be older than the newest entry at base")
  {
    const std::string before = plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-30 11:00 UTC] b\n");
    const std::string after =
      plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-30 10:00 UTC] backdated\n- [2025-10-30 11:00 UTC] b\n");
    changes.modify(k_plan_path, before, after);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 22);
    CHECK(found[0].message.find("older than the newest entry") != std::string::npos);
  }

  SUBCASE("a newest-first section runs the other way")
  {
    const auto config = make_config("plans:\n  logs:\n    - {name: Progress, newest_first: true}\n");
    changes.add(k_plan_path, plan("- [2025-10-30 11:00 UTC] newest\n- [2025-10-30 09:00 UTC] oldest\n"));
    CHECK(run(config).empty());
    FakeChangeSet wrong;
    wrong.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] oldest\n- [2025-10-30 11:00 UTC] newest\n"));
    const auto found = findings_of(check(wrong, config), "timestamps-monotonic");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("newest first") != std::string::npos);
  }

  SUBCASE("date-only entries compare by day when the pack accepts them")
  {
    const auto config = make_config("plans:\n  timestamps:\n    date_only: true\n");
    changes.add(k_plan_path, plan("- [2025-10-27 09:00 UTC] a\n- [2025-10-27] same day\n- [2025-10-28] next day\n"
                                  "- 2025-10-26: earlier day\n- [2025-10-29] later\n"));
    const auto found = run(config);
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 24);
  }
}

TEST_CASE("timestamps-monotonic leaves edits to log-append-only and reports a future entry once")
{
  using namespace planck;
  using namespace planck::test;
  FakeChangeSet changes;

  SUBCASE("an edited old entry is not an added, backdated one")
  {
    changes.modify(k_plan_path, plan("- [2025-10-30 09:00 UTC] First.\n- [2025-10-30 10:00 UTC] Second.\n"),
                   plan("- [2025-10-30 09:00 UTC] First, reworded.\n- [2025-10-30 10:00 UTC] Second.\n"));
    const auto found = check(changes, make_config());
    CHECK_MESSAGE(findings_of(found, "timestamps-monotonic").empty(), dump(found));
    CHECK(findings_of(found, "log-append-only").size() == 1);
  }

  SUBCASE("the entry after a future-dated one is compared with the one before it")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-12-30 09:00 UTC] typo in the month\n"
                                  "- [2025-10-30 10:00 UTC] c\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamps-monotonic");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 22);
  }
}
