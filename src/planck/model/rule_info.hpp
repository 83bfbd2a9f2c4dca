#pragma once

#include "planck/model/severity.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace planck {

/// The type an option's value must have in the config.
enum class OptionType { boolean, integer, string, string_list, glob_list };

/// One option a rule takes, with its default written as YAML.
struct OptionSpec
{
  std::string_view name;
  OptionType type;
  std::string_view default_yaml;
  std::string_view help;
  std::string_view choices = {};   // a string option's allowed values, `|`-separated; empty: any
  std::optional<long long> minimum = {}; // an integer option's smallest value, refused below it; none: any
};

/// What planck knows of a rule without running it: the table behind `planck rules` and `explain`.
struct RuleInfo
{
  std::string_view id;
  Severity default_severity;
  std::string_view summary;       // one line
  std::string_view description;   // what and why, Markdown
  std::string_view fix;           // how to fix, Markdown
  std::string_view bad_example;   // a failing example (Markdown source)
  std::string_view good_example;  // the same, passing
  std::vector<OptionSpec> options;
};

} // namespace planck
