#include "rules_fixture.hpp"

#include <algorithm>
#include <set>
#include <thread>

using namespace planck;
using namespace planck::test;

TEST_CASE("rule engine")
{
  FakeChangeSet changes;

  SUBCASE("disable-next-line suppresses one finding of the named rule")
  {
    changes.add(k_plan_path,
                plan("- [2025-10-30 09:00 UTC] a\n\n<!-- planck-disable-next-line timestamp-format -->\n- no time\n"));
    const auto found = check(changes, make_config());
    CHECK_MESSAGE(findings_of(found, "timestamp-format").empty(), dump(found));
    CHECK(findings_of(found, "unused-suppression").empty());
  }

  SUBCASE("disable ... enable suppresses a block, and only the named rule")
  {
    changes.add(k_plan_path, plan("<!-- planck-disable timestamp-format -->\n\n- no time\n- no time either\n\n"
                                  "<!-- planck-enable timestamp-format -->\n\n- still no time\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].line == 28);
  }

  SUBCASE("a suppression that suppresses nothing is a note")
  {
    changes.add(k_plan_path, plan("<!-- planck-disable-next-line timestamp-format -->\n- [2025-10-30 09:00 UTC] fine\n"));
    const auto found = findings_of(check(changes, make_config()), "unused-suppression");
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == Severity::note);
    CHECK(found[0].line == 21);
  }

  SUBCASE("a suppression naming an unknown rule says so")
  {
    changes.add(k_plan_path, plan("<!-- planck-disable-next-line timestamp-formt -->\n- no time\n"));
    const auto found = check(changes, make_config());
    const auto unused = findings_of(found, "unused-suppression");
    REQUIRE(unused.size() == 1);
    CHECK(unused[0].message.find("did you mean 'timestamp-format'?") != std::string::npos);
    CHECK(dump(findings_of(found, "timestamp-format")) ==
          "docs/development/plans/migrate-storage.md:22:3: Progress entry has no timestamp; start it with `[YYYY-MM-DD "
          "HH:MM UTC]` [timestamp-format]\n");
  }

  SUBCASE("a suppression inside a code block is an example")
  {
    changes.add(k_plan_path, plan("```\n<!-- planck-disable timestamp-format -->\n```\n\n- no time\n"));
    const auto found = check(changes, make_config());
    CHECK(dump(findings_of(found, "timestamp-format")) ==
          "docs/development/plans/migrate-storage.md:25:3: Progress entry has no timestamp; start it with `[YYYY-MM-DD "
          "HH:MM UTC]` [timestamp-format]\n");
    CHECK(findings_of(found, "unused-suppression").empty());
  }

  SUBCASE("a document with NUL bytes gets one invalid-document finding and nothing else")
  {
    changes.add(k_plan_path, std::string("# Plan\n\nsome\0binary", 19));
    const auto found = check(changes, make_config());
    REQUIRE_MESSAGE(found.size() == 1, dump(found));
    CHECK(found[0].rule == "invalid-document");
    CHECK(found[0].line == 3);
  }

  SUBCASE("severity overrides and paths apply")
  {
    changes.add(k_plan_path, plan("- no time\n"));
    auto found = findings_of(check(changes, make_config("rules:\n  timestamp-format: warning\n")), "timestamp-format");
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == Severity::warning);
    found = findings_of(check(changes, make_config("rules:\n  timestamp-format:\n    paths: ['docs/other/*.md']\n")),
                        "timestamp-format");
    CHECK(found.empty());
  }

  SUBCASE("each enabled rule is paired with every target in its paths, in catalogue order (JUnit's test cases)")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n"));
    const Config config =
      make_config("rules:\n  timestamp-format: off\n  last-synced:\n    paths: ['docs/other/*.md']\n");
    const auto checks = rule_checks(config, select_targets(changes, config));
    const auto has = [&checks](const std::string& rule) {
      return std::any_of(checks.begin(), checks.end(), [&rule](const RuleCheck& check) {
        return check.rule == rule && check.path == k_plan_path;
      });
    };
    CHECK(has("sections-required"));
    CHECK(has("log-append-only"));
    CHECK_FALSE(has("timestamp-format"));
    CHECK_FALSE(has("last-synced"));
    std::vector<std::string> order;
    for (const auto& entry : rule_catalogue()) {
      order.emplace_back(entry.info.id);
    }
    const auto rank = [&order](const RuleCheck& check) {
      return std::find(order.begin(), order.end(), check.rule) - order.begin();
    };
    CHECK(std::is_sorted(checks.begin(), checks.end(),
                         [&rank](const RuleCheck& a, const RuleCheck& b) { return rank(a) < rank(b); }));
  }

  SUBCASE("ignored paths are not checked")
  {
    changes.add(k_plan_path, plan("- no time\n"));
    CHECK(check(changes, make_config("ignore: ['docs/development/plans/migrate-*']\n")).empty());
  }

  SUBCASE("unchanged documents are not checked unless --all")
  {
    changes.keep(k_plan_path, plan("- no time\n"));
    CHECK(check(changes, make_config()).empty());
    changes.mutable_range().all = true;
    CHECK(dump(findings_of(check(changes, make_config()), "timestamp-format")) ==
          "docs/development/plans/migrate-storage.md:21:3: Progress entry has no timestamp; start it with `[YYYY-MM-DD "
          "HH:MM UTC]` [timestamp-format]\n");
  }

  SUBCASE("fingerprints survive unrelated lines moving, and differ between findings")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- no time\n- no time again\n"));
    const auto before = findings_of(check(changes, make_config()), "timestamp-format");
    FakeChangeSet moved;
    std::string text = plan("- [2025-10-30 09:00 UTC] a\n- no time\n- no time again\n");
    text.replace(text.find("Move to Postgres."), 17, "Move to Postgres.\n\nA longer purpose.\n\nMore lines.");
    moved.add(k_plan_path, text);
    const auto after = findings_of(check(moved, make_config()), "timestamp-format");
    REQUIRE(before.size() == 2);
    REQUIRE(after.size() == 2);
    CHECK(before[0].line != after[0].line);
    CHECK(before[0].fingerprint == after[0].fingerprint);
    CHECK(before[1].fingerprint == after[1].fingerprint);
    CHECK(before[0].fingerprint != before[1].fingerprint);
    CHECK(before[0].fingerprint.size() == 16);
  }

  SUBCASE("identical entries still get distinct fingerprints")
  {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- same\n- same\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE(found.size() == 2);
    CHECK(found[0].fingerprint != found[1].fingerprint);
  }

  SUBCASE("findings are sorted by path and line")
  {
    changes.add("docs/development/plans/b.md", plan("- no time\n"));
    changes.add("docs/development/plans/a.md", plan("- [2025-10-30 09:00 UTC] a\n- x\n- y\n"));
    const auto found = findings_of(check(changes, make_config()), "timestamp-format");
    REQUIRE(found.size() == 3);
    CHECK(found[0].path == "docs/development/plans/a.md");
    CHECK(found[0].line < found[1].line);
    CHECK(found[2].path == "docs/development/plans/b.md");
  }

  SUBCASE("the catalogue has every rule of the spec's foundation with a summary and help")
  {
    for (const char* id : {"timestamp-format", "timestamps-monotonic", "log-append-only", "sections-required",
                           "front-matter", "last-synced", "unused-suppression"}) {
      const RuleEntry* entry = find_rule(id);
      REQUIRE_MESSAGE(entry != nullptr, id);
      CHECK_FALSE(entry->info.summary.empty());
      CHECK_FALSE(entry->info.description.empty());
      CHECK_FALSE(entry->info.fix.empty());
    }
    CHECK(find_rule("last-synced")->info.default_severity == Severity::warning);
    CHECK(find_rule("timestamp-format")->info.default_severity == Severity::error);
  }
}

