#pragma once

#include "planck/authoring/line_buffer.hpp"
#include "planck/config/config.hpp"
#include "planck/model/document.hpp"
#include "planck/util/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// A log entry as `planck log` writes it: `- [YYYY-MM-DD HH:MM UTC] text` (`HH:MM:SS` when `seconds`),
/// or `- [x] (YYYY-MM-DD HH:MMZ) text` for a checklist section. Lines after the first of a multi-line
/// `text` are indented under the entry; blank ones are dropped.
std::string format_log_entry(const LogSection& log, std::int64_t stamp, std::string_view text, bool seconds);

/// The log section of `config` that `name` means: its name or an alias, case-insensitive, `&` and
/// `and` alike, `-` or `_` for spaces (`decision-log`), or the unique one whose name starts with it
/// (`surprises`). The failure says which names there are and the closest one.
Expected<const LogSection*> find_log_spec(const Config& config, const std::string& name);

/// The newest timestamp among the entries of `section` that carry an accepted one.
std::optional<std::int64_t> newest_entry_time(const Section& section, const Config& config);

/// Where a new list item goes in a section.
enum class ListEnd { last, first };

/// Inserts `item` (a list item's lines) into `section` (parsed from `lines`' text): directly
/// after its last top-level list item (before its first, with `ListEnd::first`), with that item's
/// bullet and indentation; when the section has no list item, in place of a lone placeholder line
/// (`_None yet._`), else after its last line of content, blank lines around it as Markdown needs.
/// Returns the line number the item starts on.
int insert_list_item(LineBuffer& lines, const Section& section, const std::vector<std::string>& item,
                     ListEnd where = ListEnd::last);

/// What `append_log_entry` did.
struct LogAppend
{
  enum class Status {
    ok,
    no_section,    // the plan has no heading for the log section
    in_future,     // the section's newest entry is later than now: appending would go backwards
  };
  Status status = Status::ok;
  std::string text;              // the new file (with `ok`)
  int line = 0;                  // the line the entry starts on
  std::string entry;             // the entry's first line as written
  std::int64_t newest = 0;       // the section's newest timestamp (with `in_future`)
};

/// Appends `entry_text` to log section `log` of the plan `text`, stamped `now` (truncated to the
/// minute, or to the second when the section's newest entry is within the current minute, so
/// the log never goes backwards), at the end of the section (the start for a newest-first one),
/// and moves `last_synced` forward to today. Every other byte of `text` stays as it was.
LogAppend append_log_entry(std::string_view text, const Config& config, const LogSection& log,
                           std::string_view entry_text, std::int64_t now);

/// `text` with front-matter `last_synced` moved forward to the UTC date of `now`, when it is there
/// and earlier (never backwards; a value that is not a date is left alone).
std::string advance_last_synced(std::string_view text, std::int64_t now);

/// `text` with top-level front-matter key `key` set to the plain scalar `value`; a missing key is
/// added before the closing fence when `add` is true. Text without front matter is returned as is.
std::string set_front_matter_value(std::string_view text, const std::string& key, const std::string& value,
                                   bool add);

} // namespace planck
