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

/// Views of `text`'s lines without their terminators (`\n`, `\r\n` or a lone `\r`), as
/// parse_document splits them: a final line without a terminator counts, an empty text has none.
std::vector<std::string_view> split_lines(std::string_view text);

} // namespace planck
