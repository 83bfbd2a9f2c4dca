#include "planck/changes/ci_base.hpp"
#include "git_fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

using planck::detect_base;
using planck::DetectedBase;
using planck::Repository;
using planck::test::TempRepo;

namespace {

constexpr const char* k_base = "1111111111111111111111111111111111111111";
constexpr const char* k_before = "2222222222222222222222222222222222222222";
constexpr const char* k_null = "0000000000000000000000000000000000000000";

// One row of the table: the variables a CI sets, an event file's JSON (written when not empty), and
// the base planck should find, with where it says it found it.
struct Row
{
  const char* name;
  std::map<std::string, std::string> variables;
  std::string event;
  std::optional<std::string> revision;
  std::string source;
};

} // namespace

TEST_CASE("detect_base reads the base each CI gives, in order, and falls back to the local branch")
{
  TempRepo repo;
  repo.write("README.md", "# Project\n");
  repo.commit("first", "@1735689600 +0000");
  auto opened = Repository::discover(repo.path().string());
  REQUIRE(opened.has_value());
  const Repository& git = *opened;
  const std::string event_file = (repo.path().parent_path() / "event.json").string();

  const std::vector<Row> rows = {
    {"a pull request event's base",
     {{"GITHUB_ACTIONS", "true"}, {"GITHUB_EVENT_NAME", "pull_request"}, {"GITHUB_BASE_REF", "develop"}},
     std::string(R"({"pull_request": {"base": {"sha": ")") + k_base + R"(", "ref": "main"}}})",
     k_base,
     "the pull_request event's pull_request.base.sha"},
    {"a merge queue's base",
     {{"GITHUB_ACTIONS", "true"}, {"GITHUB_EVENT_NAME", "merge_group"}},
     std::string(R"({"merge_group": {"base_sha": ")") + k_base + R"("}})",
     k_base,
     "the merge_group event's base_sha"},
    {"a push's previous head",
     {{"GITHUB_ACTIONS", "true"}, {"GITHUB_EVENT_NAME", "push"}},
     std::string(R"({"before": ")") + k_before + R"(", "repository": {"default_branch": "main"}})",
     k_before,
     "the push event's before"},
    {"a new branch's push: the default branch",
     {{"GITHUB_ACTIONS", "true"}, {"GITHUB_EVENT_NAME", "push"}},
     std::string(R"({"before": ")") + k_null + R"(", "repository": {"default_branch": "trunk"}})",
     "origin/trunk",
     "the repository's default branch (new branch push)"},
    {"an unreadable event file: GITHUB_BASE_REF",
     {{"GITHUB_ACTIONS", "true"}, {"GITHUB_BASE_REF", "develop"}},
     "{not json",
     "origin/develop",
     "GITHUB_BASE_REF"},
    {"GitHub variables outside GitHub Actions are not read",
     {{"GITHUB_BASE_REF", "develop"}},
     "",
     "main",
     "the local main"},
    {"a merge request's diff base",
     {{"GITLAB_CI", "true"}, {"CI_MERGE_REQUEST_DIFF_BASE_SHA", k_base}, {"CI_COMMIT_BEFORE_SHA", k_before}},
     "",
     k_base,
     "CI_MERGE_REQUEST_DIFF_BASE_SHA"},
    {"a GitLab push's previous head",
     {{"GITLAB_CI", "true"}, {"CI_COMMIT_BEFORE_SHA", k_before}},
     "",
     k_before,
     "CI_COMMIT_BEFORE_SHA"},
    {"a GitLab pipeline with neither: the local branch",
     {{"GITLAB_CI", "true"}, {"CI_COMMIT_BEFORE_SHA", k_null}},
     "",
     "main",
     "the local main"},
    {"no CI at all", {}, "", "main", "the local main"},
  };

  for (const Row& row : rows) {
    CAPTURE(row.name);
    std::map<std::string, std::string> variables = row.variables;
    std::filesystem::remove(event_file);
    if (!row.event.empty()) {
      std::ofstream(event_file) << row.event;
      variables["GITHUB_EVENT_PATH"] = event_file;
    }
    const auto environment = [&](const std::string& name) -> std::optional<std::string> {
      const auto it = variables.find(name);
      return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    const std::optional<DetectedBase> found = detect_base(git, environment);
    REQUIRE(found.has_value() == row.revision.has_value());
    if (found) {
      CHECK(found->revision == *row.revision);
      CHECK(found->source == row.source);
    }
  }
}

TEST_CASE("detect_base finds nothing where no CI gives a base and no local main exists")
{
  TempRepo repo;
  repo.write("README.md", "# Project\n");
  repo.commit("first", "@1735689600 +0000");
  repo.run("branch -m trunk");
  auto opened = Repository::discover(repo.path().string());
  REQUIRE(opened.has_value());
  CHECK_FALSE(detect_base(*opened, [](const std::string&) { return std::optional<std::string>(); }).has_value());
}
