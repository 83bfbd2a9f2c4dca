#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

const std::string k_completed_front = "---\ntitle: Migrate storage\nstatus: completed\n---\n";

// A plan with every canonical section, its To-do, Validation and Retrospective bodies given.
std::string finished(const std::string& todo = "- [x] Phase 1\n- [x] Phase 2\n",
                     const std::string& validation = "Ran `make test`: 212 passed.\n",
                     const std::string& retro = "Postgres serves every read. Follow-up: drop SQLite.\n",
                     const std::string& front = k_completed_front)
{
  return front + "# Migrate storage\n\n"
         "## Purpose / Big Picture\n\nMove to Postgres.\n\n"
         "## Context and Orientation\n\nSee the catalog.\n\n"
         "## Plan of Work\n\nTwo phases.\n\n"
         "## To-do\n\n" + todo +
         "\n## Progress\n\n- [2025-10-30 09:00 UTC] Started.\n\n"
         "## Decision Log\n\n- [2025-10-30 09:05 UTC] Chose Postgres.\n\n"
         "## Surprises & Discoveries\n\n- [2025-10-30 09:10 UTC] None.\n\n"
         "## Concrete Steps\n\n1. Run it.\n\n"
         "## Validation and Acceptance\n\n" + validation +
         "\n## Idempotence and Recovery\n\nRe-run.\n\n"
         "## Outcomes & Retrospective\n\n" + retro +
         "\n## Artifacts and Notes\n\nNone.\n\n"
         "## Interfaces and Dependencies\n\nNone.\n";
}

int line_of(const std::string& text, const std::string& needle)
{
  const auto at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

const std::string k_changelog =
  "# Changelog\n\n## 1.0\n\n- [Migrate storage](docs/development/plans/migrate-storage.md)\n";
const std::string k_registry_head = "# Plans\n\n## Active Plans\n\n## Completed Plans\n\n";

} // namespace

