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
    CHECK(dump(findings_of(check(rewritten, make_config("extends: execplan\n")), "log-append-only")) ==
          "docs/execplans/cache.md:5:7: Progress entry was edited; logs are append-only. At base it read: "
          "\"(2025-10-01 13:00Z) One.\"; now: \"(2025-10-01 13:00Z) One, reworded.\" [log-append-only]\n");
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

TEST_CASE("log-append-only tells edits of history from the edits real plans make")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "log-append-only");
  };
  const std::string started = "- [2025-10-30 09:00 UTC] Started.\n";
  const auto decisions = [&](const std::string& before, const std::string& after) {
    changes.modify(k_plan_path, plan(started, before), plan(started, after));
  };

  SUBCASE("a placeholder replaced with real entries passes; a real entry replaced is reported")
  {
    const std::string content =
        "- [2025-10-30 10:00 UTC] Kept the reader.\n- [2025-10-30 10:30 UTC] Dropped the flag.\n";
    for (const std::string placeholder : {"- None yet.\n", "- TBD\n", "- (pending)\n", "- _None_\n"}) {
      CAPTURE(placeholder);
      FakeChangeSet one;
      one.modify(k_plan_path, plan(started, placeholder), plan(started, content));
      const auto found = findings_of(check(one, make_config()), "log-append-only");
      CHECK_MESSAGE(found.empty(), dump(found));
    }
    decisions("- [2025-10-30 09:30 UTC] Nothing decided.\n", content);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("Nothing decided.") != std::string::npos);
  }

  SUBCASE("labelled placeholders (`Decision: _None yet_`) are placeholders too, replaced or removed")
  {
    const std::string labelled = "- Decision: _None yet_\n- Rationale: _N/A_\n- Date/Author: _N/A_\n";
    const std::string real = "- Decision: Keep the streaming reader.\n- Rationale: memory stays flat.\n";
    const auto config = make_config("plans:\n  logs:\n    - Progress\n    - {name: Decision Log, timestamped: false}\n"
                                    "    - Surprises & Discoveries\n");
    changes.modify(k_plan_path, plan(started, labelled), plan(started, real));
    const auto found = run(config);
    CHECK_MESSAGE(found.empty(), dump(found));
    // A labelled entry that says something is history like any other.
    FakeChangeSet rewritten;
    rewritten.modify(k_plan_path, plan(started, real), plan(started, "- Decision: Drop the streaming reader.\n"
                                                                       "- Rationale: memory stays flat.\n"));
    const auto kept = findings_of(check(rewritten, config), "log-append-only");
    REQUIRE_MESSAGE(kept.size() == 1, dump(kept));
    CHECK_MESSAGE(kept[0].severity == Severity::error, dump(kept));
  }

  SUBCASE("a spelling-level edit is a slip within words, not a different word of the same length")
  {
    decisions("- [2025-10-30 09:30 UTC] We recieve the rows in batchs and keep alot of them in memory.\n",
              "- [2025-10-30 09:30 UTC] We receive the rows in batches and keep a lot of them in memory.\n");
    const auto typos = run();
    REQUIRE_MESSAGE(typos.size() == 1, dump(typos));
    CHECK(typos[0].severity == Severity::note);
    CHECK(typos[0].message.find("(a spelling-level edit)") != std::string::npos);
    FakeChangeSet other;
    other.modify(k_plan_path, plan(started, "- [2025-10-30 09:30 UTC] Keep the streaming reader for imports.\n"),
                 plan(started, "- [2025-10-30 09:30 UTC] Drop the streaming reader for imports.\n"));
    const auto word = findings_of(check(other, make_config()), "log-append-only");
    REQUIRE_MESSAGE(word.size() == 1, dump(word));
    CHECK(word[0].severity == Severity::error);
  }

  SUBCASE("a changed link target only is a note quoting both versions")
  {
    decisions("- [2025-10-30 09:30 UTC] Chose the [layout](notes/layout.md).\n",
              "- [2025-10-30 09:30 UTC] Chose the [layout](../notes/layout-v2.md).\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].message.find("only a link target changed") != std::string::npos);
    CHECK(found[0].message.find("(notes/layout.md)") != std::string::npos);
    CHECK(found[0].message.find("(../notes/layout-v2.md)") != std::string::npos);
  }

  SUBCASE("in a long entry both quotes show where the edit is, not only its start")
  {
    decisions("- [2025-10-30 09:30 UTC] Kept the streaming reader for large imports because the batch reader "
              "held every row in memory; see the [measurements](notes/import-memory.md) for the figures.\n",
              "- [2025-10-30 09:30 UTC] Kept the streaming reader for large imports because the batch reader "
              "held every row in memory; see the [measurements](../notes/import-memory.md) for the figures.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].message.find("At base it read: \"…") != std::string::npos);
    CHECK(found[0].message.find("[measurements](notes/import-memory.md)") != std::string::npos);
    CHECK(found[0].message.find("[measurements](../notes/import-memory.md)") != std::string::npos);
  }

  SUBCASE("punctuation and case fixes are notes quoting both versions")
  {
    decisions("- [2025-10-30 09:30 UTC] kept the reader, dropped the writer\n",
              "- [2025-10-30 09:30 UTC] Kept the reader; dropped the writer.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].line == 25);
    CHECK(found[0].message.find("(whitespace, punctuation or case only)") != std::string::npos);
    CHECK(found[0].message.find("At base it read: \"[2025-10-30 09:30 UTC] kept the reader, dropped the writer\"")
          != std::string::npos);
    CHECK(found[0].message.find("now: \"[2025-10-30 09:30 UTC] Kept the reader; dropped the writer.\"")
          != std::string::npos);
  }

  SUBCASE("a one-letter typo fix is a spelling-level note quoting both versions")
  {
    decisions("- [2025-10-30 09:30 UTC] Measured the cach hit rate first.\n",
              "- [2025-10-30 09:30 UTC] Measured the cache hit rate first.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].message.find("a spelling-level edit") != std::string::npos);
    CHECK(found[0].message.find("\"[2025-10-30 09:30 UTC] Measured the cach hit rate first.\"") != std::string::npos);
    CHECK(found[0].message.find("\"[2025-10-30 09:30 UTC] Measured the cache hit rate first.\"") != std::string::npos);
  }

  SUBCASE("whitespace alone is no edit at all")
  {
    decisions("- [2025-10-30 09:30 UTC] Kept the reader.\n", "- [2025-10-30 09:30 UTC]  Kept\n  the reader.\n");
    CHECK(run().empty());
  }

  SUBCASE("the same instant written in another form is a note, a different instant is an error")
  {
    decisions("- [2025-10-30 09:30 UTC] Kept the reader.\n", "- 2025-10-30T09:30:00Z Kept the reader.\n");
    const auto same = run();
    REQUIRE_MESSAGE(same.size() == 1, dump(same));
    CHECK(same[0].severity == Severity::note);

    FakeChangeSet moved;
    moved.modify(k_plan_path, plan(started, "- [2025-10-30 09:30 UTC] Kept the reader.\n"),
                 plan(started, "- [2025-10-30 09:45 UTC] Kept the reader.\n"));
    const auto found = findings_of(check(moved, make_config()), "log-append-only");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("logs are append-only. At base it read: \"[2025-10-30 09:30 UTC] Kept the reader.\"")
          != std::string::npos);
  }

  SUBCASE("a changed number is a change of fact, however small")
  {
    decisions("- [2025-10-30 09:30 UTC] Cut the p95 latency to 40 ms.\n",
              "- [2025-10-30 09:30 UTC] Cut the p95 latency to 45 ms.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("40 ms") != std::string::npos);
  }

  SUBCASE("a negation added or dropped is a change of meaning, however small")
  {
    decisions("- [2025-10-30 09:30 UTC] The cache is warm after a restart.\n",
              "- [2025-10-30 09:30 UTC] The cache is not warm after a restart.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
  }

  SUBCASE("a substantive rewrite and a deletion stay errors")
  {
    decisions("- [2025-10-30 09:30 UTC] Kept the reader.\n- [2025-10-30 09:40 UTC] Dropped the flag.\n",
              "- [2025-10-30 09:30 UTC] Replaced the reader with a generated one.\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("entry was edited; logs are append-only") != std::string::npos);
    CHECK(found[1].severity == Severity::error);
    CHECK(found[1].message.find("entry was removed; logs are append-only. It read: \"[2025-10-30 09:40 UTC] "
                                "Dropped the flag.\"")
          != std::string::npos);
  }

  SUBCASE("ticking a step and stamping its time passes")
  {
    changes.modify(k_plan_path, plan(started + "- [ ] Port the catalog.\n"),
                   plan(started + "- [x] [2025-10-30 10:00 UTC] Port the catalog.\n"));
    CHECK(run().empty());
    FakeChangeSet cookbook;
    const std::string path = "docs/execplans/catalog.md";
    cookbook.modify(path, "# Catalog\n\n## Progress\n\n- [x] (2025-10-30T09:00:00Z) Read the catalog.\n"
                          "- [ ] Port the catalog.\n",
                    "# Catalog\n\n## Progress\n\n- [x] (2025-10-30T09:00:00Z) Read the catalog.\n"
                    "- [x] (2025-10-30T10:00:00Z) Port the catalog.\n");
    CHECK(findings_of(check(cookbook, make_config("extends: execplan\n")), "log-append-only").empty());
  }

  SUBCASE("max_edit_percent sets where a spelling fix ends and a rewrite begins")
  {
    decisions("- [2025-10-30 09:30 UTC] Cached the indx.\n", "- [2025-10-30 09:30 UTC] Cached the index.\n");
    const auto typo = run();
    REQUIRE_MESSAGE(typo.size() == 1, dump(typo));
    CHECK(typo[0].severity == Severity::note);
    const auto none = run(make_config("rules:\n  log-append-only:\n    max_edit_percent: 0\n"));
    REQUIRE_MESSAGE(none.size() == 1, dump(none));
    CHECK(none[0].severity == Severity::error);

    FakeChangeSet larger;
    larger.modify(k_plan_path, plan(started, "- [2025-10-30 09:30 UTC] Cached the index.\n"),
                  plan(started, "- [2025-10-30 09:30 UTC] Cached the indexes.\n"));
    const auto strict = findings_of(check(larger, make_config()), "log-append-only");
    REQUIRE_MESSAGE(strict.size() == 1, dump(strict));
    CHECK(strict[0].severity == Severity::error);
    const auto lenient = findings_of(
        check(larger, make_config("rules:\n  log-append-only:\n    max_edit_percent: 20\n")), "log-append-only");
    REQUIRE_MESSAGE(lenient.size() == 1, dump(lenient));
    CHECK(lenient[0].severity == Severity::note);
    CHECK(lenient[0].message.find("a spelling-level edit") != std::string::npos);
  }
}

TEST_CASE("log-append-only finds log sections under decorated headings")
{
  FakeChangeSet changes;
  const std::string started = "- [2025-10-30 09:00 UTC] Started.\n";
  const auto decorated = [](std::string text) {
    text.replace(text.find("## Decision Log\n"), 16, "## Decision Log (what changed, why, date)\n");
    return text;
  };

  SUBCASE("an edited entry under the decorated heading is reported, quoting the base text")
  {
    changes.modify(k_plan_path, decorated(plan(started, "- [2025-10-30 09:30 UTC] Kept the reader.\n")),
                   decorated(plan(started, "- [2025-10-30 09:30 UTC] Replaced the reader.\n")));
    const auto found = findings_of(check(changes, make_config()), "log-append-only");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("Decision Log entry was edited; logs are append-only. At base it read: "
                                "\"[2025-10-30 09:30 UTC] Kept the reader.\"")
          == 0);
  }

  SUBCASE("appending under the decorated heading passes")
  {
    changes.modify(k_plan_path, decorated(plan(started, "- [2025-10-30 09:30 UTC] Kept the reader.\n")),
                   decorated(plan(started, "- [2025-10-30 09:30 UTC] Kept the reader.\n"
                                           "- [2025-10-30 10:30 UTC] Dropped the flag.\n")));
    const auto found = findings_of(check(changes, make_config()), "log-append-only");
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("decorating the heading in the range keeps its entries")
  {
    const std::string text = plan(started, "- [2025-10-30 09:30 UTC] Kept the reader.\n");
    std::string after = decorated(text);
    after.replace(after.find("## Progress\n"), 12, "## 5. Progress \xE2\x80\x94 live\n");
    changes.modify(k_plan_path, text, after);
    const auto found = findings_of(check(changes, make_config()), "log-append-only");
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("an edited entry under a numbered, bold Progress heading is reported")
  {
    const auto numbered = [](std::string text) {
      text.replace(text.find("## Progress\n"), 12, "## 4. **Progress**\n");
      return text;
    };
    changes.modify(k_plan_path, numbered(plan("- [2025-10-30 09:00 UTC] Started.\n")),
                   numbered(plan("- [2025-10-30 09:00 UTC] Started over from scratch.\n")));
    const auto found = findings_of(check(changes, make_config()), "log-append-only");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("Progress entry was edited") == 0);
  }
}
