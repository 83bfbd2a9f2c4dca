#pragma once

#include "planck/model/document.hpp"

#include <cstddef>
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

/// How many of a document's first lines `front` takes: cmark is given them as blank lines.
std::size_t front_matter_lines(const FrontMatter& front);

} // namespace planck
