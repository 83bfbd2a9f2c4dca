#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

TEST_CASE("timestamp-format")
{
  FakeChangeSet changes;

  SUBCASE("every accepted UTC form passes")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n"
                                  "- [2025-10-30 09:01:05 UTC] b\n"
                                  "- 2025-10-30T09:02Z c\n"
                                  "- 2025-10-30T09:03:00+00:00 d\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a missing timestamp is reported at the entry")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- did something\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_plan_path);
    CHECK(found[0].line == 22);
    CHECK(found[0].column == 3);
    CHECK(found[0].message.find("no timestamp") != std::string::npos);
    CHECK(found[0].severity == Severity::error);
  }

  SUBCASE("impossible dates and times are reported")
  {
    changes.add(k_plan_path, plan("- [2025-02-30 09:00 UTC] a\n- [2025-10-30 24:00 UTC] b\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message.find("not a real date") != std::string::npos);
  }

  SUBCASE("numeric offsets are converted to UTC; named zones other than UTC are reported")
  {
    changes.add(k_plan_path, plan("- 2025-10-30T09:00+02:00 a\n- [2025-10-30 09:00 CET] b\n- (2025-10-30 10:00 PST) c\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].line == 22);
    CHECK(found[0].message.find("not UTC") != std::string::npos);
    CHECK(found[1].line == 23);
    CHECK(found[1].message.find("not UTC") != std::string::npos);
  }

  SUBCASE("every log section is checked, other sections are not")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n", "- decided without a time\n",
                                  "- surprised without a time\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].message.rfind("Decision Log", 0) == 0);
    CHECK(found[1].message.rfind("Surprises & Discoveries", 0) == 0);
  }

  SUBCASE("sentence-case and 'and' spellings of log headings are log sections too")
  {
    std::string text = plan();
    text.replace(text.find("## Surprises & Discoveries"), 26, "## Surprises and discoveries");
    text.replace(text.find("- [2025-10-30 09:10 UTC] Nothing yet."), 37, "- Found the cache cold.");
    changes.add(k_plan_path, text);
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
  }

  SUBCASE("entries inside code fences are examples, not entries")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n\n```markdown\n- no timestamp here\n```\n"));
    CHECK(findings_of(check(changes, make_config()), "timestamp-format").empty());
  }

  SUBCASE("nested items belong to their entry and need no timestamp of their own")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n  - detail one\n  - detail two\n"));
    CHECK(findings_of(check(changes, make_config()), "timestamp-format").empty());
  }

  SUBCASE("the cookbook pack accepts checkbox Progress with pending steps")
  {
    const std::string path = "docs/execplans/cache.md";
    changes.add(path, "# Cache\n\n## Purpose / Big Picture\n\nx\n\n## Progress\n\n"
                      "- [x] (2025-10-01 13:00Z) Example completed step.\n"
                      "- [ ] Example incomplete step.\n"
                      "- [x] Done but never stamped.\n");
    const auto found = findings_of(check(changes, make_config("extends: execplan\n")), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 11);
  }

  SUBCASE("the rule can be turned off")
  {
    changes.add(k_plan_path, plan("- no time\n"));
    CHECK(findings_of(check(changes, make_config("rules:\n  timestamp-format: off\n")), "timestamp-format").empty());
  }

  SUBCASE("files outside the plans folder are not plans")
  {
    changes.add("docs/notes.md", plan("- no time\n"));
    CHECK(findings_of(check(changes, make_config()), "timestamp-format").empty());
  }
}