TEST_CASE("plan-completion")
{
  FakeChangeSet changes;
  changes.keep("CHANGELOG.md", k_changelog);
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "plan-completion");
  };

  SUBCASE("a completed plan that is really complete passes")
  {
    changes.add(k_plan_path, finished());
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a plan that is not completed is not held to it")
  {
    changes.add(k_plan_path, finished("- [ ] Phase 1\n", "Nothing yet.\n", "TBD\n", "---\nstatus: in-progress\n---\n"));
    CHECK(run().empty());
  }

  SUBCASE("each open to-do box is reported at its line, pointing at the box")
  {
    const std::string text = finished("- [x] Phase 1\n- [ ] Phase 2\n  - [ ] Phase 2b\n");
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].line == line_of(text, "- [ ] Phase 2\n"));
    CHECK(found[0].column == 3);
    CHECK(found[0].message.find("to-do 'Phase 2") != std::string::npos);
    CHECK(found[0].message.find("is still open, but the plan is completed (its front matter says `status: "
                                "completed`); tick it")
          != std::string::npos);
    CHECK(found[1].line == line_of(text, "  - [ ] Phase 2b"));
    CHECK(found[1].column == 5);
  }

  SUBCASE("a retrospective that is only a placeholder is reported at its heading")
  {
    for (const std::string retro : {"TBD\n", "[Populate after release]\n", "- _Pending._\n", "<!-- later -->\n",
                                    "- [ ] TODO\n", "N/A\n\n- In progress\n"}) {
      FakeChangeSet plan_changes;
      plan_changes.keep("CHANGELOG.md", k_changelog);
      const std::string text = finished("- [x] Phase 1\n", "Ran `make test`.\n", retro);
      plan_changes.add(k_plan_path, text);
      auto found = findings_of(check(plan_changes, make_config()), "plan-completion");
      // An open box in the retrospective is a to-do finding of its own.
      std::erase_if(found, [](const Finding& f) { return f.message.find("to-do") == 0; });
      REQUIRE_MESSAGE(found.size() == 1, (retro + dump(found)));
      CHECK(found[0].line == line_of(text, "## Outcomes & Retrospective"));
      CHECK(found[0].message.find("Outcomes & Retrospective is ") == 0);
      CHECK(found[0].message.find("write the final state") != std::string::npos);
    }
  }

  SUBCASE("the message says whether the retrospective is empty or quotes the placeholder")
  {
    changes.add(k_plan_path, finished("- [x] Phase 1\n", "Ran `make test`.\n", "[Populate after release]\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("is only a placeholder ('[Populate after release]')") != std::string::npos);
    FakeChangeSet empty;
    empty.keep("CHANGELOG.md", k_changelog);
    empty.add(k_plan_path, finished("- [x] Phase 1\n", "Ran `make test`.\n", "\n"));
    const auto none = findings_of(check(empty, make_config()), "plan-completion");
    REQUIRE_MESSAGE(none.size() == 1, dump(none));
    CHECK(none[0].message.find("Outcomes & Retrospective is empty") == 0);
  }

  SUBCASE("a real retrospective passes even when it mentions a placeholder word")
  {
    changes.add(k_plan_path, finished("- [x] Phase 1\n", "Ran `make test`.\n", "- TBD items moved to issue 12.\n"));
    CHECK(run().empty());
  }

  SUBCASE("the placeholders are an option")
  {
    changes.add(k_plan_path, finished("- [x] Phase 1\n", "Ran `make test`.\n", "Coming soon!\n"));
    CHECK(run().empty());
    CHECK(dump(run(make_config("rules:\n  plan-completion:\n    placeholders: ['coming *']\n"))) ==
          "docs/development/plans/migrate-storage.md:47:1: Outcomes & Retrospective is only a placeholder ('Coming "
          "soon!'), but the plan is completed (its front matter says `status: completed`); write the final state, the "
          "follow-ups and the lessons learned [plan-completion]\n");
  }

  SUBCASE("a Validation and Acceptance section without a command is reported at its heading")
  {
    const std::string text = finished("- [x] Phase 1\n", "Ran the tests by hand; all green.\n");
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == line_of(text, "## Validation and Acceptance"));
    CHECK(found[0].message.find("Validation and Acceptance names no command") == 0);
    FakeChangeSet block;
    block.keep("CHANGELOG.md", k_changelog);
    block.add(k_plan_path, finished("- [x] Phase 1\n", "```sh\nmake test\n```\n"));
    CHECK(findings_of(check(block, make_config()), "plan-completion").empty());
  }

  SUBCASE("a completed plan the CHANGELOG does not link to is reported at its title")
  {
    changes.keep("CHANGELOG.md", "# Changelog\n\n- Migrated storage (see the plans folder).\n");
    const std::string text = finished();
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == line_of(text, "# Migrate storage"));
    CHECK(found[0].message.find("CHANGELOG.md does not link to it; add an entry such as "
                                "`- [Migrate storage](docs/development/plans/migrate-storage.md)`")
          != std::string::npos);
  }

  SUBCASE("without a CHANGELOG at all the message says to create one")
  {
    FakeChangeSet bare;
    bare.add(k_plan_path, finished());
    const auto found = findings_of(check(bare, make_config()), "plan-completion");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("there is no CHANGELOG.md to link to it") != std::string::npos);
    CHECK(findings_of(check(bare, make_config("rules:\n  plan-completion:\n    require_changelog_link: false\n")),
                      "plan-completion")
            .empty());
  }

  SUBCASE("the changelog may live elsewhere; its links resolve from where it is")
  {
    FakeChangeSet other;
    other.keep("docs/CHANGELOG.md", "# Changes\n\n- [Storage](development/plans/migrate-storage.md)\n");
    other.add(k_plan_path, finished());
    const auto config = make_config("rules:\n  plan-completion:\n    changelog: docs/CHANGELOG.md\n");
    CHECK(findings_of(check(other, config), "plan-completion").empty());
    FakeChangeSet wrong;
    wrong.keep("docs/CHANGELOG.md", "# Changes\n\n- [Storage](docs/development/plans/migrate-storage.md)\n");
    wrong.add(k_plan_path, finished());
    const auto found = findings_of(check(wrong, config), "plan-completion");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("`- [Migrate storage](development/plans/migrate-storage.md)`") != std::string::npos);
  }

  SUBCASE("a plan listed under Completed Plans is completed without a status in its front matter")
  {
    changes.keep("PLANS.md", k_registry_head + "- [2025-10-30] `migrate-storage.md` – Storage moved.\n");
    const std::string text = finished("- [ ] Phase 1\n", "Ran `make test`.\n", "Done.\n", "");
    changes.add(k_plan_path, text);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == line_of(text, "- [ ] Phase 1"));
    CHECK(found[0].message.find("(it is listed under Completed Plans in PLANS.md)") != std::string::npos);
  }

  SUBCASE("moving a registry entry to Completed Plans checks the plan the range left alone")
  {
    const std::string text = finished("- [ ] Phase 1\n", "Ran `make test`.\n", "Done.\n", "");
    changes.keep(k_plan_path, text);
    changes.modify("PLANS.md",
                   "# Plans\n\n## Active Plans\n\n- [2025-10-01] Migrate storage – "
                   "[migrate-storage](docs/development/plans/migrate-storage.md) – Ada – in-progress\n\n"
                   "## Completed Plans\n",
                   k_registry_head + "- [2025-10-30] Migrate storage – "
                   "[migrate-storage](docs/development/plans/migrate-storage.md) – Ada – completed\n");
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_plan_path);
    CHECK(found[0].line == line_of(text, "- [ ] Phase 1"));
  }

  SUBCASE("a registry change leaves plans that were completed before alone")
  {
    changes.keep(k_plan_path, finished("- [ ] Phase 1\n", "Ran `make test`.\n", "Done.\n", ""));
    const std::string completed = k_registry_head + "- [2025-10-15] `migrate-storage.md` – Storage moved.\n";
    changes.modify("PLANS.md", completed, completed + "\nSee also the roadmap.\n");
    CHECK(run().empty());
  }

  SUBCASE("with --all every completed plan is checked")
  {
    changes.keep(k_plan_path, finished("- [ ] Phase 1\n"));
    CHECK(run().empty());
    changes.mutable_range().all = true;
    CHECK(dump(run()) ==
          "docs/development/plans/migrate-storage.md:21:3: to-do 'Phase 1' is still open, but the plan is completed "
          "(its front matter says `status: completed`); tick it, or move it to the follow-ups in Outcomes & "
          "Retrospective [plan-completion]\n");
  }

  SUBCASE("an open box can be suppressed inline")
  {
    const std::string text =
      finished("- [x] Phase 1\n<!-- planck-disable-next-line plan-completion -->\n- [ ] Phase 2 (dropped)\n");
    changes.add(k_plan_path, text);
    const auto all = check(changes, make_config());
    CHECK_MESSAGE(findings_of(all, "plan-completion").empty(), dump(all));
    CHECK(findings_of(all, "unused-suppression").empty());
  }
}

