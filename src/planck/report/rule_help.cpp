#include "planck/report/rule_help.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace planck {

namespace {

std::string_view type_name(OptionType type)
{
  switch (type) {
  case OptionType::boolean:
    return "boolean";
  case OptionType::integer:
    return "integer";
  case OptionType::string:
    return "string";
  case OptionType::string_list:
    return "list of strings";
  case OptionType::glob_list:
    return "list of globs";
  }
  return "value";
}

// The type with the smallest value the config accepts, where there is one: "integer, at least 0".
std::string type_of(const OptionSpec& option)
{
  std::string type(type_name(option.type));
  if (option.minimum) {
    type += fmt::format(", at least {}", *option.minimum);
  }
  return type;
}

std::string indent(std::string_view text)
{
  std::string result;
  for (const auto& line : split(trim(text), '\n')) {
    result += "    " + line + "\n";
  }
  return result;
}

// A code fence longer than any backtick run inside `text`, so an example holding ``` stays one block.
std::string fence_for(std::string_view text)
{
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(4, longest + 1), '`');
}

// Option help is Markdown already: keep its code spans, only keep it inside its table cell.
std::string table_cell(std::string_view markdown)
{
  std::string cell;
  for (const char c : markdown) {
    if (c == '|') {
      cell += "\\|";
    } else if (c == '\n' || c == '\r') {
      cell += ' ';
    } else {
      cell += c;
    }
  }
  return cell;
}

} // namespace

std::string rule_help(const RuleInfo& info, HelpMarkup markup)
{
  const bool markdown = markup == HelpMarkup::markdown;
  const auto heading = [markdown](std::string_view title) {
    return markdown ? fmt::format("## {}\n\n", title) : fmt::format("{}\n", title);
  };
  const auto prose = [markdown](std::string_view text) {
    return markdown ? fmt::format("{}\n\n", trim(text)) : indent(text) + "\n";
  };
  const auto example = [markdown](std::string_view text) {
    if (!markdown) {
      return indent(text) + "\n";
    }
    const std::string fence = fence_for(text);
    return fmt::format("{}\n{}\n{}\n\n", fence, trim(text), fence);
  };
  const std::string_view severity = to_string(info.default_severity);

  std::string help = markdown ? fmt::format("# {}\n\nDefault severity: **{}**\n\n{}\n\n", info.id, severity, info.summary)
                              : fmt::format("{} ({} by default)\n\n{}\n\n", info.id, severity, info.summary);
  help += heading("Why") + prose(info.description);
  help += heading("How to fix") + prose(info.fix);
  if (!info.options.empty()) {
    if (markdown) {
      help += heading("Options");
      help += fmt::format("Set under `rules: {}:` in `planck.yaml`.\n\n| option | type | default | meaning |\n"
                          "| --- | --- | --- | --- |\n",
                          info.id);
    } else {
      help += fmt::format("Options (in planck.yaml under rules: {}:)\n", info.id);
    }
    for (const auto& option : info.options) {
      help += markdown ? fmt::format("| `{}` | {} | `{}` | {} |\n", option.name, type_of(option), option.default_yaml,
                                     table_cell(option.help))
                       : fmt::format("    {} ({}, default {}): {}\n", option.name, type_of(option),
                                     option.default_yaml, option.help);
    }
    help += "\n";
  }
  help += heading("Fails") + example(info.bad_example);
  help += heading("Passes") + example(info.good_example);
  help += markdown ? fmt::format("## Turning it off\n\nIn `planck.yaml`: `rules: {{{}: off}}`. For one place:\n\n"
                                 "```markdown\n<!-- planck-disable-next-line {} -->\n```\n",
                                 info.id, info.id)
                   : fmt::format("Turn it off with `rules: {{{}: off}}` in planck.yaml, or for one place with\n"
                                 "    <!-- planck-disable-next-line {} -->\n",
                                 info.id, info.id);
  return help;
}

} // namespace planck
