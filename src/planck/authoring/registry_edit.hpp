#pragma once

#include "planck/markdown/registry.hpp"
#include "planck/util/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// The fields of a registry entry as `planck new` writes it.
struct RegistryLine
{
  std::string date;          // YYYY-MM-DD
  std::string title;
  std::string link_text;     // the plan's slug
  std::string link;          // relative to the registry
  std::string owners;
  std::string status;
};

/// `- [date] title – [link_text](link) – owners – status`; separators and unbalanced brackets in
/// the title and owners are rewritten so that the entry reads back as the same fields, and the
/// title's Markdown is escaped (`markdown_text`) so that it cannot add a link or markup.
std::string format_registry_entry(const RegistryLine& line);

/// The entry of `registry` (the document at `registry_path`) that names the plan at `plan_path`, or null.
const RegistryEntry* find_registry_entry(const Registry& registry, const std::string& registry_path,
                                         const std::string& plan_path);

/// `text` (the registry at `registry_path`) with `entry` appended to Active Plans (in place of its
/// placeholder line when the list is empty) and `last_synced` moved forward to the date of `now`.
/// Fails when the registry has no `## Active Plans` heading.
Expected<std::string> add_active_entry(std::string_view text, const std::string& registry_path,
                                       const std::string& entry, std::int64_t now);

/// `text` (the registry at `registry_path`) with the plan at `plan_path` moved from Active Plans to
/// the end of Completed Plans, its status set to `completed` (an emptied Active Plans list gets the
/// placeholder line), and `last_synced` moved forward. Unchanged when the plan is listed under
/// Completed Plans already. Fails when a heading is missing or the plan is not listed.
Expected<std::string> complete_entry(std::string_view text, const std::string& registry_path,
                                     const std::string& plan_path, std::int64_t now);

} // namespace planck
