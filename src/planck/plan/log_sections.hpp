#pragma once

#include "planck/config/config.hpp"
#include "planck/model/document.hpp"
#include "planck/util/timestamp.hpp"

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <utility>
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

/// True when the log section `spec` is kept newest first: as configured, or, when its order is
/// `detect`, as its entries show. `reference` is the section at base; when it shows no order (fewer
/// than two timestamped entries), where `fallback` (the section at head) put its new entries decides
/// (before the kept ones: newest first), then the order `fallback` shows. Ties are oldest first.
bool kept_newest_first(const LogSection& spec, const Section* reference, const Section* fallback,
                       const TimestampOptions& options);

/// True when `entry` stands in for an empty log rather than recording anything: `None yet.`,
/// `TBD`, `(pending)`, `_None_`, `Nothing to report`, `No decisions yet`.
bool is_placeholder_entry(const ListItem& entry);

/// How an entry at head differs from the entry it replaced at base.
enum class EntryEdit {
  same,             // no difference (whitespace aside)
  placeholder,      // the base entry was a placeholder, now replaced
  stamped_tick,     // an open box ticked and stamped with its time, the text kept
  link_target,      // only where a link points changed
  mechanical,       // whitespace, punctuation or case only
  spelling,         // a few letters, under the configured ratio; no number, date or negation changed
  rewrite,          // anything else: a change of what the entry says
};

/// Classifies the change from `before` to `after`; `max_edit_percent` bounds a spelling-level
/// edit as a percentage of the longer text's letters and digits.
EntryEdit classify_edit(const ListItem& before, const ListItem& after, const TimestampOptions& options,
                        long long max_edit_percent);

/// How the entries of a log section at base are found at head.
struct LogAlignment
{
  enum class Fate { kept, moved, edited, removed };
  struct Old
  {
    Fate fate = Fate::removed;
    std::ptrdiff_t head = -1;          // where it is at head (kept, moved, edited)
    EntryEdit edit = EntryEdit::same;  // for edited
  };
  std::vector<Old> base;                 // one per base entry
  std::vector<std::ptrdiff_t> head;      // per head entry: the base entry it is (kept or edited), or -1: added
};

/// Matches base entries, in order, to head entries; an unmatched base entry is paired with an
/// unmatched head entry between its neighbours' matches (an edit), preferring one that differs
/// only mechanically; what is left is removed (base) or added (head).
LogAlignment align_log(const Section* base, const Section* head, const LogSection& spec,
                       const TimestampOptions& options, long long max_edit_percent);

/// `text` cut to `limit` bytes at a character boundary, with `…` when cut; newlines become spaces.
std::string quote(std::string_view text, std::size_t limit = 80);

/// Quotes of an entry before and after an edit, each about `limit` bytes: when they differ only
/// past what a quote shows, both start shortly before the first difference (`…` marks the cut).
std::pair<std::string, std::string> quote_both(std::string_view before, std::string_view after,
                                               std::size_t limit = 80);

} // namespace planck
