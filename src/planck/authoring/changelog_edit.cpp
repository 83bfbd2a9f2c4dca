#include "planck/authoring/changelog_edit.hpp"

#include "planck/authoring/line_buffer.hpp"
#include "planck/authoring/plan_edit.hpp"
#include "planck/authoring/plan_template.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/markdown/registry.hpp"
#include "planck/util/strings.hpp"

#include <filesystem>
#include <utility>

namespace planck {

namespace {

std::string link_title(std::string_view title)
{
  std::string text;
  for (char c : title) {
    if (c == '[' || c == ']' || c == '\\') {
      text.push_back('\\');
    }
    text.push_back(c);
  }
  return text;
}

} // namespace

std::string changelog_path(const Config& config)
{
  // The document the `plan-completion` rule wants the link in, when its config names one.
  if (const auto rule = config.rules.find("plan-completion"); rule != config.rules.end()) {
    const RuleOptions& options = rule->second.options;
    if (options.has("changelog") && !trim(options.string("changelog")).empty()) {
      return std::string(trim(options.string("changelog")));
    }
  }
  for (const auto& path : config.crosslinks) {
    if (to_lower(std::filesystem::path(path).filename().string()) == "changelog.md") {
      return path;
    }
  }
  return "CHANGELOG.md";
}

bool links_to(std::string_view text, const std::string& document_path, const std::string& target_path)
{
  const Document document = parse_document(document_path, text);
  for (const auto& link : document.links) {
    // An image is no link for plan-completion either: close must add a real one.
    if (!link.image && resolve_relative_link(document_path, link.destination) == target_path) {
      return true;
    }
  }
  return false;
}

std::string add_changelog_link(const std::optional<std::string>& text, const std::string& changelog_path,
                               const std::string& plan_path, const std::string& title, std::int64_t now)
{
  const std::string line = "- Completed [" + link_title(title) + "](" + relative_link(changelog_path, plan_path) + ").";
  if (!text) {
    return "# Changelog\n\n## Unreleased\n\n" + line + "\n";
  }
  if (links_to(*text, changelog_path, plan_path)) {
    return *text;
  }
  const std::string synced = advance_last_synced(*text, now);
  const Document document = parse_document(changelog_path, synced);
  LineBuffer lines(synced);
  if (!document.sections.empty()) {
    insert_list_item(lines, document.sections.front(), {line});
    return lines.str();
  }
  // No `## ` heading: the file is a title and prose, so a new `## Unreleased` section goes at its end.
  int last_content = lines.size();
  while (last_content > 0 && trim(lines.line(last_content)).empty()) {
    --last_content;
  }
  std::vector<std::string> block;
  if (last_content > 0) {
    block.emplace_back();
  }
  block.insert(block.end(), {"## Unreleased", "", line});
  lines.insert(last_content + 1, block);
  return lines.str();
}

} // namespace planck
