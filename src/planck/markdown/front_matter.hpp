#pragma once

#include "planck/model/document.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planck {

/// How front matter is read: `fastest` reads plain `key: value` lines itself and gives everything
/// else to yaml-cpp; `yaml` gives everything to yaml-cpp (for tests that compare the two).
enum class FrontMatterReader { fastest, yaml };

/// Reads the YAML front matter that opens `lines` (a first line `---`, closed by `---` or `...`);
/// a YAML error or a missing closing fence lands in `FrontMatter::error` with document line and column.
FrontMatter read_front_matter(const std::vector<std::string_view>& lines,
                              FrontMatterReader reader = FrontMatterReader::fastest);

/// The front matter of a document's whole `text`, read as the parser reads it (a byte-order mark
/// skipped), without parsing its Markdown: for a rule that needs only the front matter of many
/// documents. Null for text with NUL bytes, which the parser takes for a binary file.
std::optional<FrontMatter> front_matter_of_text(std::string_view text);

/// True when a file name's stem starts with `slug` as whole words: the slug is the whole stem or is
/// followed by `-`, `_` or `.` (`2026-02-16-storage` starts `2026-02-16-storage-plan`).
bool slug_starts(std::string_view stem, std::string_view slug);

/// How many of a document's first lines `front` takes: cmark is given them as blank lines.
std::size_t front_matter_lines(const FrontMatter& front);

} // namespace planck
