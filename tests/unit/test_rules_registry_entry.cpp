#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

std::string registry(const std::string& active, const std::string& completed = "")
{
  return "# Plans\n\n## Active Plans\n\n" + active + "\n## Completed Plans\n\n" + completed;
}

std::string entry(const std::string& status = "in-progress",
                  const std::string& link = "docs/development/plans/migrate-storage.md")
{
  return "- [2025-10-30] Migrate storage – [migrate-storage](" + link + ") – Ada – " + status + "\n";
}

std::string with_status(const std::string& status)
{
  return plan("- [2025-10-30 09:00 UTC] Started.\n", "- [2025-10-30 09:05 UTC] Chose the plain approach.\n",
              "- [2025-10-30 09:10 UTC] Nothing yet.\n", "---\nstatus: " + status + "\n---\n");
}

const std::string k_other = "docs/development/plans/other.md";

} // namespace

TEST_CASE("registry-entry")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config = make_config()) {
    return findings_of(check(changes, config), "registry-entry");
  };

  SUBCASE("a new plan registered in the same range passes")
  {
    changes.add(k_plan_path, plan());
    changes.modify("PLANS.md", registry(""), registry(entry()));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
    const auto links = findings_of(check(changes, make_config()), "links-resolve");
    CHECK_MESSAGE(links.empty(), dump(links));
  }

  SUBCASE("the short completed form and a code span name a plan")
  {
    changes.add(k_plan_path, with_status("completed"));
    changes.add(k_other, plan());
    changes.modify("PLANS.md", registry(""),
                   registry("- [2025-10-30] Other – `docs/development/plans/other.md` – Bob – paused\n",
                            "- [2025-10-15] `migrate-storage.md` – Storage moved.\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("an unregistered plan is reported at its first line with the entry to add")
  {
    changes.add(k_plan_path, plan());
    changes.keep("PLANS.md", registry(""));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_plan_path);
    CHECK(found[0].line == 1);
    CHECK(found[0].column == 1);
    CHECK(found[0].message ==
          "this plan is not listed in PLANS.md; add `- [2025-10-30] Migrate storage – "
          "[migrate-storage](docs/development/plans/migrate-storage.md) – owner – in-progress` under ## Active Plans");
  }

  SUBCASE("an unregistered completed plan is sent to Completed Plans")
  {
    changes.add(k_plan_path, with_status("completed"));
    changes.keep("PLANS.md", registry(""));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("– owner – completed` under ## Completed Plans") != std::string::npos);
  }

  SUBCASE("without a registry, or without its headings, the plan is unregistered and the message says why")
  {
    changes.add(k_plan_path, plan());
    auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("not listed in PLANS.md, which does not exist at head") != std::string::npos);

    changes.modify("PLANS.md", "# Plans\n", "# Plans\n\n" + entry());
    found = run();
    REQUIRE_MESSAGE(found.size() == 2, dump(found));
    CHECK(found[0].path == "PLANS.md");
    CHECK(found[0].line == 1);
    CHECK(found[0].message ==
          "PLANS.md has no `## Active Plans` or `## Completed Plans` heading; the registry lists plans under those "
          "two level-2 headings (`plans.active_heading` and `plans.completed_heading` name others)");
    CHECK(found[1].path == k_plan_path);
    CHECK(found[1].message.find("which has no `## Active Plans` or `## Completed Plans` heading") != std::string::npos);
  }

  SUBCASE("a plan listed in both lists is reported at the second entry")
  {
    changes.modify(k_plan_path, plan(), with_status("completed"));
    changes.modify("PLANS.md", registry(entry()),
                   registry(entry(), "- [2025-10-31] `migrate-storage.md` – Storage moved.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "PLANS.md");
    CHECK(found[0].line == 9);
    CHECK(found[0].message ==
          "'docs/development/plans/migrate-storage.md' is listed under both Active Plans (line 5) and Completed "
          "Plans; keep only the Completed Plans entry");
  }

  SUBCASE("a plan listed twice in one list is reported at the second entry, even when PLANS.md is unchanged")
  {
    changes.modify(k_plan_path, plan(), plan("- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 10:00 UTC] More.\n"));
    changes.keep("PLANS.md", registry(entry() + entry("paused")));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "PLANS.md");
    CHECK(found[0].line == 6);
    CHECK(found[0].message ==
          "'docs/development/plans/migrate-storage.md' is listed more than once in PLANS.md (first at line 5); keep "
          "one entry");
  }

  SUBCASE("a plan moved to another folder: the entry names the new path")
  {
    const Config config = make_config("plans:\n  paths: [docs/development/plans/**/*.md]\n");
    const std::string moved = "docs/development/plans/archive/migrate-storage.md";
    changes.rename(k_plan_path, moved, plan(), plan());
    changes.keep("PLANS.md", registry(entry()));
    const auto found = run(config);
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "PLANS.md");
    CHECK(found[0].line == 5);
    CHECK(found[0].column == 36);
    CHECK(found[0].message == "registry entry links to 'docs/development/plans/migrate-storage.md', which was moved to "
                              "'docs/development/plans/archive/migrate-storage.md' in this range; update the link to "
                              "'docs/development/plans/archive/migrate-storage.md'");
    // links-resolve leaves this link to registry-entry rather than report it twice.
    const auto links = findings_of(check(changes, config), "links-resolve");
    CHECK_MESSAGE(links.empty(), dump(links));
  }

  SUBCASE("a move keeps a registration by file name valid")
  {
    const Config config = make_config("plans:\n  paths: [docs/development/plans/**/*.md]\n");
    changes.rename(k_plan_path, "docs/development/plans/archive/migrate-storage.md", plan(), plan());
    changes.keep("PLANS.md", registry("- [2025-10-30] Migrate storage – `migrate-storage.md` – Ada – in-progress\n"));
    const auto found = run(config);
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a plan deleted by the range leaves a dangling entry")
  {
    changes.remove(k_plan_path, plan());
    changes.keep("PLANS.md", registry(entry()));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message ==
          "registry entry links to 'docs/development/plans/migrate-storage.md', which was deleted in this range; "
          "remove the entry or restore the plan");
  }

  SUBCASE("an entry for a plan that does not exist")
  {
    changes.keep(k_plan_path, plan());
    changes.modify("PLANS.md", registry(entry()),
                   registry(entry() + entry("paused", "docs/development/plans/migrate-storag.md")));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 6);
    CHECK(found[0].column == 36);
    CHECK(found[0].message ==
          "registry entry links to 'docs/development/plans/migrate-storag.md', which does not exist at head (did "
          "you mean 'docs/development/plans/migrate-storage.md'?)");
  }

  SUBCASE("entries that name something other than a plan")
  {
    changes.keep(k_plan_path, plan());
    changes.keep("README.md", "# Readme\n");
    changes.modify("PLANS.md", registry(entry()),
                   registry(entry() + entry("paused", "README.md") + entry("paused", "https://example.com/plan.md") +
                            entry("paused", "../elsewhere.md")));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 3, dump(found));
    CHECK(found[0].message ==
          "registry entry links to 'README.md', which is not a plan (plans are docs/development/plans/*.md)");
    CHECK(found[1].message.find("not to a plan in this repository") != std::string::npos);
    CHECK(found[2].message == "registry entry link '../elsewhere.md' points outside the repository");
  }

  SUBCASE("a completed plan listed in Active Plans")
  {
    changes.modify(k_plan_path, with_status("in-progress"), with_status("completed"));
    changes.keep("PLANS.md", registry(entry()));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == "PLANS.md");
    CHECK(found[0].line == 5);
    CHECK(found[0].message ==
          "'docs/development/plans/migrate-storage.md' has `status: completed` but is listed under Active Plans; "
          "move the entry to ## Completed Plans");
  }

  SUBCASE("an active plan listed in Completed Plans")
  {
    changes.modify(k_plan_path, with_status("in-progress"), with_status("paused"));
    changes.keep("PLANS.md", registry("", "- [2025-10-15] `migrate-storage.md` – Storage moved.\n"));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message.find("has `status: paused` but is listed under Completed Plans") != std::string::npos);
  }

  SUBCASE("front matter and entry statuses must agree")
  {
    changes.modify(k_plan_path, with_status("in-progress"), with_status("paused"));
    changes.keep("PLANS.md", registry(entry()));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].message ==
          "registry entry says 'in-progress' but 'docs/development/plans/migrate-storage.md' has `status: paused`; "
          "make them agree");
  }

  SUBCASE("entries that break the form are reported when PLANS.md changes")
  {
    changes.keep(k_plan_path, plan());
    changes.modify("PLANS.md", registry(entry()), registry(entry("done")));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 5);
    CHECK(found[0].column == 3);
    CHECK(found[0].message.find("registry entry status 'done' is not allowed in Active Plans") == 0);
    const auto lax = run(make_config("rules:\n  registry-entry:\n    entry_form: false\n"));
    CHECK_MESSAGE(lax.empty(), dump(lax));
  }

  SUBCASE("old problems of an unchanged registry are left alone")
  {
    changes.modify(k_plan_path, plan(), plan("- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 10:00 UTC] More.\n"));
    changes.keep(k_other, plan());
    changes.keep("PLANS.md", registry(entry() + "- Other plan, no date – [other](docs/development/plans/gone.md)\n"));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a registry change that drops an unchanged plan's entry reports the plan")
  {
    changes.keep(k_plan_path, plan());
    changes.keep(k_other, plan());
    changes.modify("PLANS.md", registry(entry() + entry("paused", k_other)), registry(entry()));
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_other);
    CHECK(found[0].line == 1);
    CHECK(found[0].message.find("this plan is not listed in PLANS.md any more: this range removed its entry; add") ==
          0);
  }

  SUBCASE("an unrelated registry change does not report plans that were never registered")
  {
    changes.keep(k_plan_path, plan());
    changes.keep(k_other, plan());
    changes.modify("PLANS.md", registry(entry()), registry(entry("paused")));
    const auto found = run();
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("--all checks every plan and the whole registry")
  {
    changes.keep(k_plan_path, plan());
    changes.keep(k_other, plan());
    changes.keep("PLANS.md", registry(entry()));
    changes.mutable_range().all = true;
    const auto found = run();
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].path == k_other);
  }

  SUBCASE("a suppression in the plan silences the unregistered-plan finding")
  {
    changes.add(k_plan_path, "<!-- planck-disable registry-entry -->\n" + plan());
    changes.keep("PLANS.md", registry(""));
    const auto all = check(changes, make_config());
    CHECK_MESSAGE(findings_of(all, "registry-entry").empty(), dump(all));
    CHECK_MESSAGE(findings_of(all, "unused-suppression").empty(), dump(all));
  }
}

