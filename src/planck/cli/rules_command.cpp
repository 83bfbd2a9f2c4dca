#include "planck/cli/rules_command.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

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
  }
  return "value";
}

std::string indent(std::string_view text)
{
  std::string result;
  for (const auto& line : split(trim(text), '\n')) {
    result += "    " + line + "\n";
  }
  return result;
}

} // namespace

void print_rules(std::ostream& out)
{
  std::size_t width = 0;
  for (const auto& entry : rule_catalogue()) {
    width = std::max(width, entry.info.id.size());
  }
  out << fmt::format("{:<{}}  {:<8}  {}\n", "RULE", width, "SEVERITY", "SUMMARY");
  for (const auto& entry : rule_catalogue()) {
    out << fmt::format("{:<{}}  {:<8}  {}\n", entry.info.id, width, to_string(entry.info.default_severity),
                       entry.info.summary);
  }
}

void print_explanation(std::ostream& out, const std::string& id)
{
  const RuleEntry* entry = find_rule(id);
  if (entry == nullptr) {
    std::vector<std::string> ids;
    for (const auto& candidate : rule_catalogue()) {
      ids.emplace_back(candidate.info.id);
    }
    const auto suggestion = closest_match(id, ids);
    throw Error(fmt::format("unknown rule '{}'{}; `planck rules` lists them", id,
                            suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion)));
  }
  const RuleInfo& info = entry->info;
  out << fmt::format("{} ({} by default)\n\n{}\n\n", info.id, to_string(info.default_severity), info.summary);
  out << "Why\n" << indent(info.description) << "\n";
  out << "How to fix\n" << indent(info.fix) << "\n";
  if (!info.options.empty()) {
    out << "Options (in planck.yaml under rules: " << info.id << ":)\n";
    for (const auto& option : info.options) {
      out << fmt::format("    {} ({}, default {}): {}\n", option.name, type_name(option.type), option.default_yaml,
                         option.help);
    }
    out << "\n";
  }
  out << "Fails\n" << indent(info.bad_example) << "\n";
  out << "Passes\n" << indent(info.good_example) << "\n";
  out << fmt::format("Turn it off with `rules: {{{}: off}}` in planck.yaml, or for one place with\n"
                     "    <!-- planck-disable-next-line {} -->\n",
                     info.id, info.id);
}

} // namespace planck
