#include "planck/changes/git_changeset.hpp"
#include "planck/check/check.hpp"
#include "planck/rules/engine.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "git_fixture.hpp"
#include "plan_fixture.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using planck::check;
using planck::CheckOutcome;
using planck::CheckRequest;
using planck::Config;
using planck::Repository;
using planck::test::plan_text;
using planck::test::registry_text;
using planck::test::TempRepo;

namespace {

const std::string k_plan = "docs/development/plans/storage.md";

// main holds one good plan, registered; branch `work` is checked out.
TempRepo planned_repository()
{
  TempRepo repo;
  repo.write("README.md", "# Project\n");
  repo.write(k_plan, plan_text("Storage", "- [2025-10-30 09:00 UTC] Started."));
  repo.write("PLANS.md", registry_text("storage"));
  repo.commit("Start the storage plan", "2025-10-30T09:30:00Z");
  repo.output("checkout -q -b work");
  return repo;
}

Config default_config(const TempRepo& repo)
{
  return planck::load_config({"", repo.path().string()}, planck::rule_infos()).or_throw();
}

// No CI in the environment: the base is found in the repository alone.
CheckRequest diff_aware(const std::string& base)
{
  CheckRequest request;
  request.base = base;
  request.now = 1761840000;   // 2025-10-30 16:00 UTC
  request.environment = [](const std::string&) { return std::optional<std::string>(); };
  return request;
}

Repository open(const TempRepo& repo)
{
  return Repository::discover(repo.path().string()).or_throw();
}

} // namespace

TEST_CASE("check finds an entry that goes backwards, at its line, and only in the range")
{
  const TempRepo repo = planned_repository();
  repo.write(k_plan, plan_text("Storage", "- [2025-10-30 09:00 UTC] Started.\n- [2025-10-29 09:00 UTC] Back in time."));
  repo.commit("Log", "2025-10-30T10:30:00Z");
  const Repository git = open(repo);

  const CheckOutcome outcome = check(git, default_config(repo), diff_aware("main"));
  REQUIRE(outcome.result.findings.size() == 1);
  const auto& finding = outcome.result.findings.front();
  CHECK(finding.rule == "timestamps-monotonic");
  CHECK(finding.path == k_plan);
  CHECK(finding.line == 22);
  CHECK(finding.message.find("2025-10-29 09:00 UTC goes backwards") != std::string::npos);
  CHECK(outcome.result.files_checked == 1);
  CHECK(outcome.changes->commits().size() == 1);
  CHECK_FALSE(outcome.discovered.has_value());
}

TEST_CASE("check passes a clean range and judges nothing the range left alone")
{
  const TempRepo repo = planned_repository();
  repo.write(k_plan, plan_text("Storage", "- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 10:00 UTC] Phase 1."));
  repo.write("notes.md", "# Notes\n\nSee [nowhere](missing.md).\n");
  repo.commit("Log phase 1", "2025-10-30T10:30:00Z");
  const Repository git = open(repo);

  const CheckOutcome outcome = check(git, default_config(repo), diff_aware("main"));
  CHECK(outcome.result.findings.empty());
  REQUIRE(outcome.targets.size() == 1);
  CHECK(outcome.targets.front().path == k_plan);
}

TEST_CASE("check with all judges every document at head with no base")
{
  const TempRepo repo = planned_repository();
  repo.write(k_plan, plan_text("Storage", "- [2025-10-30 09:00 UTC] Started.\n- [2025-10-29 09:00 UTC] Back in time."));
  repo.commit("Log", "2025-10-30T10:30:00Z");
  repo.output("checkout -q main");
  repo.write(k_plan, plan_text("Storage", "- [2025-10-28 09:00 UTC] Started.\n- [2025-10-29 09:00 UTC] Next.\n"
                                         "- [2025-10-30 09:00 UTC] Then.\n- [2025-10-27 09:00 UTC] Older still."));
  repo.commit("Backdate on main", "2025-10-30T11:30:00Z");
  const Repository git = open(repo);

  CheckRequest request = diff_aware("");
  request.all = true;
  const CheckOutcome outcome = check(git, default_config(repo), request);
  CHECK(outcome.changes->range().base_sha.empty());
  REQUIRE(outcome.result.findings.size() == 1);
  CHECK(outcome.result.findings.front().rule == "timestamps-monotonic");
  CHECK(outcome.result.findings.front().line == 24);
  CHECK(outcome.result.findings.front().message.find("2025-10-27 09:00 UTC goes backwards") != std::string::npos);
}

