#include "planck/check/check.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "git_fixture.hpp"
#include "plan_fixture.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

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
