#include "planck/report/rule_help.hpp"

#include "test_report_fixture.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using namespace planck;
using namespace planck::test;

// Where `part` starts in `text`, for checking the order of sections.
std::size_t at(const std::string& text, const std::string& part)
{
  const auto found = text.find(part);
  REQUIRE_MESSAGE(found != std::string::npos, "missing: " << part << "\nin:\n" << text);
  return found;
}

} // namespace

TEST_CASE("rule help")
{
  const RuleInfo info =
    sample_rule("plan-required", Severity::error,
                {{"trigger_files", OptionType::integer, "40", "files changed, `a|b` counted once", "", 0},
                 {"trigger_paths", OptionType::glob_list, "[]", "globs that count"}});

  SUBCASE("text: the sections in order, prose and examples indented, options with type and default")
  {
    const std::string help = rule_help(info, HelpMarkup::text);
    CHECK(starts_with(help, "plan-required (error by default)\n\nOne line on what the rule finds.\n\n"));
    CHECK(at(help, "Why\n    Why the rule matters, in *Markdown*.\n    On two lines.\n")
          < at(help, "How to fix\n    Change the entry so that it passes.\n"));
    CHECK(at(help, "How to fix\n") < at(help, "Options (in planck.yaml under rules: plan-required:)\n"));
    CHECK(at(help, "    trigger_files (integer, at least 0, default 40): files changed, `a|b` counted once\n")
          < at(help, "    trigger_paths (list of globs, default []): globs that count\n"));
    CHECK(at(help, "Fails\n    - [TBD] an entry\n") < at(help, "Passes\n    - [2025-10-30 11:42 UTC] an entry\n"));
    CHECK(help.ends_with("Turn it off with `rules: {plan-required: off}` in planck.yaml, or for one place with\n"
                         "    <!-- planck-disable-next-line plan-required -->\n"));
  }

  SUBCASE("markdown: headings, an options table whose cells keep to their column, fenced examples")
  {
    const std::string help = rule_help(info, HelpMarkup::markdown);
    CHECK(starts_with(help, "# plan-required\n\nDefault severity: **error**\n\nOne line on what the rule finds.\n\n"));
    CHECK(at(help, "## Why\n\nWhy the rule matters, in *Markdown*.\nOn two lines.\n\n")
          < at(help, "## How to fix\n\nChange the entry so that it passes.\n\n"));
    CHECK(at(help, "## Options\n\nSet under `rules: plan-required:` in `planck.yaml`.\n\n"
                   "| option | type | default | meaning |\n| --- | --- | --- | --- |\n")
          < at(help, "| `trigger_files` | integer, at least 0 | `40` | files changed, `a\\|b` counted once |\n"));
    CHECK(at(help, "## Fails\n\n````\n- [TBD] an entry\n````\n\n")
          < at(help, "## Passes\n\n````\n- [2025-10-30 11:42 UTC] an entry\n````\n\n"));
    CHECK(help.ends_with("## Turning it off\n\nIn `planck.yaml`: `rules: {plan-required: off}`. For one place:\n\n"
                         "```markdown\n<!-- planck-disable-next-line plan-required -->\n```\n"));
  }

  SUBCASE("an example holding a fence is fenced by a longer one")
  {
    RuleInfo fenced = info;
    fenced.bad_example = "`````\ncode\n`````\n";
    CHECK(rule_help(fenced, HelpMarkup::markdown).find("## Fails\n\n``````\n`````\ncode\n`````\n``````\n")
          != std::string::npos);
  }

  SUBCASE("a rule without options has no options section")
  {
    const RuleInfo plain = sample_rule("timestamp-format", Severity::warning);
    CHECK(rule_help(plain, HelpMarkup::text).find("Options") == std::string::npos);
    CHECK(rule_help(plain, HelpMarkup::markdown).find("## Options") == std::string::npos);
    CHECK(starts_with(rule_help(plain, HelpMarkup::text), "timestamp-format (warning by default)\n"));
  }
}