namespace {

// A rule of the test's own, reporting in its targets and in a document outside them.
void report_inside_and_outside(const RuleContext& context)
{
  for (const auto& target : context.targets) {
    context.report({.path = target.path, .line = 0, .column = -3, .end_line = 0, .message = "inside",
                    .fingerprint_key = "", .severity = std::nullopt});
  }
  context.report({.path = "docs/elsewhere.md", .line = 4, .column = 2, .end_line = 0, .message = "outside",
                  .fingerprint_key = "key", .severity = Severity::note});
}

} // namespace

TEST_CASE("the engine's phases: the rules' targets, one rule's findings, invalid documents, fingerprints")
{
  FakeChangeSet changes;
  changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n"));
  changes.add("docs/development/plans/binary.md", std::string("# B\0inary\n", 10));
  const Config config = make_config();
  const auto targets = select_targets(changes, config);

  SUBCASE("binary documents and those past a limit reach invalid-document only")
  {
    const auto readable = readable_targets(targets);
    REQUIRE(readable.size() + 1 == targets.size());
    CHECK(std::none_of(readable.begin(), readable.end(),
                       [](const Target& target) { return target.path == "docs/development/plans/binary.md"; }));
    const auto invalid = invalid_document_findings(changes, config, targets);
    REQUIRE(invalid.size() == 1);
    CHECK(invalid[0].rule == "invalid-document");
    CHECK(invalid[0].path == "docs/development/plans/binary.md");
  }

  SUBCASE("a rule's findings: outside the checked documents only when range-wide, places at least 1:1")
  {
    RuleEntry entry{find_rule("timestamp-format")->info, report_inside_and_outside, false};
    const RuleConfig& settings = config.rule("timestamp-format");
    std::set<std::string> checked;
    for (const auto& target : targets) {
      checked.insert(target.path);
    }
    const auto readable = readable_targets(targets);
    const RuleRun narrow = run_rule(entry, settings, changes, config, readable, checked);
    REQUIRE(narrow.findings.size() == 1);
    CHECK(narrow.findings[0].path == k_plan_path);
    CHECK(narrow.findings[0].line == 1);
    CHECK(narrow.findings[0].column == 1);
    CHECK(narrow.findings[0].severity == settings.severity);
    CHECK(narrow.findings[0].rule == "timestamp-format");
    CHECK(narrow.findings[0].fingerprint_key == "inside");
    CHECK(narrow.seconds >= 0);

    entry.range_wide = true;
    const RuleRun wide = run_rule(entry, settings, changes, config, readable, checked);
    REQUIRE(wide.findings.size() == 2);
    CHECK(wide.findings[1].path == "docs/elsewhere.md");
    CHECK(wide.findings[1].severity == Severity::note);
    CHECK(wide.findings[1].fingerprint_key == "key");
  }

  SUBCASE("findings sorted, and two identical ones fingerprinted apart")
  {
    Finding later{"timestamp-format", Severity::error, k_plan_path, 9, 1, 0, "same", {}, "same"};
    Finding earlier = later;
    earlier.line = 3;
    std::vector<Finding> findings = {later, earlier, later};
    fingerprint(findings);
    CHECK(findings[0].line == 3);
    CHECK(findings[1].line == 9);
    CHECK(findings[2].line == 9);
    CHECK(findings[0].fingerprint != findings[1].fingerprint);
    CHECK(findings[1].fingerprint != findings[2].fingerprint);
    CHECK(findings[0].fingerprint.size() == 16);
    // From content, not place: the finding keeps its fingerprint when its line moves.
    std::vector<Finding> moved = {later};
    moved[0].line = 50;
    fingerprint(moved);
    CHECK(moved[0].fingerprint == findings[0].fingerprint);
  }

  SUBCASE("a rule that throws stops the check")
  {
    RuleEntry entry{find_rule("timestamp-format")->info,
                    [](const RuleContext&) { throw Error("cannot read docs/development/plans/x.md"); }, false};
    CHECK_THROWS_WITH_AS(run_rule(entry, config.rule("timestamp-format"), changes, config, targets, {}),
                         "cannot read docs/development/plans/x.md", Error);
  }
}
TEST_CASE("rules run side by side find what they find one after another, in the same order")
{
  const auto build = [](FakeChangeSet& changes) {
    changes.add(k_plan_path, plan("- [2025-10-30 09:00 UTC] a\n- no time\n- [2025-10-29 09:00 UTC] back\n",
                                  "- [2025-10-30 09:05 UTC] [gone](gone.md), [x](../../../CHANGELOG.md#nope)\n"));
    changes.modify("docs/development/plans/other.md", plan("- [2025-10-30 08:00 UTC] kept\n"),
                   plan("- [2025-10-30 08:00 UTC] rewritten\n"));
    changes.keep("CHANGELOG.md", "# Changelog\n\n## Unreleased\n");
    changes.keep("PLANS.md", "# ExecPlans\n\n## Active Plans\n\n## Completed Plans\n");
  };
  FakeChangeSet one_by_one;
  build(one_by_one);
  FakeChangeSet side_by_side;
  build(side_by_side);
  side_by_side.share_between_threads();
  const Config config = make_config();

  const CheckResult serial = run_rules(one_by_one, config, select_targets(one_by_one, config));
  const CheckResult parallel = run_rules(side_by_side, config, select_targets(side_by_side, config));
  CHECK(serial.rules_at_once == 1);
  CHECK(parallel.rules_at_once == (std::thread::hardware_concurrency() > 1 ? 2 : 1));
  REQUIRE_MESSAGE(serial.findings.size() >= 5, dump(serial.findings));
  CHECK_MESSAGE(dump(parallel.findings) == dump(serial.findings), dump(parallel.findings));
  for (std::size_t i = 0; i < serial.findings.size() && i < parallel.findings.size(); ++i) {
    CHECK(parallel.findings[i].fingerprint == serial.findings[i].fingerprint);
  }
  REQUIRE(parallel.rule_seconds.size() == serial.rule_seconds.size());
  for (std::size_t i = 0; i < serial.rule_seconds.size(); ++i) {
    CHECK(parallel.rule_seconds[i].first == serial.rule_seconds[i].first);
  }
}
