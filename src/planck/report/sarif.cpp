#include "planck/report/escape.hpp"
#include "planck/report/formats.hpp"
#include "planck/report/rule_help.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace planck {

namespace {

using Json = nlohmann::ordered_json;

// Where users learn about planck (SARIF2005 asks for it). planck has no published home yet: a
// reserved `.invalid` name cannot point at anyone else's site. Replace it once planck is published.
constexpr std::string_view k_information_uri = "https://planck.invalid/";

// GitHub rejects rule descriptions longer than 1024 characters; bytes never undercount characters.
constexpr std::size_t k_max_description = 1024;

std::string upper_camel_case(std::string_view id)
{
  std::string name;
  bool start = true;
  for (const char c : id) {
    if (c == '-' || c == '_' || c == ' ') {
      start = true;
      continue;
    }
    name += start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    start = false;
  }
  return name;
}

std::string limit_text(std::string_view text)
{
  std::string flat = valid_utf8(trim(text));
  if (flat.size() <= k_max_description) {
    return flat;
  }
  const std::string_view ellipsis = "…";
  std::size_t cut = k_max_description - ellipsis.size();
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return flat.substr(0, cut) + std::string(ellipsis);
}

std::string_view problem_severity(Severity severity)
{
  switch (severity) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::note:
    return "recommendation";
  }
  return "warning";
}

Json rule_descriptor(const RuleInfo& info)
{
  return {
    {"id", info.id},
    {"name", upper_camel_case(info.id)},
    {"shortDescription", {{"text", limit_text(info.summary)}}},
    {"fullDescription", {{"text", limit_text(info.description.empty() ? info.summary : info.description)}}},
    {"help",
     {{"text", valid_utf8(rule_help(info, HelpMarkup::text))},
      {"markdown", valid_utf8(rule_help(info, HelpMarkup::markdown))}}},
    {"defaultConfiguration", {{"level", to_string(info.default_severity)}}},
    {"properties",
     {{"tags", {"execplan", "documentation"}},
      {"precision", "very-high"},
      {"problem.severity", problem_severity(info.default_severity)}}},
  };
}

// A finding from a rule the input does not list (a newer engine, say) still needs a descriptor.
Json unknown_rule_descriptor(const std::string& id, Severity severity)
{
  const std::string summary = fmt::format("Findings of planck rule {}.", id);
  return {
    {"id", id},
    {"name", upper_camel_case(id)},
    {"shortDescription", {{"text", summary}}},
    {"fullDescription", {{"text", summary}}},
    {"help", {{"text", fmt::format("Run `planck explain {}` for this rule's help.", id)}}},
    {"defaultConfiguration", {{"level", to_string(severity)}}},
    {"properties", {{"tags", {"execplan"}}, {"precision", "very-high"}, {"problem.severity", problem_severity(severity)}}},
  };
}

std::string root_uri(std::string root)
{
  if (root.empty() || root.back() != '/') {
    root += '/';
  }
  return "file://" + percent_encode_path(root);
}

} // namespace

void write_sarif(std::ostream& out, const ReportInput& input)
{
  Json rules = Json::array();
  std::map<std::string, std::size_t> index_of;
  for (const auto& info : input.rules) {
    index_of.emplace(std::string(info.id), rules.size());
    rules.push_back(rule_descriptor(info));
  }

  Json results = Json::array();
  for (const auto& finding : input.findings) {
    auto [known, added] = index_of.try_emplace(finding.rule, rules.size());
    if (added) {
      rules.push_back(unknown_rule_descriptor(finding.rule, finding.severity));
    }
    int column = finding.column;
    if (input.source_line) {
      if (const auto line = input.source_line(finding.path, finding.line)) {
        column = utf16_column(*line, finding.column);
      }
    }
    const std::string fingerprint =
      finding.fingerprint.empty() ? stable_hash(finding.rule + "\n" + finding.path + "\n" + finding.message)
                                  : finding.fingerprint;
    results.push_back({
      {"ruleId", finding.rule},
      {"ruleIndex", known->second},
      {"level", to_string(finding.severity)},
      {"message", {{"text", finding.message.empty() ? finding.rule : finding.message}}},
      {"locations",
       {{{"physicalLocation",
          {{"artifactLocation", {{"uri", percent_encode_path(finding.path)}, {"uriBaseId", "%SRCROOT%"}}},
           {"region",
            {{"startLine", finding.line},
             {"startColumn", column},
             {"endLine", std::max(finding.end_line, finding.line)}}}}}}}},
      // The finding's fingerprint hashes rule, path and content (section, entry text), never line
      // numbers; `:1` is the occurrence suffix GitHub's own hashes carry.
      {"partialFingerprints", {{"primaryLocationLineHash", fingerprint + ":1"}}},
    });
  }

  Json driver = {
    {"name", "planck"},
    {"semanticVersion", input.tool_version.empty() ? "0.0.0" : input.tool_version},
    {"version", input.tool_version.empty() ? "0.0.0" : input.tool_version},
    {"informationUri", k_information_uri},
    {"rules", std::move(rules)},
  };
  Json run = {
    {"tool", {{"driver", std::move(driver)}}},
    // GitHub takes the category from the id up to its last '/': "planck".
    {"automationDetails", {{"id", "planck/"}}},
  };
  if (!input.root.empty()) {
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", root_uri(input.root)}}}};
  }
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = std::move(results);

  const Json document = {
    {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
    {"version", "2.1.0"},
    {"runs", Json::array({std::move(run)})},
  };
  // Invalid UTF-8 in a message (quoted from a mangled plan) must not abort the report.
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace planck
