#pragma once

// The anchor fast path: the heading anchors a document certainly has, read from its lines without
// parsing it, so that a link into it with a fragment is answered without building its Document.

#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// Anchors that `text` certainly has, found by reading its lines without parsing: those of ATX
/// headings (`## Decision Log`) at the start of a line, outside fenced code, whose text is plain
/// words, so that their anchor is the one parse_document would give. Any heading anchor of the
/// parsed document may be missing here (one inside a list, a setext heading, everything after a
/// line that could open an HTML block); none is here that the parsed document lacks. A link whose
/// fragment is in this list is answered without parsing the document it points into.
std::vector<std::string> certain_heading_anchors(std::string_view text);

} // namespace planck
