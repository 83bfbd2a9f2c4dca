#include "planck/changes/documents.hpp"
#include "planck/changes/git_changeset.hpp"
#include "git_fixture.hpp"
#include "plan_fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using planck::Document;
using planck::EarlyReads;
using planck::FileChange;
using planck::FileText;
using planck::GitChangeSet;
using planck::Limits;
using planck::RangeInfo;
using planck::Repository;
using planck::test::plan_text;
using planck::test::TempRepo;

namespace {

// What a rule could learn of one path, in a form two change sets can be compared by.
std::string describe(const Document* document)
{
  if (document == nullptr) {
    return "none";
  }
  std::string text = document->skipped ? "skipped;" : "";
  for (const auto& section : document->sections) {
    text += section.heading + ":" + std::to_string(section.entries.size()) + ";";
  }
  for (const auto& problem : document->problems) {
    text += "problem:" + problem.message + ";";
  }
  return text + std::to_string(document->lines.size()) + " lines";
}

std::string describe(const GitChangeSet& changes, const std::vector<std::string>& paths)
{
  std::string text;
  for (const auto& commit : changes.commits()) {
    text += "commit " + commit.sha + " " + commit.summary + "\n";
  }
  for (const auto& change : changes.changes()) {
    const auto [added, deleted] = changes.line_counts(change);
    text += "change " + std::to_string(static_cast<int>(change.status)) + " " + change.old_path + " -> " +
            change.path + " +" + std::to_string(added) + " -" + std::to_string(deleted) + "\n";
  }
  for (const auto& path : paths) {
    const auto time = changes.last_change_time(path);
    text += path + " base " + describe(changes.base_document(path)) + " head " + describe(changes.head_document(path)) +
            " exists " + (changes.head_exists(path) ? "yes" : "no") + " changed " +
            (time ? std::to_string(*time) : "never") + "\n";
  }
  for (const auto& file : changes.head_files()) {
    text += "file " + file + "\n";
  }
  return text;
}

} // namespace

TEST_CASE("the change set gives the same answers with and without early reads and prefetch")
{
  TempRepo repo;
  repo.write("README.md", "# Project\n");
  repo.write("docs/plans/edit.md", plan_text("Edit", "- [2025-10-30 09:00 UTC] Started."));
  repo.write("docs/plans/gone.md", plan_text("Gone", "- [2025-10-30 09:00 UTC] Started."));
  repo.write("docs/plans/move.md", plan_text("Move", "- [2025-10-30 09:00 UTC] Started."));
  repo.write("PLANS.md", "# Plans\n");
  const std::string base = repo.commit("Plans", "2025-10-30T09:30:00Z");
  repo.output("checkout -q -b work");
  repo.write("docs/plans/edit.md", plan_text("Edit", "- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 10:00 UTC] More."));
  repo.remove("docs/plans/gone.md");
  std::filesystem::create_directories(repo.path() / "docs/other");
  repo.output("mv docs/plans/move.md docs/other/moved.md");
  repo.commit("Reorganise", "2025-10-30T10:30:00Z");
  repo.write("docs/plans/new.md", plan_text("New", "- [2025-10-30 11:00 UTC] Started."));
  repo.write("README.md", "# Project\n\nNow with plans.\n");
  const std::string head = repo.commit("Add a plan", "2025-10-30T11:30:00Z");

  const Repository git = Repository::discover(repo.path().string()).or_throw();
  RangeInfo range;
  range.base_sha = base;
  range.head_sha = head;
  const std::vector<std::string> paths = {"README.md",          "PLANS.md",           "docs/plans/edit.md",
                                          "docs/plans/gone.md", "docs/plans/move.md", "docs/other/moved.md",
                                          "docs/plans/new.md",  "docs/plans/none.md"};

  const GitChangeSet plain(git, range, Limits{});
  const std::string expected = describe(plain, paths);
  // The answers a user would notice, stated once: the rest is compared against them.
  CHECK(plain.commits().size() == 2);
  CHECK(expected.find("docs/plans/move.md -> docs/other/moved.md") != std::string::npos);
  CHECK(expected.find("docs/plans/gone.md base Purpose / Big Picture") != std::string::npos);
  CHECK(expected.find("docs/plans/gone.md base") < expected.find("head none exists no"));
  CHECK(expected.find("docs/plans/new.md base none head Purpose") != std::string::npos);
  CHECK(expected.find("docs/plans/none.md base none head none exists no changed never") != std::string::npos);
  CHECK(expected.find("docs/plans/edit.md") != std::string::npos);
  CHECK(expected.find("Progress:2;") != std::string::npos);
  // Last changed by the commit that edited it, not by the last commit of the range.
  CHECK(plain.last_change_time("docs/plans/edit.md") == 1761820200);
  CHECK(plain.last_change_time("docs/plans/new.md") == 1761823800);

  EarlyReads early;
  early.folders = {"docs/plans"};
  early.wanted = [](const std::string& path) { return path.rfind("docs/plans/", 0) == 0; };
  early.with_them = {"PLANS.md"};
  SUBCASE("early reads")
  {
    const GitChangeSet read_early(git, range, Limits{}, early);
    CHECK(read_early.early_documents() >= 4);
    CHECK(describe(read_early, paths) == expected);
  }
  SUBCASE("early reads with the history walked beside them")
  {
    early.history = [](const Document& document) {
      return document.title != "New";   // one the walk leaves to last_change_time
    };
    // Asked at once, while the walk may still run; then again once it is done.
    const GitChangeSet asked_at_once(git, range, Limits{}, early);
    CHECK(asked_at_once.early_walked() >= 1);   // by the helper for what it read, or after it for all
    CHECK(asked_at_once.last_change_time("docs/plans/edit.md") == 1761820200);
    CHECK(asked_at_once.last_change_time("docs/plans/new.md") == 1761823800);
    const GitChangeSet walked_early(git, range, Limits{}, early);
    walked_early.wait_for_history();
    CHECK(walked_early.early_walked() >= 1);
    CHECK(walked_early.last_change_time("docs/plans/edit.md") == 1761820200);
    CHECK(describe(walked_early, paths) == expected);
    // Dropped while the walk may still run: it waits for it (sanitizer builds would see it read
    // freed paths otherwise).
    {
      const GitChangeSet dropped(git, range, Limits{}, early);
    }
  }
  SUBCASE("prefetch of every path, at head and base")
  {
    const GitChangeSet prefetched(git, range, Limits{}, early);
    prefetched.prefetch(paths, paths);
    for (const auto& path : {"docs/plans/edit.md", "docs/plans/new.md", "README.md"}) {
      CHECK(prefetched.head_document_ready(path));
    }
    CHECK(describe(prefetched, paths) == expected);
  }
  SUBCASE("head texts visited on every core")
  {
    std::vector<std::string> seen(paths.size());
    plain.visit_head_texts(paths, [&](std::size_t i, std::string_view text) { seen[i] = std::string(text); });
    CHECK(seen[0] == "# Project\n\nNow with plans.\n");
    CHECK(seen[3].empty());
    CHECK(seen[6].rfind("# New\n", 0) == 0);
  }
}