TEST_CASE("timestamp-format reads log entries as real plans write them")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "timestamp-format");
  };

  SUBCASE("ISO 8601 with T, seconds, fractions and offsets, bracketed, parenthesized, bold or bare, passes")
  {
    changes.add(k_plan_path, plan("- 2025-10-30T09:00:00Z: Read the old parser.\n"
                                  "- 2025-10-30T09:01:30.250Z – Listed its callers.\n"
                                  "- (2025-10-30 09:02Z) Wrote the first test.\n"
                                  "- **2025-10-30 09:03Z**: Split the reader.\n"
                                  "- [2025-10-30T11:04:00+02:00] Merged the halves.\n"
                                  "- 2025-10-30 09:05:00 UTC - Ran the suite.\n",
                                  "- 2025-10-30T04:06-05:00 Kept the old format readable.\n",
                                  "- [2025-10-30 09:07 GMT] The fixture was stale.\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a time with no zone is a note by default, silent with assume_utc, an error with reject")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n- 2025-10-30 09:30 Wrote the reader.\n"));
    const auto noted = run();
    REQUIRE_MESSAGE(noted.size() == 1, dump(noted));
    CHECK(noted[0].line == 22);
    CHECK(noted[0].severity == Severity::note);
    CHECK(noted[0].message.find("'2025-10-30 09:30' has no time zone; read as UTC") != std::string::npos);

    CHECK(run(make_config("plans:\n  timestamps:\n    no_zone: assume_utc\n")).empty());

    const auto rejected = run(make_config("plans:\n  timestamps:\n    no_zone: reject\n"));
    REQUIRE_MESSAGE(rejected.size() == 1, dump(rejected));
    CHECK(rejected[0].line == 22);
    CHECK(rejected[0].severity == Severity::error);
    CHECK(rejected[0].message.find("is not UTC") != std::string::npos);
    CHECK(rejected[0].message.find("no time zone") != std::string::npos);
  }

  SUBCASE("open steps are pending, even when they start with a month's name")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n"
                                  "- [ ] Decide on the approach.\n"
                                  "- [ ] Mark the old parser deprecated.\n"
                                  "- [ ] May revisit\n"
                                  "- [ ] June cleanup of the fixtures\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a log with no timestamp at all is one finding at its heading, with the fix in the log's form")
  {
    changes.add(k_plan_path, plan("- Started.\n- Wrote the reader.\n- [ ] Stream the rows.\n- None yet.\n- Ran it.\n"));
    auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 19);
    CHECK(found[0].message ==
          "none of the 3 Progress entries has a timestamp; start each with `[YYYY-MM-DD HH:MM UTC]` (or set the "
          "log's `timestamped: false` where the repository keeps it without)");
    found = run(make_config("extends: agdd\nplans:\n  timestamps:\n    date_only: true\n"));
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("start each with `[YYYY-MM-DD HH:MM UTC]` or `[YYYY-MM-DD]`") != std::string::npos);
  }

  SUBCASE("a log kept in another zone throughout is one finding; beside UTC entries, each is reported")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 10:00 CET] Started.\n- [2025-10-30 11:00 CET] Wrote it.\n"
                                  "- [2025-10-30 12:00 CET] Ran it.\n"));
    auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 19);
    CHECK(found[0].message == "the 3 Progress entries are stamped in a zone other than UTC (the first: '[2025-10-30 "
                              "10:00 CET]'); convert their times to UTC and write Z or UTC");
    FakeChangeSet mixed;
    mixed.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 11:00 CET] Wrote it.\n"
                                "- [2025-10-30 12:00 CET] Ran it.\n"));
    found = findings_of(check(mixed, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].line == 22);
    CHECK(found[0].message.find("is not UTC") != std::string::npos);
  }

  SUBCASE("an attempt at a timestamp among unstamped entries: each entry is reported")
  {
    changes.add(k_plan_path, plan("- Started.\n- [2025-02-30 10:00 UTC] Impossible day.\n- Ran it.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 3, dump(found));
    CHECK(found[1].message.find("is not a real date") != std::string::npos);
  }

  SUBCASE("an entry that starts with a word has no timestamp; it is never a malformed one")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n"
                                  "- March numbers came in late.\n"
                                  "- Decided on 2025-10-30 09:30 UTC to keep the reader.\n"
                                  "- [x] May revisit the cache.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 3, dump(found));
    for (const auto& finding : found) {
      CAPTURE(finding.message);
      CHECK(finding.message.find("Progress entry has no timestamp") == 0);
      CHECK(finding.message.find("accepted form") == std::string::npos);
    }
    CHECK(found[0].line == 22);
    CHECK(found[2].line == 24);
  }

  SUBCASE("an entry that starts with a digit but no accepted form is malformed, quoting it")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n- 30/10/2025 09:30 Wrote the reader.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("is not in an accepted form") != std::string::npos);
    CHECK(found[0].message.find("30/10/2025") != std::string::npos);
  }

  SUBCASE("a named zone other than UTC is reported, naming the zone")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n- 2025-10-30 10:30 CET: Wrote the reader.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("time zone CET is not UTC") != std::string::npos);
  }

  SUBCASE("a date alone, with or without other data, passes only where dates are allowed")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n",
                                  "- (2025-10-30, `abc1234`) Kept the reader.\n- 2025-10-30: Dropped the flag.\n"));
    CHECK(run(make_config("plans:\n  timestamps:\n    date_only: true\n")).empty());
    const auto strict = run();
    REQUIRE_MESSAGE(strict.size() == 2, dump(strict));
    CHECK(strict[0].message.find("Decision Log entry timestamp '(2025-10-30, `abc1234`)' is not in an accepted form")
          == 0);
    CHECK(strict[1].message.find("date without a time") != std::string::npos);
  }

  SUBCASE("the cookbook's ticked step with an ISO time and seconds passes; the open ones need none")
  {
    const std::string path = "docs/execplans/detector.md";
    changes.add(path, "# Detector\n\n## Purpose / Big Picture\n\nx\n\n## Progress\n\n"
                      "- [x] (2025-10-30T03:10:00Z) Wrote the detector.\n"
                      "- [ ] Decide on the approach.\n"
                      "- [ ] Mark the old parser deprecated.\n"
                      "- [ ] May revisit\n"
                      "- [x] Wired it up, but forgot the time.\n");
    const auto found = run(make_config("extends: execplan\n"));
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 13);
    CHECK(found[0].message.find("no timestamp") != std::string::npos);
  }

  SUBCASE("a checklist ticked with no times at all: one finding, the fix after the box")
  {
    const std::string path = "docs/execplans/detector.md";
    changes.add(path, "# Detector\n\n## Purpose / Big Picture\n\nx\n\n## Progress\n\n"
                      "- [x] Wrote the detector.\n- [x] Wired it up.\n- [ ] Ship it.\n");
    const auto found = run(make_config("extends: execplan\n"));
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 7);
    CHECK(found[0].message.find("none of the 2 Progress entries has a timestamp; start each with "
                                "`(YYYY-MM-DD HH:MMZ)` after the box") == 0);
  }
}

