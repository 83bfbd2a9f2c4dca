#include "rules_fixture.hpp"

#include <cstdint>
#include <limits>

using namespace planck;
using namespace planck::test;

namespace {

std::int64_t at(int day, int hour = 12)
{
  return *utc_epoch(2025, 10, day, hour, 0);
}

CommitInfo commit(const std::string& sha, std::int64_t author_time,
                  std::vector<std::pair<std::string, std::string>> trailers = {})
{
  CommitInfo info;
  info.sha = sha;
  info.summary = "Work";
  info.message = "Work\n";
  info.author_time = author_time;
  info.committer_time = author_time;
  info.trailers = std::move(trailers);
  return info;
}

const std::string k_registry_without_entries = "# Plans\n\n## Active Plans\n\n## Completed Plans\n";

} // namespace

TEST_CASE("plan-required")
{
  FakeChangeSet changes;
  // A repository that keeps its plans where the config looks.
  changes.keep("docs/development/plans/earlier-work.md", "# Earlier work\n");
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "plan-required");
  };
  // A branch of three commits over three and a bit days, newest first as the range lists them.
  const auto multi_day = [&](std::vector<std::pair<std::string, std::string>> last_trailers = {}) {
    changes.mutable_commits() = {commit("c3", at(30, 12), std::move(last_trailers)), commit("c2", at(28, 9)),
                                 commit("c1", at(27, 9))};
    changes.add("src/b.cpp", "int b;\n");
    changes.add("src/a.cpp", "int a;\n");
  };

  SUBCASE("a short, small range needs no plan")
  {
    changes.mutable_commits() = {commit("c2", at(30, 11)), commit("c1", at(30, 9))};
    changes.add("src/a.cpp", "int a;\n");
    changes.add("README.md", "# Project\n");
    CHECK(run().empty());
  }

  SUBCASE("commits spanning more than 24 hours trip it, reported at the first changed file")
  {
    multi_day();
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "src/a.cpp");
    CHECK(found[0].line == 1);
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("this range spans 3 days (commits from 2025-10-27 to 2025-10-30, more than 24 h) "
                                "but adds or changes no plan")
          != std::string::npos);
    CHECK(found[0].message.find("add one under docs/development/plans/") != std::string::npos);
    CHECK(found[0].message.find("`Plan-Exempt: <reason>`") != std::string::npos);
  }

  SUBCASE("a span of exactly 24 hours does not trip it; a minute more does, in hours")
  {
    changes.mutable_commits() = {commit("c2", at(30, 9)), commit("c1", at(29, 9))};
    changes.add("src/a.cpp", "int a;\n");
    CHECK(run().empty());
    changes.mutable_commits()[0].author_time += 60;
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("spans 24 hours (commits from 2025-10-29 09:00 UTC to 2025-10-30 09:01 UTC") !=
          std::string::npos);
  }

  SUBCASE("the span uses author dates, not committer dates")
  {
    changes.mutable_commits() = {commit("c2", at(30, 9)), commit("c1", at(30, 8))};
    changes.mutable_commits()[1].committer_time = at(25);   // committer dates days apart, as after a rebase
    changes.add("src/a.cpp", "int a;\n");
    CHECK(run().empty());
  }

  SUBCASE("40 changed files or more trip it; 39 do not")
  {
    for (int i = 0; i < 39; ++i) {
      changes.add("src/file" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".cpp", "int x;\n");
    }
    CHECK(run().empty());
    changes.add("src/file39.cpp", "int x;\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "src/file00.cpp");
    CHECK(found[0].message.find("this range changes 40 files (40 or more) but adds or changes no plan")
          != std::string::npos);
  }

  SUBCASE("a storage, migration or catalog path trips it, reported at the first matching file")
  {
    changes.add("README.md", "# Project\n");
    changes.add("src/storage/backend.cpp", "int b;\n");
    changes.add("db/migrations/001_init.sql", "create table t();\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "db/migrations/001_init.sql");
    CHECK(found[0].message.find("touches db/migrations/001_init.sql (matches `**/migrations/**`, as does 1 more "
                                "changed file) but adds or changes no plan")
          != std::string::npos);
  }

  SUBCASE("the default globs cover catalog folders and files named after migrations")
  {
    changes.add("catalog/agents/router.yaml", "a: 1\n");
    CHECK(dump(run()) ==
          "catalog/agents/router.yaml:1:1: this range touches catalog/agents/router.yaml (matches `**/catalog/**`) but "
          "adds or changes no plan; add one under docs/development/plans/, or name an active plan with a `Plan: "
          "<slug>` trailer, or exempt the range with `Plan-Exempt: <reason>` [plan-required]\n");
    FakeChangeSet other;
    other.add("tools/add_migration_helper.py", "x = 1\n");
    const auto found = findings_of(check(other, make_config()), "plan-required");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("(matches `*migration*`)") != std::string::npos);
  }

  SUBCASE("several triggers are named together, with their figures")
  {
    multi_day();
    changes.add("src/storage/backend.cpp", "int b;\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "src/storage/backend.cpp");
    CHECK(found[0].message.find("spans 3 days") != std::string::npos);
    CHECK(found[0].message.find(" and touches src/storage/backend.cpp") != std::string::npos);
  }

  SUBCASE("changed lines and commit counts trip it when configured")
  {
    changes.add("src/a.cpp", "int a;\n");
    changes.mutable_changes()[0].additions = 60;
    changes.mutable_changes()[0].deletions = 50;
    changes.mutable_commits() = {commit("c3", at(30, 11)), commit("c2", at(30, 10)), commit("c1", at(30, 9))};
    CHECK(run().empty());
    const auto lines = run(make_config("rules:\n  plan-required:\n    trigger_lines: 110\n"));
    REQUIRE_MESSAGE(lines.size() == 1, dump(lines));
    CHECK(lines[0].message.find("changes 110 lines (110 or more") != std::string::npos);
    CHECK(run(make_config("rules:\n  plan-required:\n    trigger_lines: 111\n")).empty());
    const auto commits = run(make_config("rules:\n  plan-required:\n    trigger_commits: 3\n"));
    REQUIRE_MESSAGE(commits.size() == 1, dump(commits));
    CHECK(commits[0].message.find("has 3 commits (3 or more)") != std::string::npos);
  }

  SUBCASE("0 turns a numeric trigger off, an empty list the path trigger")
  {
    multi_day();
    changes.add("src/storage/backend.cpp", "int b;\n");
    CHECK(run(make_config("rules:\n  plan-required:\n    trigger_span_hours: 0\n    trigger_paths: []\n")).empty());
  }

  SUBCASE("a huge threshold is never reached, and does not overflow")
  {
    multi_day();
    CHECK(run(make_config("rules:\n  plan-required:\n    trigger_span_hours: 9223372036854775807\n"
                          "    trigger_files: 9223372036854775807\n")).empty());
  }

  SUBCASE("commit dates at the ends of the 64-bit range trip it without overflow (found by fuzz_rules)")
  {
    // A hostile commit may carry any 64-bit date; the difference of these two does not fit in one.
    changes.mutable_commits() = {commit("c2", std::numeric_limits<std::int64_t>::max()),
                                 commit("c1", std::numeric_limits<std::int64_t>::min())};
    changes.add("src/a.cpp", "int a;\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("this range spans 106751991167300 days") != std::string::npos);
  }

  SUBCASE("the rule's paths limit the changes that count")
  {
    changes.add("db/migrations/001_init.sql", "create table t();\n");
    CHECK(run(make_config("rules:\n  plan-required:\n    paths: ['src/**']\n")).empty());
    CHECK(dump(run(make_config("rules:\n  plan-required:\n    paths: ['db/**']\n"))) ==
          "db/migrations/001_init.sql:1:1: this range touches db/migrations/001_init.sql (matches `**/migrations/**`) "
          "but adds or changes no plan; add one under docs/development/plans/, or name an active plan with a `Plan: "
          "<slug>` trailer, or exempt the range with `Plan-Exempt: <reason>` [plan-required]\n");
  }

  SUBCASE("ignored paths do not count")
  {
    changes.add("vendor/storage/lib.c", "int x;\n");
    CHECK(run(make_config("ignore: ['vendor/**']\n")).empty());
  }

  SUBCASE("adding a plan satisfies it")
  {
    multi_day();
    changes.add(k_plan_path, plan());
    CHECK(run().empty());
  }

  SUBCASE("changing a plan satisfies it")
  {
    multi_day();
    changes.modify(k_plan_path, plan(), plan("- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 10:00 UTC] More.\n"));
    CHECK(run().empty());
  }

  SUBCASE("changing a plan's mode alone (chmod +x) does not satisfy it")
  {
    multi_day();
    changes.modify(k_plan_path, plan(), plan());
    changes.mutable_changes().back().mode_only = true;
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("adds or changes no plan") != std::string::npos);
  }

  SUBCASE("deleting a plan does not satisfy it")
  {
    multi_day();
    changes.remove(k_plan_path, plan());
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "src/a.cpp");   // a file still there, not the deleted plan
  }

  SUBCASE("a Plan: trailer with an active plan's slug satisfies it, in the last commit only")
  {
    changes.keep(k_plan_path, plan());
    multi_day({{"Plan", "migrate-storage"}});
    CHECK(run().empty());
  }

  SUBCASE("a Plan: trailer may give the plan's path, and the key's case does not matter")
  {
    changes.keep(k_plan_path, plan());
    multi_day({{"plan", k_plan_path}});
    CHECK(run().empty());
  }

  SUBCASE("a Plan: trailer naming a plan that does not exist does not satisfy it, and says so")
  {
    changes.keep(k_plan_path, plan());
    multi_day({{"Plan", "migrate-storag"}});
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("its `Plan: migrate-storag` trailer names no plan that exists at head")
          != std::string::npos);
  }

  SUBCASE("a Plan: trailer naming a completed plan does not satisfy it, and says why")
  {
    changes.keep(k_plan_path, plan("- [2025-10-30 09:00 UTC] Started.\n", "- [2025-10-30 09:05 UTC] x\n",
                                   "- [2025-10-30 09:10 UTC] y\n", "---\nstatus: completed\n---\n"));
    multi_day({{"Plan", "migrate-storage"}});
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("its `Plan: migrate-storage` trailer names " + k_plan_path +
                                ", which is completed (`status: completed`)")
          != std::string::npos);
  }

  SUBCASE("a plan listed under Completed Plans is completed too")
  {
    changes.keep(k_plan_path, plan());
    changes.keep("PLANS.md", k_registry_without_entries + "\n- [2025-10-15] `migrate-storage.md` – Done.\n");
    multi_day({{"Plan", "migrate-storage"}});
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("which is completed (listed under Completed Plans in PLANS.md)") != std::string::npos);
  }

  SUBCASE("a Plan: trailer naming a file that is not a plan does not satisfy it")
  {
    changes.keep("docs/notes/ideas.md", "# Ideas\n");
    multi_day({{"Plan", "docs/notes/ideas.md"}});
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("names a file that is not a plan") != std::string::npos);
  }

  SUBCASE("Plan-Exempt turns the finding into a note that quotes the reason")
  {
    multi_day({{"Plan-Exempt", "mechanical rename of the storage namespace"}});
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].message.find("exempted by `Plan-Exempt: mechanical rename of the storage namespace`")
          != std::string::npos);
  }

  SUBCASE("50,000 Plan: and Plan-Exempt trailers are quoted as a bounded excerpt")
  {
    std::vector<std::pair<std::string, std::string>> trailers;
    for (int i = 0; i < 25000; ++i) {
      trailers.emplace_back("Plan", "no-such-plan-" + std::to_string(i));
      trailers.emplace_back("Plan-Exempt", "reason " + std::to_string(i));
    }
    multi_day(std::move(trailers));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found).substr(0, 2000));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].message.size() < 2000);
    CHECK(found[0].message.find("its `Plan: no-such-plan-0` trailer names no plan that exists at head")
          != std::string::npos);
    CHECK(found[0].message.find("; and 24997 more `Plan:` trailers that did not count") != std::string::npos);
    CHECK(found[0].message.find("`Plan-Exempt: reason 0`, `Plan-Exempt: reason 1`, `Plan-Exempt: reason 2` and "
                                "24997 more")
          != std::string::npos);
    CHECK(found[0].message.find("reason 24999") == std::string::npos);
  }

  SUBCASE("an empty Plan-Exempt is no exemption")
  {
    multi_day({{"Plan-Exempt", "  "}});
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
  }

  SUBCASE("with --all and no base there is no range, and nothing to report")
  {
    multi_day();
    changes.mutable_range().all = true;
    changes.mutable_range().base_sha.clear();
    CHECK(run().empty());
  }

  SUBCASE("the finding is kept at a file that is not a document, next to suppressions in documents")
  {
    changes.modify("PLANS.md", k_registry_without_entries,
                   k_registry_without_entries + "\n<!-- planck-disable-next-line plan-required -->\nText.\n");
    changes.add("src/storage/backend.cpp", "int b;\n");
    const auto all = check(changes, make_config());
    const auto found = findings_of(all, "plan-required");
    REQUIRE_MESSAGE(found.size() == 1, dump(all));
    CHECK(found[0].path == "src/storage/backend.cpp");
    CHECK(!found[0].fingerprint.empty());
  }
}

