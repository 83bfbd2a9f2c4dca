#pragma once

#include "planck/model/document.hpp"

#include <string>
#include <string_view>

namespace planck {

/// Parses `text` (the file's bytes) as GitHub-flavoured Markdown into a `Document` for `path`.
/// Never throws on content: NUL bytes, invalid UTF-8, CRLF, a BOM or an empty file are
/// recorded in `Document::problems` or handled. Line numbers count front matter lines.
Document parse_document(const std::string& path, std::string_view text);

} // namespace planck
