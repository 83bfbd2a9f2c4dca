#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// The source bytes of one block (paragraph, heading, table row) with container prefixes left in,
/// so that inline constructs found in it map back to real lines and byte columns.
class SourceRegion
{
public:
  /// Covers lines `first_line`..`last_line` (1-based) of `lines`, the first from `first_column`.
  SourceRegion(const std::vector<std::string_view>& lines, int first_line, int first_column, int last_line);

  /// Where the next link or image opens, searching after the previous find; links in document
  /// order get distinct places. `reference` tells whether it is written reference-style.
  struct Place
  {
    int line = 0;
    int column = 0;
    bool reference = false;
  };
  std::optional<Place> find_link(bool image, const std::string& text, const std::string& url);

  /// Where the next occurrence of `literal` (an inline HTML comment's first line) starts, outside code spans.
  std::optional<Place> find_literal(const std::string& literal);

private:
  std::pair<int, int> position(std::size_t offset) const;
  bool escaped(std::size_t offset) const;
  std::optional<std::size_t> matching_bracket(std::size_t open) const;
  std::size_t matching_paren(std::size_t open) const;
  void mark_code_spans();
  void match_brackets();
  void skip(std::size_t begin, std::size_t end, char kind);

  std::string m_text;
  std::vector<std::size_t> m_line_starts; // offset in m_text of each line of the region
  std::vector<int> m_first_columns;       // source column of each line's first byte
  int m_first_line = 1;
  std::vector<char> m_skip;            // 1 inside code spans, 2 inside found link destinations
  std::vector<std::size_t> m_brackets; // offset of the `]` closing the `[` at each offset
  std::size_t m_cursor = 0;
};

} // namespace planck