TEST_CASE("timestamp-format finds log sections under decorated headings")
{
  FakeChangeSet changes;
  const auto with_heading = [](const std::string& from, const std::string& to, const std::string& progress) {
    std::string text = plan(progress);
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::string bad = "- [2025-10-30 09:00 UTC] Started.\n- [2025-02-30 10:00 UTC] Impossible day.\n";
  const std::string good = "- [2025-10-30 09:00 UTC] Started.\n- 2025-10-30T10:00:00Z Wrote the reader.\n";

  const std::string headings[] = {"## 4. Progress\n", "## Progress \xE2\x80\x94 live\n", "## **Progress**\n",
                                  "## Progress (newest last)\n", "## 5) _Progress_: updated each session\n"};

  SUBCASE("a bad timestamp under the heading is reported")
  {
    for (const auto& heading : headings) {
      CAPTURE(heading);
      FakeChangeSet one;
      one.add(k_plan_path, with_heading("## Progress\n", heading, bad));
      const auto found = findings_of(check(one, make_config()), "timestamp-format");
      REQUIRE_MESSAGE(found.size() == 1, dump(found));
      CHECK(found[0].line == 22);
      CHECK(found[0].message.find("Progress entry timestamp '[2025-02-30 10:00 UTC]' is not a real date") == 0);
    }
  }

  SUBCASE("good timestamps under the heading pass")
  {
    for (const auto& heading : headings) {
      CAPTURE(heading);
      FakeChangeSet one;
      one.add(k_plan_path, with_heading("## Progress\n", heading, good));
      const auto found = findings_of(check(one, make_config()), "timestamp-format");
      CHECK_MESSAGE(found.empty(), dump(found));
    }
  }

  SUBCASE("a Decision Log heading with a qualifier in parentheses is a log")
  {
    std::string text = plan("- [2025-10-30 09:00 UTC] Started.\n", "- Picked the reader without a time.\n");
    text.replace(text.find("## Decision Log\n"), 16, "## Decision Log (what changed, why, date)\n");
    changes.add(k_plan_path, text);
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("Decision Log entry has no timestamp") == 0);
  }

  SUBCASE("a section whose name only starts like a log's is not a log")
  {
    std::string text = plan();
    text += "\n## Progress notes\n\n- Talked to the storage team.\n";
    changes.add(k_plan_path, text);
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    CHECK_MESSAGE(found.empty(), dump(found));
  }
}