TEST_CASE("plan-completion: deleting an unfinished plan")
{
  FakeChangeSet changes;
  changes.keep("CHANGELOG.md", k_changelog);
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "plan-completion");
  };
  const std::string in_progress = "---\ntitle: Migrate storage\nstatus: in-progress\n---\n";
  const std::string active_registry = "# Plans\n\n## Active Plans\n\n- [2025-10-01] Migrate storage – "
                                      "[migrate-storage](docs/development/plans/migrate-storage.md) – Ada – "
                                      "in-progress\n\n## Completed Plans\n";

  SUBCASE("a plan deleted with open boxes and an unfinished status is reported, saying why")
  {
    changes.remove(k_plan_path, finished("- [x] Phase 1\n- [ ] Phase 2\n", "Ran `make test`.\n", "TBD\n", in_progress));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_plan_path);
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].message.rfind("this range deletes an unfinished plan (its status is 'in-progress' and 1 box is "
                                 "still open); keep it, move it",
                                 0) == 0);
  }

  SUBCASE("a plan with no status is unfinished by its open boxes or its Active Plans entry")
  {
    changes.remove(k_plan_path, finished("- [ ] Phase 1\n- [ ] Phase 2\n", "Ran `make test`.\n", "TBD\n", ""));
    changes.keep("PLANS.md", active_registry);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("(PLANS.md lists it under Active Plans and 2 boxes are still open)") !=
          std::string::npos);
  }

  SUBCASE("a finished plan may be deleted")
  {
    changes.remove(k_plan_path, finished());
    CHECK(run().empty());
    FakeChangeSet done;
    done.remove(k_plan_path, finished("- [x] Phase 1\n", "Ran `make test`.\n", "Done.\n", "---\nstatus: Done\n---\n"));
    CHECK(findings_of(check(done, make_config()), "plan-completion").empty());
  }

  SUBCASE("a move is not a deletion, even one git does not call a rename")
  {
    const std::string before = finished("- [ ] Phase 1\n", "Ran `make test`.\n", "TBD\n", in_progress);
    changes.remove(k_plan_path, before);
    changes.add("docs/development/plans/archive/migrate-storage.md", "# Migrate storage\n\nShortened.\n");
    CHECK(run(make_config("plans:\n  paths: ['docs/development/plans/**/*.md']\n")).empty());
  }

  SUBCASE("a plan marked abandoned or superseded may be deleted")
  {
    changes.remove(k_plan_path, finished("- [ ] Phase 1\n", "Ran `make test`.\n", "TBD\n", in_progress));
    changes.modify("PLANS.md", active_registry,
                   "# Plans\n\n## Active Plans\n\n## Completed Plans\n\n- [2025-10-30] `migrate-storage.md` – "
                   "Superseded by the cache plan.\n");
    CHECK(run().empty());
    FakeChangeSet own_status;
    own_status.remove(k_plan_path,
                      finished("- [ ] Phase 1\n", "Ran `make test`.\n", "TBD\n", "---\nstatus: abandoned\n---\n"));
    CHECK(findings_of(check(own_status, make_config()), "plan-completion").empty());
  }

  SUBCASE("a Plan-Exempt trailer turns the finding into a note quoting the reason")
  {
    changes.remove(k_plan_path, finished("- [ ] Phase 1\n", "Ran `make test`.\n", "TBD\n", in_progress));
    CommitInfo commit;
    commit.sha = "3333333333333333333333333333333333333333";
    commit.trailers = {{"Plan-Exempt", "the spike is over; findings are in the design doc"}};
    changes.mutable_commits().push_back(commit);
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].message.find("exempted by `Plan-Exempt: the spike is over; findings are in the design doc`") !=
          std::string::npos);
  }
}
