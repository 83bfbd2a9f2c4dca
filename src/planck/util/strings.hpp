#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

/// ASCII lower-case copy of `text`.
std::string to_lower(std::string_view text);

/// `text` cut at every `separator`.
std::vector<std::string> split(std::string_view text, char separator);

/// True when `text` starts with `prefix`.
bool starts_with(std::string_view text, std::string_view prefix);

/// The UTF-8 byte order mark, which some editors put at the start of a file.
inline constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

/// `text` without a leading UTF-8 byte order mark.
std::string_view without_bom(std::string_view text);

/// Levenshtein distance between `a` and `b`, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// edit_distance when it is at most `limit`, else `limit + 1`; costs O(size * limit), not O(size²).
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The candidate closest to `word` within a small distance, or empty when none is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// Whitespace collapsed to single spaces and trimmed, for comparing text "whitespace aside".
std::string collapse_whitespace(std::string_view text);

/// collapse_whitespace without a copy where nothing collapses: a view of `text` itself, or of
/// `scratch`, which then holds the collapsed text.
std::string_view collapse_whitespace_view(std::string_view text, std::string& scratch);

/// `text` as one line: CR, LF, tab and the other ASCII control characters written as `\r`, `\n`,
/// `\t` and `\xNN`, so that quoted input cannot start lines of its own in a log.
std::string one_line(std::string_view text);

/// A 64-bit FNV-1a hash of `text` as 16 lower-case hex digits; stable across platforms and runs.
std::string stable_hash(std::string_view text);

/// `text` with CommonMark's backslash escapes taken out (a backslash before ASCII punctuation):
/// Markdown source as a reader sees it, e.g. a registry entry's title `Fix \*stars\*`.
std::string unescape_markdown(std::string_view text);

} // namespace planck