TEST_CASE("documents past a limit are kept, skipped, with the one problem naming the limit")
{
  struct Row
  {
    const char* name;
    std::string text;
    Limits limits;
    std::string problem;
  };
  Limits small_size;
  small_size.max_document_bytes = 10;
  Limits few_entries;
  few_entries.max_entries = 1;
  Limits few_elements;
  few_elements.max_elements = 3;
  Limits narrow_tables;
  narrow_tables.max_table_columns = 2;
  const std::vector<Row> rows = {
    {"size", "# Title\n\nMore than ten bytes.\n", small_size, "over the limit of 10 (limits.max_document_bytes)"},
    {"entries", "# T\n\n## Progress\n\n- one\n- two\n", few_entries, "has 2 list entries in its sections"},
    {"elements", "# T\n\n- a\n- b\n- c\n- d\n- e\n", few_elements, "(limits.max_elements); not parsed"},
    {"table", "# T\n\n| a | b | c |\n| - | - | - |\n| 1 | 2 | 3 |\n", narrow_tables, "has a table of 3 columns"},
    {"LFS", "version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 12\n", Limits{}, "Git LFS pointer"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto document = planck::build_document("docs/plan.md", row.text, row.limits);
    REQUIRE(document->skipped);
    REQUIRE(document->problems.size() == 1);
    CHECK(document->problems.front().message.find(row.problem) != std::string::npos);
    CHECK(document->problems.front().line == 1);
  }
  const auto within = planck::build_document("docs/plan.md", std::string("# T\n\n## Progress\n\n- one\n"), Limits{});
  CHECK_FALSE(within->skipped);
  CHECK(within->problems.empty());

  FileText too_large;
  too_large.state = FileText::State::too_large;
  too_large.size = 9u * 1024 * 1024;
  const auto unread = planck::build_document("docs/plan.md", too_large, Limits{});
  CHECK(unread->skipped);
  CHECK(unread->problems.front().message.find("is 9437184 bytes") != std::string::npos);
}