TEST_CASE("check with no planck.yaml applies the layout read at the base")
{
  TempRepo repo;
  const std::string plan = "docs/plans/storage.md";
  repo.write(plan, plan_text("Storage", "- [2025-10-30 09:00 UTC] Started."));
  repo.write("docs/plans/search.md", plan_text("Search", "- [2025-10-30 09:00 UTC] Started."));
  repo.commit("Two plans", "2025-10-30T09:30:00Z");
  repo.output("checkout -q -b work");
  repo.write(plan, plan_text("Storage", "- [2025-10-30 09:00 UTC] Started.\n- [2025-10-29 09:00 UTC] Back in time."));
  repo.commit("Log", "2025-10-30T10:30:00Z");
  const Repository git = open(repo);

  CheckRequest request = diff_aware("main");
  request.discover = true;
  const CheckOutcome outcome = check(git, default_config(repo), request);
  REQUIRE(outcome.discovered.has_value());
  CHECK(outcome.config.is_plan(plan));
  CHECK(outcome.config.source == "discovered settings");
  REQUIRE(outcome.result.findings.size() == 1);
  CHECK(outcome.result.findings.front().path == plan);
  CHECK(outcome.result.findings.front().rule == "timestamps-monotonic");
  CHECK(planck::layout_notes(git, outcome).empty());
}

TEST_CASE("check says what it cannot compare, before reading anything")
{
  const TempRepo repo = planned_repository();
  repo.output("branch -m main trunk");
  const Repository git = open(repo);

  SUBCASE("no base anywhere")
  {
    CHECK_THROWS_WITH_AS(check(git, default_config(repo), diff_aware("")),
                         doctest::Contains("no base to compare with"), planck::Error);
  }
  SUBCASE("a base git does not know")
  {
    CHECK_THROWS_AS(check(git, default_config(repo), diff_aware("no-such-branch")), planck::Error);
  }
  SUBCASE("the work tree on top of another head")
  {
    CheckRequest request = diff_aware("trunk");
    request.worktree = true;
    request.head = "trunk";
    CHECK_THROWS_WITH_AS(check(git, default_config(repo), request),
                         doctest::Contains("cannot be combined with --head"), planck::Error);
  }
  SUBCASE("a base named by the CI")
  {
    CheckRequest request = diff_aware("");
    const std::string trunk = repo.output("rev-parse trunk");
    request.environment = [](const std::string& name) -> std::optional<std::string> {
      if (name == "GITLAB_CI") {
        return "true";
      }
      if (name == "CI_MERGE_REQUEST_DIFF_BASE_SHA") {
        return std::string("trunk");
      }
      return std::nullopt;
    };
    const CheckOutcome outcome = check(git, default_config(repo), request);
    CHECK(outcome.changes->range().base_sha == trunk);
  }
}

