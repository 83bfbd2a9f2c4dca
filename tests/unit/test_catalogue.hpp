#pragma once

#include "planck/model/rule_info.hpp"

#include <string_view>
#include <utility>
#include <vector>

namespace planck::testing {

/// A catalogue entry with only what the config loader reads: id, default severity and options.
inline RuleInfo test_rule(std::string_view id, Severity severity,
                          std::vector<OptionSpec> options = {})
{
  return RuleInfo{id, severity, "summary", "", "", "", "", std::move(options)};
}

/// A small rule catalogue for config tests: every rule and option the embedded packs mention,
/// plus one rule no pack mentions; extend it when the packs name more rules.
inline const std::vector<RuleInfo>& test_catalogue()
{
  static const std::vector<RuleInfo> catalogue = {
      test_rule("plan-required", Severity::error,
                {{"trigger_paths", OptionType::string_list, "[]", "globs"},
                 {"trigger_files", OptionType::integer, "40", "files", "", 0},
                 {"trigger_lines", OptionType::integer, "0", "lines", "", 0},
                 {"trigger_span_hours", OptionType::integer, "24", "hours", "", 0},
                 {"trigger_commits", OptionType::integer, "0", "commits", "", 0},
                 {"trigger_exclude", OptionType::glob_list, "[]", "globs"}}),
      test_rule("plan-completion", Severity::error,
                {{"placeholders", OptionType::string_list, "[TBD]", "placeholders"},
                 {"changelog", OptionType::string, "''", "changelog"},
                 {"require_changelog_link", OptionType::boolean, "true", "link required"}}),
      test_rule("timestamp-format", Severity::error),
      test_rule("timestamps-monotonic", Severity::error,
                {{"future_tolerance_minutes", OptionType::integer, "60", "minutes ahead allowed", "", 0}}),
      test_rule("log-append-only", Severity::error),
      test_rule("sections-required", Severity::error),
      test_rule("registry-entry", Severity::error,
                {{"entry_form", OptionType::boolean, "true", "entries follow the entry form"}}),
      test_rule("links-resolve", Severity::error,
                {{"check_fragments", OptionType::boolean, "true", "check anchors"},
                 {"ignore_targets", OptionType::string_list, "[]", "paths not checked"}}),
      test_rule("front-matter", Severity::error,
                {{"required", OptionType::boolean, "false", "front matter must be present"},
                 {"keys", OptionType::string_list, "[title, slug, status, last_synced]", "keys"},
                 {"statuses", OptionType::string_list,
                  "[draft, in-progress, blocking, paused, completed]", "allowed statuses"},
                 {"slug", OptionType::string, "file-name", "slug rule", "file-name|file-name-prefix|any"}}),
      test_rule("last-synced", Severity::warning),
      test_rule("example-rule", Severity::note,
                {{"flag", OptionType::boolean, "true", "a boolean"},
                 {"heading", OptionType::string, "Active Plans", "a string"},
                 {"limit", OptionType::integer, "-3", "an integer"},
                 {"names", OptionType::string_list, "[]", "a list"},
                 {"patterns", OptionType::glob_list, "['**/*.md']", "globs"}}),
  };
  return catalogue;
}

} // namespace planck::testing
