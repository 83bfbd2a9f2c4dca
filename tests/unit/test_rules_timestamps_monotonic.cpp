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

  SUBCASE("two times in the same minute are told apart by their seconds")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:37:53 UTC] a\n- [2025-10-30 09:37:33 UTC] b\n"
                                  "- [2025-10-30 10:00 UTC] c\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 22);
    CHECK(found[0].message == "Progress entry at 2025-10-30 09:37:33 UTC goes backwards: the entry before it "
                              "(line 21) is at 2025-10-30 09:37:53 UTC");
  }

  SUBCASE("an entry in the future beyond the tolerance is reported")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-30 13:30 UTC] too late\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("after the head commit") != std::string::npos);
  }

  SUBCASE("a date alone is in the future only once that day has begun nowhere yet")
  {
    // The head commit is at 2025-10-30 12:00 UTC: it is already the 31st east of UTC+12.
    const auto config = make_config("plans:\n  timestamps:\n    date_only: true\n");
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-31] tomorrow in UTC, today in Auckland\n"));
    CHECK_MESSAGE(run(config).empty(), dump(run(config)));
    FakeChangeSet later;
    later.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-11-01] a day that began nowhere\n"));
    const auto found = findings_of(check(later, config), "timestamps-monotonic");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("Progress entry is dated 2025-11-01, after the head commit") == 0);
  }

  SUBCASE("within the tolerance is fine, and the tolerance is an option")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [2025-10-30 12:45 UTC] soon\n"));
    CHECK(run().empty());
    const auto strict = make_config("rules:\n  timestamps-monotonic:\n    future_tolerance_minutes: 10\n");
    CHECK(dump(run(strict)) ==
          "docs/development/plans/migrate-storage.md:22:3: Progress entry is dated 2025-10-30 12:45 UTC, after the "
          "head commit (2025-10-30 12:00 UTC) by more than 10 min [timestamps-monotonic]\n");
  }

  SUBCASE("a head commit dated at the end of the 64-bit range, or a huge tolerance, does not overflow (found by fuzz_rules)")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- [9999-12-31 23:59 UTC] far future\n"));
    changes.mutable_range().head_committer_time = std::numeric_limits<std::int64_t>::max();
    CHECK(run().empty());
    changes.mutable_range().head_committer_time = *utc_epoch(2025, 10, 30, 12, 0);
    CHECK(dump(run()) ==
          "docs/development/plans/migrate-storage.md:22:3: Progress entry is dated 9999-12-31 23:59 UTC, after the "
          "head commit (2025-10-30 12:00 UTC) by more than 60 min [timestamps-monotonic]\n");
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
    CHECK(dump(findings_of(found, "log-append-only")) ==
          "docs/development/plans/migrate-storage.md:21:3: Progress entry was edited; logs are append-only. At base it "
          "read: \"[2025-10-30 09:00 UTC] First.\"; now: \"[2025-10-30 09:00 UTC] First, reworded.\" "
          "[log-append-only]\n");
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