TEST_CASE("check with all in batches reports what one run over every document reports")
{
  // Six plans and a registry: registry findings that every batch's plans lead to, a suppression
  // used and one unused, links into plans of other batches.
  TempRepo repo;
  const std::string folder = "docs/development/plans/";
  std::string registry = "# Plans\n\n## Active Plans\n\n";
  for (const std::string slug : {"alpha", "beta", "gamma"}) {
    registry += "- [2025-10-30] " + slug + " – [" + slug + "](" + folder + slug + ".md) – Ada Planner – "
                "in-progress\n";
  }
  registry += "- [2025-10-30] gone – [gone](" + folder + "gone.md) – Ada Planner – in-progress\n";
  // Listed twice, and past the table limit: only the registry's own check reads it (its front matter).
  for (int i = 0; i < 2; ++i) {
    registry += "- [2025-10-30] wide – [wide](" + folder + "wide.md) – Ada Planner – in-progress\n";
  }
  registry += "\n## Completed Plans\n";
  repo.write("PLANS.md", registry);
  repo.write(folder + "alpha.md",
             "---\ntitle: Alpha\nslug: alpha\nstatus: completed\nlast_synced: 2025-10-30\n---\n\n"
               + plan_text("Alpha", "- [2025-10-30 09:00 UTC] Started."));
  repo.write(folder + "beta.md", plan_text("Beta", "- [2025-10-30 09:00 UTC] Started."));
  repo.write(folder + "gamma.md",
             plan_text("Gamma", "- [2025-10-28 09:00 UTC] Started.\n- [2025-10-30 09:00 UTC] Next.\n"
                                "<!-- planck-disable-next-line timestamps-monotonic -->\n"
                                "- [2025-10-29 09:00 UTC] Back in time, on purpose."));
  repo.write(folder + "delta.md", plan_text("Delta", "<!-- planck-disable-next-line timestamp-format -->\n"
                                                     "- [2025-10-30 09:00 UTC] Started."));
  repo.write(folder + "epsilon.md",
             plan_text("Epsilon", "- [2025-10-30 09:00 UTC] See [alpha](alpha.md#decision-log) and "
                                  "[beta](beta.md#no-such-heading)."));
  repo.write(folder + "zeta.md", plan_text("Zeta", "- [2025-10-30 09:00 UTC] Started."));
  std::string wide_row = "|";
  std::string wide_rule = "|";
  for (int i = 0; i < 300; ++i) {
    wide_row += " c |";
    wide_rule += " --- |";
  }
  repo.write(folder + "wide.md", "---\ntitle: Wide\nslug: wide\nstatus: in-progress\nlast_synced: 2025-10-30\n---\n\n"
                                   + plan_text("Wide", "- [2025-10-30 09:00 UTC] Started.") + "\n" + wide_row + "\n"
                                   + wide_rule + "\n");
  repo.commit("Plans", "2025-10-30T09:30:00Z");
  const Repository git = open(repo);
  const Config config = default_config(repo);

  planck::RangeInfo range;
  range.all = true;
  range.now = 1761840000;
  range.head_sha = git.resolve("HEAD").or_throw();
  range.head_committer_time = git.commit_info(range.head_sha).or_throw().committer_time;
  const auto run = [&](std::size_t batch_size) {
    planck::GitChangeSet changes(git, range, config.limits);
    std::vector<planck::Target> targets = planck::list_targets(changes, config);
    CHECK(targets.size() == 8);
    auto result = planck::check_targets(changes, config, targets, batch_size);
    CHECK(targets.front().path == "PLANS.md");   // in the order listed, which JUnit's test cases follow
    // A batched run lets go of the plans once checked, and keeps the registry they are checked against.
    CHECK(changes.head_document_ready(folder + "alpha.md") == (batch_size >= targets.size()));
    CHECK(changes.head_document_ready("PLANS.md"));
    return result;
  };
  const auto whole = run(1000);
  CHECK(whole.batches == 1);
  std::vector<std::string> reported;
  for (const auto& finding : whole.findings) {
    reported.push_back(finding.rule + " " + finding.path + ":" + std::to_string(finding.line));
  }
  // Alpha completed but listed as active (in the registry, and what a completed plan lacks), the
  // dangling entry, wide listed twice (read by the registry's check alone: no rule reads a plan
  // past a limit), the unregistered plans, the unused suppression, the broken fragment; gamma's
  // backward step is suppressed.
  CHECK(reported == std::vector<std::string>{
                      "registry-entry PLANS.md:5",
                      "registry-entry PLANS.md:8",
                      "registry-entry PLANS.md:10",
                      "plan-completion " + folder + "alpha.md:8",
                      "plan-completion " + folder + "alpha.md:24",
                      "plan-completion " + folder + "alpha.md:42",
                      "plan-completion " + folder + "alpha.md:50",
                      "registry-entry " + folder + "delta.md:1",
                      "unused-suppression " + folder + "delta.md:21",
                      "registry-entry " + folder + "epsilon.md:1",
                      "links-resolve " + folder + "epsilon.md:21",
                      "invalid-document " + folder + "wide.md:1",
                      "registry-entry " + folder + "zeta.md:1",
                    });
  for (const std::size_t batch_size : {1, 2, 3, 7}) {
    CAPTURE(batch_size);
    const auto batched = run(batch_size);
    CHECK(batched.batches == static_cast<int>((8 + batch_size - 1) / batch_size));
    CHECK(batched.files_checked == 8);
    REQUIRE(batched.findings.size() == whole.findings.size());
    for (std::size_t i = 0; i < whole.findings.size(); ++i) {
      CHECK(batched.findings[i].rule == whole.findings[i].rule);
      CHECK(batched.findings[i].path == whole.findings[i].path);
      CHECK(batched.findings[i].line == whole.findings[i].line);
      CHECK(batched.findings[i].message == whole.findings[i].message);
      CHECK(batched.findings[i].fingerprint == whole.findings[i].fingerprint);
    }
  }
}
