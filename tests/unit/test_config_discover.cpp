#include "planck/config/config.hpp"
#include "planck/config/discover.hpp"
#include "planck/rules/catalog.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using planck::Discovery;
using planck::discover_layout;

namespace {

// A repository as discovery sees it: paths and their text.
struct Tree
{
  std::map<std::string, std::string> files;
  std::size_t reads = 0;

  Discovery discover()
  {
    std::vector<std::string> paths;
    for (const auto& [path, text] : files) {
      paths.push_back(path);
    }
    return discover_layout(paths, [this](const std::string& path) -> std::optional<std::string> {
      ++reads;
      const auto it = files.find(path);
      return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
  }
};

// A plan in the cookbook's shape: its sections in its order, Progress a stamped checklist.
std::string cookbook_plan(const std::string& stamp = "(2026-01-05 10:00Z)")
{
  return "# Speed up the importer\n\n## Purpose / Big Picture\n\nFaster imports.\n\n## Progress\n\n- [x] " + stamp +
         " Profiled the reader.\n- [ ] Stream the rows.\n\n## Surprises & Discoveries\n\n- None yet.\n\n"
         "## Decision Log\n\n- Decision: stream.\n\n## Outcomes & Retrospective\n\nPending.\n\n"
         "## Context and Orientation\n\nThe reader.\n\n## Plan of Work\n\nTwo steps.\n\n## Concrete Steps\n\n1. Run.\n\n"
         "## Validation and Acceptance\n\n`make test`\n\n## Idempotence and Recovery\n\nRe-run.\n\n"
         "## Artifacts and Notes\n\nNone.\n\n## Interfaces and Dependencies\n\nNone.\n";
}

// A plan in the AGDD shape: a To-do list and bracketed UTC stamps.
std::string agdd_plan()
{
  return "# Migrate storage\n\n## Purpose / Big Picture\n\nMove.\n\n## Context and Orientation\n\nSee.\n\n"
         "## Plan of Work\n\nTwo.\n\n## To-do\n\n- [ ] Phase 1\n\n## Progress\n\n- [2025-10-30 09:00 UTC] Started.\n\n"
         "## Decision Log\n\n- [2025-10-30 09:05 UTC] Chose.\n\n## Surprises & Discoveries\n\n- None yet.\n";
}

} // namespace

TEST_CASE("discover_layout finds a repository's own plan layout")
{
  Tree tree;

  SUBCASE("cookbook plans under docs/execplans, with no registry")
  {
    for (int i = 0; i < 5; ++i) {
      tree.files["docs/execplans/step-" + std::to_string(i) + ".md"] = cookbook_plan();
    }
    tree.files["docs/design.md"] = "# Design\n";
    tree.files["src/main.rs"] = "fn main() {}\n";
    const Discovery found = tree.discover();
    CHECK(found.plans_found);
    CHECK(found.pack == "execplan");
    CHECK(found.plan_globs == std::vector<std::string>{"docs/execplans/*.md"});
    CHECK(found.registry.empty());
    CHECK(found.sections.empty());   // every cookbook section is there
    CHECK_FALSE(found.date_only);
    CHECK(found.summary() ==
          "planck: no planck.yaml; discovered plans in docs/execplans/*.md (cookbook layout); run planck init to keep "
          "this");
  }

  SUBCASE("active and completed folders, a guide that is no registry, date-only stamps")
  {
    for (int i = 0; i < 3; ++i) {
      tree.files["docs/plans/active/2026-01-0" + std::to_string(i) + "-feature-plan.md"] = cookbook_plan("2026-01-05:");
      tree.files["docs/plans/completed/2025-12-0" + std::to_string(i) + "-older-plan.md"] = cookbook_plan("2025-12-01:");
    }
    tree.files["docs/plans/2026-01-01-design.md"] = "# A design note\n\n## Goals\n";
    tree.files["docs/PLANS.md"] = "# How to write plans\n\n## Requirements\n\nEvery plan has a Progress log.\n";
    const Discovery found = tree.discover();
    CHECK(found.pack == "execplan");
    CHECK(found.plan_globs == std::vector<std::string>{"docs/plans/active/*.md", "docs/plans/completed/*.md"});
    CHECK(found.registry.empty());
    CHECK(found.date_only);
    CHECK(found.reasons.front().find("docs/PLANS.md has no Active Plans or Completed Plans list") == 0);
  }

  SUBCASE("one plan per workstream folder beside task files: one glob over the plans' name")
  {
    for (const std::string name : {"alpha", "beta", "gamma"}) {
      tree.files["docs/exec-plans/active/" + name + "/PLAN_" + name + ".md"] = cookbook_plan();
      tree.files["docs/exec-plans/active/" + name + "/TASK_01_" + name + ".md"] = "# Task 1\n\nDo it.\n";
    }
    const Discovery found = tree.discover();
    CHECK(found.plan_globs == std::vector<std::string>{"docs/exec-plans/active/**/PLAN*.md"});
  }

  SUBCASE("an AGDD registry with plan lists, plans with a To-do section")
  {
    tree.files["PLANS.md"] = "# Plans\n\n## Active Plans\n\n- [2025-10-30] Migrate – "
                             "[migrate](docs/development/plans/migrate.md) – Ada – in-progress\n\n## Completed Plans\n";
    tree.files["docs/development/plans/migrate.md"] = agdd_plan();
    tree.files["docs/development/plans/cache.md"] = agdd_plan();
    const Discovery found = tree.discover();
    CHECK(found.pack == "agdd");
    CHECK(found.registry == "PLANS.md");
    CHECK(found.plan_globs == std::vector<std::string>{"docs/development/plans/*.md"});
    CHECK(found.summary().find("(AGDD layout), registry PLANS.md") != std::string::npos);
  }

  SUBCASE("a plan folder's template is excluded by name; a plan about templates is not")
  {
    for (int i = 0; i < 4; ++i) {
      tree.files["docs/execplans/step-" + std::to_string(i) + ".md"] = cookbook_plan();
    }
    tree.files["docs/execplans/unify-template-migration.md"] = cookbook_plan();
    tree.files["docs/execplans/EP-TEMPLATE.md"] = "# Title\n\n## Progress\n\n- [ ] (YYYY-MM-DD HH:MMZ) Step.\n";
    tree.files["docs/execplans/template_plan.md"] = "# Title\n";
    const Discovery found = tree.discover();
    CHECK(found.plan_globs == std::vector<std::string>{"docs/execplans/*.md"});
    CHECK(found.excludes == std::vector<std::string>{"EP-TEMPLATE.md", "template_plan.md"});
  }

  SUBCASE("sections most plans leave out are left out of the discovered list")
  {
    const std::string lean = "# Lean\n\n## Purpose / Big Picture\n\nX.\n\n## Progress\n\n- [x] (2026-01-05 10:00Z) Did.\n\n"
                             "## Decision Log\n\n- Chose.\n\n## Plan of Work\n\nY.\n";
    for (int i = 0; i < 4; ++i) {
      tree.files[".agent/execplans/active/EP-" + std::to_string(i) + ".md"] = lean;
    }
    const Discovery found = tree.discover();
    CHECK(found.plan_globs == std::vector<std::string>{".agent/execplans/active/*.md"});
    CHECK(found.sections ==
          std::vector<std::string>{"Purpose / Big Picture", "Progress", "Decision Log", "Plan of Work"});
  }

  SUBCASE("a registry keeping its plans inline, and no plan files: the registry is kept, no plans claimed")
  {
    tree.files["todo/PLANS.md"] = "# Plans\n\n## Active Plans\n\n### [2026-01-05] Inline plan\n\n#### Progress\n\n"
                                  "- [x] done\n\n## Completed Plans\n";
    tree.files["todo/plans/brief.md"] = "# Brief\n\n## What\n\n## Why\n";
    const Discovery found = tree.discover();
    CHECK_FALSE(found.plans_found);
    CHECK(found.registry == "todo/PLANS.md");
    CHECK(found.yaml().find("  registry: 'todo/PLANS.md'") != std::string::npos);
    CHECK(found.summary().find("found the registry todo/PLANS.md but no plan files") != std::string::npos);
  }

  SUBCASE("no plans at all: the default pack, and a summary that says how to start")
  {
    tree.files["README.md"] = "# Project\n";
    tree.files["docs/guide.md"] = "# Guide\n";
    const Discovery found = tree.discover();
    CHECK_FALSE(found.plans_found);
    CHECK(found.pack == "agdd");
    CHECK(found.summary() ==
          "planck: no planck.yaml and no plans found; `planck new TITLE` starts one, `planck init` sets planck up");
  }

  SUBCASE("a plan folder of documents in another shape: the summary names it rather than claiming no plans")
  {
    tree.files["README.md"] = "# Project\n";
    tree.files["docs/exec-plans/active/PLAN-speed.md"] = "# Speed\n\n## Problem\n\nSlow.\n\n## Phases\n\n1. Measure.\n";
    tree.files["docs/exec-plans/active/TODO-bug.md"] = "# Bug\n\n## Root Cause\n\nX.\n";
    const Discovery found = tree.discover();
    CHECK_FALSE(found.plans_found);
    CHECK(found.summary() ==
          "planck: no planck.yaml; the Markdown files in docs/exec-plans/active/ are not shaped like ExecPlans (a "
          "Progress section and two more canonical sections), so none was checked; `planck init` sets planck up");
  }

  SUBCASE("reading is bounded, however many plans there are, and the answer is the same every time")
  {
    for (int i = 0; i < 3000; ++i) {
      tree.files["docs/execplans/plan-" + std::to_string(10000 + i) + ".md"] = cookbook_plan();
    }
    const Discovery first = tree.discover();
    CHECK(tree.reads <= planck::k_discovery_samples + 8);
    const Discovery second = tree.discover();
    CHECK(first.yaml() == second.yaml());
    CHECK(first.plan_globs == std::vector<std::string>{"docs/execplans/*.md"});
  }

  SUBCASE("what it writes is a config planck loads")
  {
    for (int i = 0; i < 3; ++i) {
      tree.files["docs/plans/active/p" + std::to_string(i) + ".md"] = cookbook_plan("2026-01-05:");
    }
    const Discovery found = tree.discover();
    const auto config = planck::load_config_text(found.yaml(), "discovered settings", planck::rule_infos());
    REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
    CHECK(config->is_plan("docs/plans/active/p9.md"));
    CHECK(config->timestamps.date_only);
  }
}

TEST_CASE("discovery's section lists are the packs' own")
{
  for (const std::string pack : {"agdd", "execplan"}) {
    CAPTURE(pack);
    const auto config =
      planck::load_config_text("extends: " + pack + "\n", "planck.yaml", planck::rule_infos());
    REQUIRE(config.has_value());
    CHECK(config->sections == planck::discovery_sections(pack));
  }
}

TEST_CASE("discovery walks the top of the tree, documentation folders and plan folders, not code trees")
{
  using planck::discovery_descends;
  CHECK(discovery_descends("services"));                   // every top-level folder is listed
  CHECK(discovery_descends("docs/design"));                // two levels under documentation
  CHECK(discovery_descends("Docs/design"));
  CHECK(discovery_descends(".github/workflows"));
  CHECK_FALSE(discovery_descends("services/billing"));     // a code tree is not walked
  CHECK_FALSE(discovery_descends("docs/design/diagrams")); // nor documentation three levels down
  CHECK(discovery_descends("services/billing/plans"));     // a folder named for plans always is
  CHECK(discovery_descends(".agent/execplans/active"));
  CHECK(discovery_descends("todo/tasks/2026"));
}

TEST_CASE("a registry's links name the folders its plans are in")
{
  using planck::linked_folders;
  const std::string text =
    "# Plans\n\n## Active Plans\n\n"
    "- [2026-01-05] Billing – [plan](../services/billing/plans/retry.md) – ana – in-progress\n"
    "- [2026-01-06] Search – [plan](<search/plans/index-v2.md#progress>) – bo – in-progress\n"
    "- [2026-01-07] Cache – [plan](docs/plans/cache.md) – cy – paused\n"
    "- See [the guide](https://example.org/guide.md) and [notes](notes.txt).\n"
    "- Outside: [x](../../elsewhere/plan.md)\n";
  CHECK(linked_folders("docs/PLANS.md", text) ==
        std::vector<std::string>{"docs/docs/plans", "docs/search/plans", "services/billing/plans"});
  CHECK(linked_folders("PLANS.md", "- [a](plan.md) at the root names no folder\n").empty());
}

TEST_CASE("discovery reads the plans' log orders and times with no zone")
{
  const auto plan = [](const std::string& progress) {
    return "# Work\n\n## Purpose / Big Picture\n\nWhy.\n\n## To-do\n\n- [ ] Step\n\n## Progress\n\n" + progress +
           "\n## Decision Log\n\n- [2025-10-30 09:05 UTC] Chose.\n\n## Surprises & Discoveries\n\n- None yet.\n";
  };
  const std::string newest = "- [2025-11-02 10:00 UTC] Second.\n  - [2025-01-01 00:00 UTC] nested\n"
                             "- [2025-11-01 10:00 UTC] First.\n";
  const std::string oldest = "- [2025-11-01 10:00 UTC] First.\n- [2025-11-02 10:00 UTC] Second.\n";
  const std::string registry = "# Plans\n\n## Active Plans\n\n## Completed Plans\n";

  SUBCASE("every plan newest first: the order is kept")
  {
    Tree tree;
    tree.files["PLANS.md"] = registry;
    for (int i = 0; i < 3; ++i) {
      tree.files["docs/development/plans/p" + std::to_string(i) + ".md"] = plan(newest);
    }
    const auto found = tree.discover();
    CHECK(found.log_orders == std::map<std::string, std::string>{{"Progress", "newest-first"}});
    CHECK(found.yaml().find("  logs:\n    - name: 'Progress'\n      order: newest-first\n"
                            "    - name: 'Decision Log'\n    - name: 'Surprises & Discoveries'\n") !=
          std::string::npos);
    const auto config = planck::load_config_text(found.yaml(), "planck.yaml", planck::rule_infos());
    REQUIRE(config.has_value());
    REQUIRE(config->log_section("Progress") != nullptr);
    CHECK(config->log_section("Progress")->order == planck::LogOrder::newest_first);
    CHECK(config->log_section("Decision Log")->order == planck::LogOrder::detect);
  }
  SUBCASE("plans that differ: each section decides")
  {
    Tree tree;
    tree.files["PLANS.md"] = registry;
    tree.files["docs/development/plans/a.md"] = plan(newest);
    tree.files["docs/development/plans/b.md"] = plan(oldest);
    const auto found = tree.discover();
    CHECK(found.log_orders.empty());
    CHECK(found.yaml().find("logs:") == std::string::npos);
  }
  SUBCASE("most times written with no zone: taken as UTC")
  {
    Tree tree;
    tree.files["PLANS.md"] = registry;
    tree.files["docs/development/plans/a.md"] = plan("- [2025-11-01 10:00] First.\n- [2025-11-02 10:00] Second.\n");
    const auto found = tree.discover();
    CHECK(found.no_zone_utc);
    CHECK(found.yaml().find("  timestamps:\n    no_zone: assume_utc\n") != std::string::npos);
  }
}

TEST_CASE("discovery's log lists are the packs' own")
{
  for (const std::string pack : {"agdd", "execplan"}) {
    CAPTURE(pack);
    const auto config =
      planck::load_config_text("extends: " + pack + "\n", "planck.yaml", planck::rule_infos());
    REQUIRE(config.has_value());
    const auto& logs = planck::discovery_logs(pack);
    REQUIRE(config->logs.size() == logs.size());
    for (std::size_t i = 0; i < logs.size(); ++i) {
      CHECK(config->logs[i].name == logs[i].name);
      CHECK(config->logs[i].timestamped == logs[i].timestamped);
      CHECK(config->logs[i].checklist == logs[i].checklist);
    }
  }
}

TEST_CASE("discovery's section aliases are the pack's own")
{
  const auto config = planck::load_config_text("extends: agdd\n", "planck.yaml", planck::rule_infos());
  REQUIRE(config.has_value());
  CHECK(config->aliases == planck::discovery_aliases());
}

TEST_CASE("discovery takes a heading plans write in a section's place, but not a misspelt one")
{
  Tree tree;
  const auto with = [](std::string text, const std::string& heading, const std::string& instead) {
    text.replace(text.find(heading), heading.size(), instead);
    return text;
  };
  // Six plans as the cookbook has them; two write their plan of work under a name of their own,
  // one of them decorated, and both name their outcomes differently too.
  for (int i = 0; i < 6; ++i) {
    tree.files["docs/execplans/p" + std::to_string(i) + ".md"] = cookbook_plan();
  }
  const std::string own = with(cookbook_plan(), "## Outcomes & Retrospective", "## Outcomes and lessons");
  tree.files["docs/execplans/q1.md"] = with(own, "## Plan of Work", "## 3. Delivery plan (phases)");
  tree.files["docs/execplans/q2.md"] = with(own, "## Plan of Work", "## Delivery plan");

  SUBCASE("a heading no plan holds beside the section, sharing a word with its name, stands for it")
  {
    const Discovery found = tree.discover();
    INFO(found.yaml());
    const std::map<std::string, std::vector<std::string>> expected = {
      {"Outcomes & Retrospective", {"Outcomes and lessons"}}, {"Plan of Work", {"Delivery plan"}}};
    CHECK(found.aliases == expected);
    CHECK(found.section_order);
    const auto config = planck::load_config_text(found.yaml(), "discovered settings", planck::rule_infos());
    REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
    CHECK(config->canonical_section("4. Delivery plan") == "Plan of Work");
    CHECK(config->canonical_section("Outcomes and lessons") == "Outcomes & Retrospective");
    // The pack's own aliases for the section are kept beside the new one.
    CHECK(config->canonical_section("Outcomes and Retrospectives") == "Outcomes & Retrospective");
    CHECK(config->canonical_section("Validation plan") == std::nullopt);
  }

  SUBCASE("a closing run of # is no part of the heading; a heading in markup is not written as an alias")
  {
    tree.files["docs/execplans/q1.md"] = with(own, "## Plan of Work", "## Delivery plan ##");
    CHECK(tree.discover().aliases.at("Plan of Work") == std::vector<std::string>{"Delivery plan"});
    tree.files["docs/execplans/q1.md"] = with(own, "## Plan of Work", "## **Delivery plan**");
    tree.files["docs/execplans/q2.md"] = with(own, "## Plan of Work", "## **Delivery plan**");
    CHECK(tree.discover().aliases.count("Plan of Work") == 0);
  }

  SUBCASE("an alias with quotes, a colon, a hash and brackets is written as YAML reads it back")
  {
    tree.files["docs/execplans/q1.md"] = with(own, "## Plan of Work", "## Delivery plan: 'phase' #2, {a}");
    tree.files["docs/execplans/q2.md"] = with(own, "## Plan of Work", "## Delivery plan: 'phase' #2, {a}");
    const Discovery found = tree.discover();
    REQUIRE(found.aliases.count("Plan of Work") == 1);
    const auto config = planck::load_config_text(found.yaml(), "discovered settings", planck::rule_infos());
    REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
    CHECK(config->canonical_section("Delivery plan: 'phase' #2, {a}") == "Plan of Work");
  }

  SUBCASE("a heading some plan holds beside the section is a section of its own")
  {
    tree.files["docs/execplans/p0.md"] += "\n## Delivery plan\n\nShip it.\n";
    const Discovery found = tree.discover();
    CHECK(found.aliases.count("Plan of Work") == 0);
  }

  SUBCASE("a heading in one plan only is that plan's own")
  {
    tree.files.erase("docs/execplans/q2.md");
    const Discovery found = tree.discover();
    CHECK(found.aliases.empty());
  }

  SUBCASE("a misspelt section is the author's slip, for the check to report")
  {
    for (const auto* name : {"docs/execplans/q1.md", "docs/execplans/q2.md"}) {
      tree.files[name] = with(cookbook_plan(), "## Surprises & Discoveries", "## Surprizes & Discoveries");
    }
    const Discovery found = tree.discover();
    CHECK(found.aliases.empty());
  }
}

TEST_CASE("discovery checks the sections' order only where the plans keep one")
{
  Tree tree;
  for (int i = 0; i < 9; ++i) {
    tree.files["docs/execplans/p" + std::to_string(i) + ".md"] = cookbook_plan();
  }
  // A plan that puts its context first, as a newer template might.
  std::string context_first = cookbook_plan();
  const std::string context = "## Context and Orientation\n\nThe reader.\n\n";
  context_first.erase(context_first.find(context), context.size());
  context_first.insert(context_first.find("## Progress"), context);
  tree.files["docs/execplans/q1.md"] = context_first;

  SUBCASE("one plan in ten out of order: the order is kept")
  {
    const Discovery found = tree.discover();
    CHECK(found.section_order);
    CHECK(found.yaml().find("order: false") == std::string::npos);
  }

  SUBCASE("a plan of level-1 sections is reported for its levels, not counted against the order")
  {
    std::string level_one = context_first;
    for (std::size_t at = level_one.find("\n## "); at != std::string::npos; at = level_one.find("\n## ", at)) {
      level_one.erase(at + 1, 1);
    }
    tree.files["docs/execplans/q2.md"] = level_one;
    const Discovery found = tree.discover();
    CHECK(found.section_order);
  }

  SUBCASE("two plans in eleven out of order: only presence is checked")
  {
    tree.files["docs/execplans/q2.md"] = context_first;
    const Discovery found = tree.discover();
    CHECK_FALSE(found.section_order);
    const auto config = planck::load_config_text(found.yaml(), "discovered settings", planck::rule_infos());
    REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
    CHECK_FALSE(config->rule("sections-required").options.boolean("order"));
  }
}

TEST_CASE("discovery checks slugs against file names as the plans name their files")
{
  Tree tree;
  const auto with_slug = [](const std::string& slug) {
    return "---\ntitle: Speed up\nslug: " + slug + "\nstatus: in-progress\n---\n" + cookbook_plan();
  };

  SUBCASE("slugs after a number (`12-storage.md` holds `storage`): not checked against the name")
  {
    for (int i = 0; i < 6; ++i) {
      tree.files["docs/execplans/" + std::to_string(10 + i) + "-plan-" + std::to_string(i) + ".md"] =
        with_slug("plan-" + std::to_string(i));
    }
    const Discovery found = tree.discover();
    CHECK(found.slug == "any");
    const auto config = planck::load_config_text(found.yaml(), "discovered settings", planck::rule_infos());
    REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
    CHECK(config->rule("front-matter").options.string("slug") == "any");
  }

  SUBCASE("slugs that start the names, as the cookbook pack expects: nothing written")
  {
    for (int i = 0; i < 6; ++i) {
      tree.files["docs/execplans/plan-" + std::to_string(i) + "-notes.md"] = with_slug("plan-" + std::to_string(i));
    }
    const Discovery found = tree.discover();
    CHECK(found.slug.empty());
    CHECK(found.yaml().find("front-matter") == std::string::npos);
  }

  SUBCASE("one plan in ten named otherwise is the plan's slip, for the check to report")
  {
    for (int i = 0; i < 10; ++i) {
      tree.files["docs/execplans/plan-" + std::to_string(i) + ".md"] = with_slug("plan-" + std::to_string(i));
    }
    tree.files["docs/execplans/plan-9.md"] = with_slug("another-name");
    const Discovery found = tree.discover();
    CHECK(found.slug.empty());
  }
}

TEST_CASE("a repository with no CHANGELOG.md is not asked to link completed plans from one")
{
  Tree tree;
  for (int i = 0; i < 3; ++i) {
    tree.files["docs/execplans/p" + std::to_string(i) + ".md"] = cookbook_plan();
  }
  Discovery found = tree.discover();
  CHECK_FALSE(found.changelog);
  const auto config = planck::load_config_text(found.yaml(), "discovered settings", planck::rule_infos());
  REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
  CHECK_FALSE(config->rule("plan-completion").options.boolean("require_changelog_link"));

  tree.files["CHANGELOG.md"] = "# Changelog\n";
  found = tree.discover();
  CHECK(found.changelog);
  CHECK(found.yaml().find("require_changelog_link") == std::string::npos);
}