TEST_CASE("timestamps-monotonic keeps each log section in its own order")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "timestamps-monotonic");
  };
  const std::string oldest_first = "- [2025-10-30 08:00 UTC] Read the old parser.\n"
                                   "- [2025-10-30 09:00 UTC] Wrote the reader.\n"
                                   "- [2025-10-30 10:00 UTC] Ran the suite.\n";
  const std::string newest_first = "- [2025-10-30 10:30 UTC] Dropped the flag.\n"
                                   "- [2025-10-30 09:30 UTC] Kept the reader.\n"
                                   "- [2025-10-30 08:30 UTC] Chose ISO times.\n";

  SUBCASE("Progress oldest first and Decision Log newest first, in one plan, pass")
  {
    changes.add(k_plan_path, plan(oldest_first, newest_first));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("each keeps its order as the range appends to it")
  {
    changes.modify(k_plan_path, plan(oldest_first, newest_first),
                   plan(oldest_first + "- [2025-10-30 11:00 UTC] Merged.\n",
                        "- [2025-10-30 11:00 UTC] Kept the flag after all.\n" + newest_first));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("an inversion in each section is reported, against the order that section keeps")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 08:00 UTC] Read the old parser.\n"
                                  "- [2025-10-30 09:00 UTC] Wrote the reader.\n"
                                  "- [2025-10-30 08:45 UTC] Out of place.\n"
                                  "- [2025-10-30 10:00 UTC] Ran the suite.\n",
                                  "- [2025-10-30 10:30 UTC] Dropped the flag.\n"
                                  "- [2025-10-30 09:30 UTC] Kept the reader.\n"
                                  "- [2025-10-30 09:45 UTC] Out of place.\n"
                                  "- [2025-10-30 08:30 UTC] Chose ISO times.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].line == 23);
    CHECK(found[0].message.find("Progress entry at 2025-10-30 08:45 UTC goes backwards: the entry before it "
                                "(line 22) is at 2025-10-30 09:00 UTC")
          == 0);
    CHECK(found[0].message.find("newest first") == std::string::npos);
    CHECK(found[1].line == 30);
    CHECK(found[1].message.find("Decision Log entry at 2025-10-30 09:45 UTC goes backwards") == 0);
    CHECK(found[1].message.find("kept newest first") != std::string::npos);
  }

  SUBCASE("order: newest-first and order: oldest-first override what the entries show")
  {
    changes.add(k_plan_path, plan(oldest_first, newest_first));
    const auto flipped = run(make_config("plans:\n  logs:\n"
                                         "    - {name: Progress, order: newest-first}\n"
                                         "    - {name: Decision Log, order: oldest-first}\n"
                                         "    - {name: Surprises & Discoveries}\n"));
    REQUIRE_MESSAGE(flipped.size() == 4, dump(flipped));
    CHECK(flipped[0].message.find("Progress entry at 2025-10-30 09:00 UTC goes backwards") == 0);
    CHECK(flipped[0].message.find("kept newest first") != std::string::npos);
    CHECK(flipped[2].message.find("Decision Log entry at 2025-10-30 09:30 UTC goes backwards") == 0);
    const auto as_shown = run(make_config("plans:\n  logs:\n"
                                          "    - {name: Progress, order: oldest-first}\n"
                                          "    - {name: Decision Log, order: newest-first}\n"
                                          "    - {name: Surprises & Discoveries, order: auto}\n"));
    CHECK_MESSAGE(as_shown.empty(), dump(as_shown));
  }

  SUBCASE("the older newest_first spelling still fixes the order")
  {
    changes.add(k_plan_path, plan(oldest_first, newest_first));
    const auto legacy = run(make_config("plans:\n  logs:\n"
                                        "    - {name: Progress, newest_first: true}\n"
                                        "    - {name: Decision Log, newest_first: false}\n"
                                        "    - {name: Surprises & Discoveries}\n"));
    REQUIRE_MESSAGE(legacy.size() == 4, dump(legacy));
    CHECK(legacy[0].message.find("Progress entry") == 0);
    CHECK(legacy[2].message.find("Decision Log entry") == 0);
  }

  SUBCASE("a one-entry section: an older entry after it goes backwards")
  {
    const std::string one = "- [2025-10-30 10:00 UTC] Kept the reader.\n";
    changes.modify(k_plan_path, plan(oldest_first, one),
                   plan(oldest_first, one + "- [2025-10-30 09:00 UTC] Chose ISO times.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 28);
    CHECK(found[0].message.find("Decision Log entry at 2025-10-30 09:00 UTC goes backwards") == 0);
  }

  SUBCASE("a one-entry section: a newer entry before it makes it newest first, after it oldest first")
  {
    const std::string one = "- [2025-10-30 10:00 UTC] Kept the reader.\n";
    const std::string newer = "- [2025-10-30 11:00 UTC] Dropped the flag.\n";
    changes.modify(k_plan_path, plan(oldest_first, one), plan(oldest_first, newer + one));
    const auto before = run();
    CHECK_MESSAGE(before.empty(), dump(before));
    FakeChangeSet after;
    after.modify(k_plan_path, plan(oldest_first, one), plan(oldest_first, one + newer));
    const auto found = findings_of(check(after, make_config()), "timestamps-monotonic");
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a one-entry section that gains an older entry before it is still reported")
  {
    const std::string one = "- [2025-10-30 10:00 UTC] Kept the reader.\n";
    changes.modify(k_plan_path, plan(oldest_first, one),
                   plan(oldest_first, "- [2025-10-30 09:00 UTC] Chose ISO times.\n" + one));
    const auto found = run();
    // Once, at the new entry: the old entry beside it did nothing wrong.
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("Decision Log entry added by this change is dated 2025-10-30 09:00 UTC, older than "
                                "the newest entry the section already had (2025-10-30 10:00 UTC)") == 0);
  }
}

TEST_CASE("timestamps-monotonic reports entries backdated before the range began")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "timestamps-monotonic");
  };
  const auto commit_at = [&](std::int64_t author_time) {
    CommitInfo commit;
    commit.sha = std::string(40, static_cast<char>('a' + changes.mutable_commits().size()));
    commit.summary = "Log the work";
    commit.author_time = author_time;
    commit.committer_time = author_time;
    changes.mutable_commits().push_back(commit);
  };
  const std::string base_log = "- [2025-10-20 09:00 UTC] Started.\n";
  const auto append = [&](const std::string& entry) {
    changes.modify(k_plan_path, plan(base_log), plan(base_log + entry));
  };

  SUBCASE("an entry dated more than 24 h before the range's first commit is reported")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    append("- [2025-10-29 09:00 UTC] Wrote the reader.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 22);
    CHECK(found[0].message == "Progress entry added by this change is dated 2025-10-29 09:00 UTC, more than 24 h "
                              "before the change began (2025-10-30 10:00 UTC, its earliest commit): history is "
                              "written as it happens, not backdated");
  }

  SUBCASE("an entry within 24 h of the range's first commit passes")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    append("- [2025-10-29 10:30 UTC] Wrote the reader.\n");
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("the earliest author date of the range's commits is the reference")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    commit_at(*utc_epoch(2025, 10, 28, 12, 0));
    commit_at(*utc_epoch(2025, 10, 29, 8, 0));
    append("- [2025-10-27 13:00 UTC] Wrote the reader.\n");
    CHECK(run().empty());
    FakeChangeSet earlier;
    earlier.mutable_commits() = changes.mutable_commits();
    earlier.modify(k_plan_path, plan(base_log), plan(base_log + "- [2025-10-27 11:00 UTC] Wrote the reader.\n"));
    const auto found = findings_of(check(earlier, make_config()), "timestamps-monotonic");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("(2025-10-28 12:00 UTC, its earliest commit)") != std::string::npos);
  }

  SUBCASE("backdate_tolerance_hours moves the limit")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    append("- [2025-10-28 09:00 UTC] Wrote the reader.\n");
    CHECK(dump(run()) ==
          "docs/development/plans/migrate-storage.md:22:3: Progress entry added by this change is dated 2025-10-28 "
          "09:00 UTC, more than 24 h before the change began (2025-10-30 10:00 UTC, its earliest commit): history is "
          "written as it happens, not backdated [timestamps-monotonic]\n");
    CHECK(run(make_config("rules:\n  timestamps-monotonic:\n    backdate_tolerance_hours: 72\n")).empty());
    FakeChangeSet close;
    close.mutable_commits() = changes.mutable_commits();
    close.modify(k_plan_path, plan(base_log), plan(base_log + "- [2025-10-30 08:00 UTC] Wrote the reader.\n"));
    CHECK(findings_of(check(close, make_config()), "timestamps-monotonic").empty());
    const auto strict = findings_of(
        check(close, make_config("rules:\n  timestamps-monotonic:\n    backdate_tolerance_hours: 1\n")),
        "timestamps-monotonic");
    REQUIRE_MESSAGE(strict.size() == 1, dump(strict));
    CHECK(strict[0].message.find("more than 1 h before the change began") != std::string::npos);
  }

  SUBCASE("old entries kept or edited by the range are not backdated new ones")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    changes.modify(k_plan_path, plan(base_log + "- [2025-10-21 09:00 UTC] Measured the cach.\n"),
                   plan("- [2025-10-20 09:00 UTC] Started the port.\n"
                        "- [2025-10-21 09:00 UTC] Measured the cache.\n"
                        "- [2025-10-30 09:30 UTC] Wrote the reader.\n"));
    const auto found = check(changes, make_config());
    CHECK_MESSAGE(findings_of(found, "timestamps-monotonic").empty(), dump(found));
    const auto edits = findings_of(found, "log-append-only");
    REQUIRE_MESSAGE(edits.size() == 2, dump(found));
  }

  SUBCASE("a placeholder replaced by the range is replaced by new entries, held to the range's start")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    changes.modify(k_plan_path, plan(base_log, "- None yet.\n"),
                   plan(base_log, "- [2025-10-27 09:00 UTC] Kept the reader.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("Decision Log entry added by this change is dated 2025-10-27 09:00 UTC") == 0);
    FakeChangeSet fresh;
    fresh.mutable_commits() = changes.mutable_commits();
    fresh.modify(k_plan_path, plan(base_log, "- None yet.\n"),
                 plan(base_log, "- [2025-10-30 09:45 UTC] Kept the reader.\n"));
    CHECK(findings_of(check(fresh, make_config()), "timestamps-monotonic").empty());
  }

  SUBCASE("a step ticked by the range is stamped with a new time, held to the range's start")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    const std::string path = "docs/execplans/catalog.md";
    const std::string before = "# Catalog\n\n## Progress\n\n- [x] (2025-10-20T09:00:00Z) Read the catalog.\n"
                               "- [ ] Port the catalog.\n";
    changes.modify(path, before,
                   "# Catalog\n\n## Progress\n\n- [x] (2025-10-20T09:00:00Z) Read the catalog.\n"
                   "- [x] (2025-10-25T09:00:00Z) Port the catalog.\n");
    const auto found = run(make_config("extends: execplan\n"));
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 6);
    CHECK(found[0].message.find("more than 24 h before the change began") != std::string::npos);
    FakeChangeSet fresh;
    fresh.mutable_commits() = changes.mutable_commits();
    fresh.modify(path, before,
                 "# Catalog\n\n## Progress\n\n- [x] (2025-10-20T09:00:00Z) Read the catalog.\n"
                 "- [x] (2025-10-30T09:40:00Z) Port the catalog.\n");
    CHECK(findings_of(check(fresh, make_config("extends: execplan\n")), "timestamps-monotonic").empty());
  }

  SUBCASE("a plan the range adds has only new entries, each held to the range's start")
  {
    commit_at(*utc_epoch(2025, 10, 30, 10, 0));
    changes.add(k_plan_path, plan("- [2025-10-20 09:00 UTC] Started.\n- [2025-10-30 09:00 UTC] Wrote the reader.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 21);
  }

  SUBCASE("with --worktree, the base commit's date bounds uncommitted entries")
  {
    changes.mutable_range().worktree = true;
    changes.mutable_range().base_committer_time = *utc_epoch(2025, 10, 29, 9, 0);
    append("- [2025-10-27 09:00 UTC] Wrote the reader.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("(2025-10-29 09:00 UTC, its earliest commit or the base)") != std::string::npos);
    FakeChangeSet close;
    close.mutable_range().worktree = true;
    close.mutable_range().base_committer_time = *utc_epoch(2025, 10, 29, 9, 0);
    close.modify(k_plan_path, plan(base_log), plan(base_log + "- [2025-10-28 10:00 UTC] Wrote the reader.\n"));
    CHECK(findings_of(check(close, make_config()), "timestamps-monotonic").empty());
  }
}
