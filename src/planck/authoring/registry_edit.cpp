#include "planck/authoring/registry_edit.hpp"

#include "planck/authoring/line_buffer.hpp"
#include "planck/authoring/plan_edit.hpp"
#include "planck/authoring/plan_template.hpp"
#include "planck/markdown/parser.hpp"
#include "planck/plan/plan_status.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <array>

namespace planck {

namespace {

constexpr std::array<std::string_view, 3> k_separators = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "};

// A field may not hold the entry form's separators, nor brackets the field splitter would pair wrongly.
std::string field_text(std::string text)
{
  for (const auto separator : k_separators) {
    for (auto at = text.find(separator); at != std::string::npos; at = text.find(separator, at)) {
      text.replace(at, separator.size(), ": ");
    }
  }
  int brackets = 0;
  int parens = 0;
  bool balanced = true;
  for (char c : text) {
    brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
    parens += c == '(' ? 1 : c == ')' ? -1 : 0;
    balanced = balanced && brackets >= 0 && parens >= 0;
  }
  if (!balanced || brackets != 0 || parens != 0 || text.find('`') != std::string::npos) {
    std::erase_if(text, [](char c) { return c == '[' || c == ']' || c == '(' || c == ')' || c == '`'; });
  }
  return std::string(trim(text));
}

const Section* section_named(const Document& document, const std::string& name)
{
  const std::string wanted = normalize_section_name(name);
  for (const auto& section : document.sections) {
    if (normalize_section_name(section.heading) == wanted) {
      return &section;
    }
  }
  return nullptr;
}

const ListItem* item_at(const Section& section, int line)
{
  for (const auto& item : section.entries) {
    if (item.line == line) {
      return &item;
    }
  }
  return nullptr;
}

// The entry's lines with its status (the text after the last separator) made `completed`.
std::vector<std::string> completed_lines(const LineBuffer& lines, const ListItem& item, const RegistryEntry& entry)
{
  std::vector<std::string> result;
  for (int number = item.line; number <= std::max(item.line, item.end_line); ++number) {
    result.push_back(lines.line(number));
  }
  std::string& last = result.back();
  std::size_t cut = std::string::npos;
  std::size_t width = 0;
  for (const auto separator : k_separators) {
    const auto at = last.rfind(separator);
    if (at != std::string::npos && (cut == std::string::npos || at > cut)) {
      cut = at;
      width = separator.size();
    }
  }
  const bool has_status = !entry.status.empty() && !entry.short_form;
  if (has_status && cut != std::string::npos) {
    last = last.substr(0, cut + width) + "completed";
  } else if (!entry.short_form) {
    while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) {
      last.pop_back();
    }
    last += " \xE2\x80\x93 completed";
  }
  return result;
}

} // namespace

std::string format_registry_entry(const RegistryLine& line)
{
  return fmt::format("- [{}] {} \xE2\x80\x93 [{}]({}) \xE2\x80\x93 {} \xE2\x80\x93 {}", line.date,
                     markdown_text(field_text(line.title)), line.link_text, line.link, field_text(line.owners),
                     line.status);
}

const RegistryEntry* find_registry_entry(const Registry& registry, const std::string& registry_path,
                                         const std::string& plan_path)
{
  for (const auto& entry : registry.entries) {
    if (registry_entry_plan(entry, registry_path, PlanSet({plan_path})) == plan_path) {
      return &entry;
    }
  }
  return nullptr;
}

Expected<std::string> add_active_entry(std::string_view text, const std::string& registry_path,
                                       const std::string& entry, std::int64_t now)
{
  const Document document = parse_document(registry_path, text);
  const Section* active = section_named(document, "Active Plans");
  if (active == nullptr) {
    return Expected<std::string>::failure(
        fmt::format("{} has no '## Active Plans' heading; add one (and '## Completed Plans') so plans can be "
                    "registered",
                    registry_path));
  }
  LineBuffer lines(advance_last_synced(text, now));
  insert_list_item(lines, *active, {entry});
  return lines.str();
}

Expected<std::string> complete_entry(std::string_view text, const std::string& registry_path,
                                     const std::string& plan_path, std::int64_t now)
{
  const Document document = parse_document(registry_path, text);
  const Section* active = section_named(document, "Active Plans");
  const Section* completed = section_named(document, "Completed Plans");
  for (const auto& [section, name] : {std::pair{active, "Active Plans"}, std::pair{completed, "Completed Plans"}}) {
    if (section == nullptr) {
      return Expected<std::string>::failure(fmt::format("{} has no '## {}' heading", registry_path, name));
    }
  }
  const Registry registry = parse_registry(document);
  const RegistryEntry* entry = find_registry_entry(registry, registry_path, plan_path);
  if (entry != nullptr && entry->list == RegistryEntry::List::completed) {
    return std::string(text);
  }
  if (entry == nullptr) {
    return Expected<std::string>::failure(
        fmt::format("{} does not list {}; register it under '## Active Plans' first", registry_path, plan_path));
  }
  const ListItem* item = item_at(*active, entry->line);
  if (item == nullptr) {
    return Expected<std::string>::failure(fmt::format("{}:{}: the entry for {} is not a list item of Active Plans",
                                                      registry_path, entry->line, plan_path));
  }

  // Take the entry out of Active Plans, then add it to Completed Plans in the text that leaves.
  LineBuffer lines(advance_last_synced(text, now));
  const std::vector<std::string> moved = completed_lines(lines, *item, *entry);
  const int last = std::max(item->line, item->end_line);
  lines.erase(item->line, last);
  if (active->entries.size() == 1) {
    lines.insert(item->line, {std::string(k_empty_list_placeholder)});
  } else if (item->line > 1 && item->line <= lines.size() && trim(lines.line(item->line - 1)).empty() &&
             trim(lines.line(item->line)).empty()) {
    // The entry was one of a loose list: do not leave two blank lines where it was.
    lines.erase(item->line, item->line);
  }
  const std::string removed = lines.str();
  const Document after = parse_document(registry_path, removed);
  const Section* target = section_named(after, "Completed Plans");
  LineBuffer result(removed);
  insert_list_item(result, *target, moved);
  return result.str();
}

} // namespace planck
