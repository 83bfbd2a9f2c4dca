#pragma once

#include "planck/model/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// Parses `text` (the file's bytes) as GitHub-flavoured Markdown into a `Document` for `path`.
/// Never throws on content: NUL bytes, invalid UTF-8, CRLF, a BOM or an empty file are
/// recorded in `Document::problems` or handled. Line numbers count front matter lines.
Document parse_document(const std::string& path, std::string_view text);

/// What parsing `text` would cost, read from its bytes without parsing: cmark-gfm's memory grows
/// with the elements it builds, and its table extension's time with the square of a table's
/// columns, so a hostile document is measured here and refused before it is parsed.
struct MarkdownShape
{
  std::size_t elements = 0;        // an upper estimate: block lines, container markers, inline markup
  std::size_t widest_table = 0;    // columns of the widest table delimiter row (`|---|---|`)
};
MarkdownShape markdown_shape(std::string_view text);

/// Anchors that `text` certainly has, found by reading its lines without parsing: those of ATX
/// headings (`## Decision Log`) at the start of a line, outside fenced code, whose text is plain
/// words, so that their anchor is the one parse_document would give. Any heading anchor of the
/// parsed document may be missing here (one inside a list, a setext heading, everything after a
/// line that could open an HTML block); none is here that the parsed document lacks. A link whose
/// fragment is in this list is answered without parsing the document it points into.
std::vector<std::string> certain_heading_anchors(std::string_view text);

} // namespace planck