TEST_CASE("registry-entry reads registries as repositories keep them")
{
  FakeChangeSet changes;
  const auto run = [&](const Config& config) { return findings_of(check(changes, config), "registry-entry"); };

  SUBCASE("configured list headings: the plan is listed, and messages name the repository's headings")
  {
    const auto config =
      make_config("plans:\n  active_heading: [In Flight, Active Plans]\n  completed_heading: Shipped\n");
    changes.keep(k_plan_path, plan());
    changes.modify("PLANS.md", "# Plans\n\n## In flight\n\n## Shipped\n",
                   "# Plans\n\n## In flight\n\n" + entry() + "\n## Shipped\n");
    CHECK(run(config).empty());
    FakeChangeSet missing;
    missing.keep(k_plan_path, plan());
    missing.modify("PLANS.md", "# Plans\n\n## Shipped\n", "# Plans\n\n## Shipped\n\nNothing yet.\n");
    const auto found = findings_of(check(missing, config), "registry-entry");
    CHECK(dump(found) ==
          "PLANS.md:1:1: PLANS.md has no `## In Flight` heading; add it (an empty list may say `_None yet._`) "
          "[registry-entry]\n");
  }

  SUBCASE("plans kept inline in the registry are one note, however many bullets they hold")
  {
    std::string inline_plans = "# Plans\n\n## Active Plans\n\n";
    for (int i = 0; i < 30; ++i) {
      inline_plans += "### [2025-10-30] Inline plan " + std::to_string(i) + "\n\n#### Progress\n\n";
      for (int j = 0; j < 10; ++j) {
        inline_plans += "- [x] step " + std::to_string(j) + " in [notes](notes/n" + std::to_string(j) + ".md)\n";
      }
      inline_plans += "\n";
    }
    inline_plans += "## Completed Plans\n";
    changes.modify("PLANS.md", "# Plans\n\n## Active Plans\n\n## Completed Plans\n", inline_plans);
    const auto found = run(make_config());
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].line == 5);
    CHECK(found[0].message.rfind("PLANS.md keeps 30 plans inline, as `###` sections under its list heading; planck "
                                 "checks plans kept as files",
                                 0) == 0);
  }
}
