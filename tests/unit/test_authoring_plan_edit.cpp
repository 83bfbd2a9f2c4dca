#include "planck/authoring/plan_edit.hpp"
#include "planck/util/timestamp.hpp"

#include <doctest/doctest.h>

#include <string_view>

#include "rules_fixture.hpp"

using namespace planck;
using namespace planck::test;

namespace {

const std::int64_t k_now = *utc_epoch(2025, 10, 30, 12, 34, 56);

const LogSection& log_named(const Config& config, std::string_view name)
{
  const auto found = find_log_spec(config, std::string(name));
  REQUIRE_MESSAGE(found.has_value(), (found.has_value() ? "" : found.error()));
  return **found;
}

std::string crlf(std::string text)
{
  std::string result;
  for (char c : text) {
    result += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  return result;
}

} // namespace

TEST_CASE("append_log_entry")
{
  const Config config = make_config();
  const LogSection& progress = log_named(config, "progress");

  SUBCASE("appends directly after the last entry, stamped now to the minute, the rest untouched")
  {
    const std::string before = plan("- [2025-10-30 09:00 UTC] Started.\n");
    const auto result = append_log_entry(before, config, progress, "Phase 1 done.", k_now);
    REQUIRE(result.status == LogAppend::Status::ok);
    CHECK(result.entry == "- [2025-10-30 12:34 UTC] Phase 1 done.");
    CHECK(result.line == 22);
    const std::string expected = plan("- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 12:34 UTC] Phase 1 done.\n");
    CHECK(result.text == expected);
  }

  SUBCASE("a CRLF plan stays CRLF, byte for byte elsewhere")
  {
    const std::string before = crlf(plan("- [2025-10-30 09:00 UTC] Started.\n"));
    const auto result = append_log_entry(before, config, progress, "Phase 1 done.", k_now);
    REQUIRE(result.status == LogAppend::Status::ok);
    CHECK(result.text == crlf(plan("- [2025-10-30 09:00 UTC] Started.\n- [2025-10-30 12:34 UTC] Phase 1 done.\n")));
  }

  SUBCASE("the result passes the history rules against the plan it came from")
  {
    const std::string before = plan("- [2025-10-30 09:00 UTC] Started.\n");
    const auto result = append_log_entry(before, config, log_named(config, "decision-log"), "Use Postgres.", k_now);
    REQUIRE(result.status == LogAppend::Status::ok);
    FakeChangeSet changes;
    changes.mutable_range().now = k_now;
    changes.mutable_range().head_committer_time = k_now;
    changes.modify(k_plan_path, before, result.text);
    changes.keep("PLANS.md", "## Active Plans\n\n- [2025-10-30] Migrate storage – "
                             "[migrate-storage](docs/development/plans/migrate-storage.md) – @a – in-progress\n\n"
                             "## Completed Plans\n");
    const auto found = check(changes, config);
    CHECK_MESSAGE(found.empty(), dump(found));
  }

  SUBCASE("a newest-first section gets the entry at its start, with the same bullet")
  {
    const Config newest = make_config("extends: agdd\nplans:\n  logs:\n    - Progress\n"
                                      "    - {name: Decision Log, newest_first: true}\n");
    const std::string before = plan("- [2025-10-30 09:00 UTC] Started.\n",
                                    "* [2025-10-30 10:00 UTC] Second.\n* [2025-10-30 09:05 UTC] First.\n");
    const auto result = append_log_entry(before, newest, log_named(newest, "decision log"), "Third.", k_now);
    REQUIRE(result.status == LogAppend::Status::ok);
    CHECK(result.text == plan("- [2025-10-30 09:00 UTC] Started.\n",
                              "* [2025-10-30 12:34 UTC] Third.\n* [2025-10-30 10:00 UTC] Second.\n"
                              "* [2025-10-30 09:05 UTC] First.\n"));
  }

  SUBCASE("an empty section gets its first entry after the heading, one blank line around it")
  {
    const std::string before = "# P\n\n## Progress\n\n## Decision Log\n";
    const auto result = append_log_entry(before, config, progress, "First.", k_now);
    REQUIRE(result.status == LogAppend::Status::ok);
    CHECK(result.text == "# P\n\n## Progress\n\n- [2025-10-30 12:34 UTC] First.\n\n## Decision Log\n");
    const auto tight = append_log_entry("# P\n## Progress\n## Decision Log", config, progress, "First.", k_now);
    CHECK(tight.text == "# P\n## Progress\n\n- [2025-10-30 12:34 UTC] First.\n\n## Decision Log");
  }

  SUBCASE("a placeholder line in an empty section is replaced; other prose stays above the list")
  {
    const auto placeholder = append_log_entry("## Progress\n\n_None yet._\n", config, progress, "First.", k_now);
    CHECK(placeholder.text == "## Progress\n\n- [2025-10-30 12:34 UTC] First.\n");
    const auto prose = append_log_entry("## Progress\n\nUpdates go here.\n", config, progress, "First.", k_now);
    CHECK(prose.text == "## Progress\n\nUpdates go here.\n\n- [2025-10-30 12:34 UTC] First.\n");
  }

  SUBCASE("a checklist section gets a ticked, stamped step after the pending ones")
  {
    const Config execplan = make_config("extends: execplan\n");
    const std::string before = "## Progress\n\n- [x] (2025-10-30 09:00Z) Started.\n- [ ] Pending step.\n";
    const auto result = append_log_entry(before, execplan, log_named(execplan, "Progress"), "Did it.", k_now);
    REQUIRE(result.status == LogAppend::Status::ok);
    CHECK(result.text == before + "- [x] (2025-10-30 12:34Z) Did it.\n");
  }

  SUBCASE("multi-line text becomes one entry with indented continuation lines")
  {
    const auto result = append_log_entry("## Progress\n\n- [2025-10-30 09:00 UTC] a\n", config, progress,
                                         "line one\r\n\nline two", k_now);
    CHECK(result.text == "## Progress\n\n- [2025-10-30 09:00 UTC] a\n- [2025-10-30 12:34 UTC] line one\n  line two\n");
  }

  SUBCASE("time never goes backwards: an entry later this minute makes the new one carry seconds")
  {
    const std::string before = "## Progress\n\n- [2025-10-30 12:34:30 UTC] just now\n";
    const auto result = append_log_entry(before, config, progress, "next", k_now);
    REQUIRE(result.status == LogAppend::Status::ok);
    CHECK(result.entry == "- [2025-10-30 12:34:56 UTC] next");
  }

  SUBCASE("time never goes backwards: an entry in the future is refused, nothing produced")
  {
    const std::string before = "## Progress\n\n- [2025-10-30 13:00 UTC] from a fast clock\n";
    const auto result = append_log_entry(before, config, progress, "next", k_now);
    CHECK(result.status == LogAppend::Status::in_future);
    CHECK(result.newest == *utc_epoch(2025, 10, 30, 13, 0));
    CHECK(result.text.empty());
  }

  SUBCASE("a plan without the section is reported, not edited")
  {
    const auto result = append_log_entry("# P\n\n## Progress\n", config, log_named(config, "surprises"), "x", k_now);
    CHECK(result.status == LogAppend::Status::no_section);
  }

  SUBCASE("last_synced moves forward to today with the entry")
  {
    const std::string front = "---\ntitle: P\nlast_synced: \"2025-10-01\" # kept comment\n---\n";
    const auto result = append_log_entry(front + "## Progress\n", config, progress, "x", k_now);
    CHECK(result.text.rfind("---\ntitle: P\nlast_synced: \"2025-10-30\" # kept comment\n---\n", 0) == 0);
  }
}

TEST_CASE("advance_last_synced")
{
  SUBCASE("moves an older date forward to today")
  {
    CHECK(advance_last_synced("---\nlast_synced: 2025-10-01\n---\n# T\n", k_now) ==
          "---\nlast_synced: 2025-10-30\n---\n# T\n");
  }

  SUBCASE("never moves it backwards, and leaves today's date alone")
  {
    const std::string later = "---\nlast_synced: 2025-11-02\n---\n";
    CHECK(advance_last_synced(later, k_now) == later);
    const std::string today = "---\r\nlast_synced: 2025-10-30\r\n---\r\n";
    CHECK(advance_last_synced(today, k_now) == today);
  }

  SUBCASE("documents without the key, without front matter, or with a non-date value are left alone")
  {
    for (const std::string text :
         {"# T\n", "---\ntitle: T\n---\n", "---\nlast_synced: soon\n---\n", "---\n[a\n---\n"}) {
      CHECK(advance_last_synced(text, k_now) == text);
    }
  }
}

TEST_CASE("set_front_matter_value")
{
  SUBCASE("replaces the value in place, keeping comments and line endings")
  {
    CHECK(set_front_matter_value("---\r\nstatus: in-progress # now\r\n---\r\n", "status", "completed", true) ==
          "---\r\nstatus: completed # now\r\n---\r\n");
  }

  SUBCASE("adds a missing key before the closing fence only when asked")
  {
    const std::string text = "---\ntitle: T\n---\n# T\n";
    CHECK(set_front_matter_value(text, "status", "completed", true) == "---\ntitle: T\nstatus: completed\n---\n# T\n");
    CHECK(set_front_matter_value(text, "status", "completed", false) == text);
  }

  SUBCASE("a document without front matter is not given one")
  {
    CHECK(set_front_matter_value("# T\n", "status", "completed", true) == "# T\n");
  }
}

TEST_CASE("find_log_spec")
{
  const Config config = make_config();

  SUBCASE("names match case-insensitively, with & and and alike, kebab-case, or by a unique prefix")
  {
    for (const std::string name : {"progress", "Progress", "PROGRESS"}) {
      CHECK(log_named(config, name).name == "Progress");
    }
    for (const std::string name : {"decision-log", "Decision Log", "decision_log", "decision"}) {
      CHECK(log_named(config, name).name == "Decision Log");
    }
    for (const std::string name : {"surprises", "Surprises and Discoveries", "surprises-and-discoveries"}) {
      CHECK(log_named(config, name).name == "Surprises & Discoveries");
    }
  }

  SUBCASE("an unknown name fails with a suggestion and the list of log sections")
  {
    const auto found = find_log_spec(config, "progres");
    REQUIRE_FALSE(found.has_value());
    CHECK(found.error().find("unknown log section 'progres'") != std::string::npos);
    CHECK(found.error().find("did you mean 'progress'?") != std::string::npos);
    CHECK(found.error().find("decision-log") != std::string::npos);
  }

  SUBCASE("a section that is not a log is unknown")
  {
    CHECK_FALSE(find_log_spec(config, "to-do").has_value());
    CHECK_FALSE(find_log_spec(config, "").has_value());
  }
}