TEST_CASE("plan-required trigger globs are checked where the config names them")
{
  const auto config = planck::load_config_text("rules:\n  plan-required:\n    trigger_paths: ['src/[ab']\n",
                                               "planck.yaml", planck::rule_infos());
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error() == "planck.yaml:3:21: bad glob 'src/[ab': unclosed '['");
}

TEST_CASE("plan-required fits repositories as they are")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "plan-required");
  };
  changes.mutable_commits() = {commit("c1", at(30, 9))};

  SUBCASE("documentation about a migration is not a migration")
  {
    changes.keep("docs/development/plans/earlier-work.md", "# Earlier work\n");
    changes.add("docs/guides/storage-migration-guide.md", "# Moving your data\n");
    changes.add("notes/migration-faq.md", "# FAQ\n");
    changes.add("MIGRATION.txt", "Read the guide.\n");
    CHECK(run().empty());
    changes.add("src/db/migration_v2.sql", "ALTER TABLE t ADD c int;\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "src/db/migration_v2.sql");
    CHECK(found[0].severity == Severity::error);
  }

  SUBCASE("trigger_exclude is an option")
  {
    changes.keep("docs/development/plans/earlier-work.md", "# Earlier work\n");
    changes.add("docs/migrations/0001.sql", "CREATE TABLE t (c int);\n");
    CHECK(run().empty());
    const auto found = run(make_config("rules:\n  plan-required:\n    trigger_exclude: ['*.md']\n"));
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("touches docs/migrations/0001.sql") != std::string::npos);
  }

  SUBCASE("with no plan anywhere and no plan folder, one note says how to configure planck")
  {
    changes.add("src/storage/engine.cpp", "int engine;\n");
    changes.add("src/storage/pages.cpp", "int pages;\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].path == "src/storage/engine.cpp");
    CHECK(found[0].message ==
          "this range touches src/storage/engine.cpp (matches `**/storage/**`, as does 1 more changed file) but no "
          "plan exists where planck looks (`docs/development/plans/*.md`, and docs/development/plans/ does not "
          "exist); set `plans.paths` in planck.yaml to where this repository keeps its plans (`planck init` writes "
          "one), or turn plan-required off");
  }

  SUBCASE("a plan folder that exists but is empty still asks for a plan")
  {
    changes.keep("docs/development/plans/README.md", "# Plans go here\n");
    changes.add("src/storage/engine.cpp", "int engine;\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.find("add one under docs/development/plans/") != std::string::npos);
  }

  SUBCASE("deleting a plan whose name says migration is no trigger")
  {
    changes.keep("docs/development/plans/earlier-work.md", "# Earlier work\n");
    changes.remove("docs/development/plans/storage-migration.md", "# Storage migration\n");
    CHECK(run().empty());
  }
}
