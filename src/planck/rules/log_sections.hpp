#pragma once

#include "planck/config/config.hpp"
#include "planck/markdown/timestamp.hpp"
#include "planck/model/document.hpp"

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace planck {

/// A log section of a document together with how the config says it is kept.
struct LogView
{
  const Section* section = nullptr;
  const LogSection* spec = nullptr;
};

/// The log sections of `document`, first occurrence of each, in document order.
std::vector<LogView> log_sections(const Document& document, const Config& config);

/// The log section of `document` kept as `spec`, or null.
const Section* find_log_section(const Document& document, const Config& config, const LogSection& spec);

/// True when `entry` of a checklist section is a pending step that needs no timestamp.
bool is_pending_step(const ListItem& entry, const LogSection& spec);

/// The entry's text compared "whitespace aside".
std::string entry_key(const ListItem& entry);

/// entry_key without a copy where it can: a view of the entry's text, or of the key kept in
/// `kept` (whose strings stay put as it grows), for comparing many entries.
std::string_view entry_key_view(const ListItem& entry, std::deque<std::string>& kept);

/// The entry's text with a leading timestamp removed, for matching a checklist step once it is stamped.
std::string entry_key_without_timestamp(const ListItem& entry, const TimestampOptions& options);

/// `text` cut to `limit` bytes at a character boundary, with `…` when cut; newlines become spaces.
std::string quote(std::string_view text, std::size_t limit = 80);

} // namespace planck
