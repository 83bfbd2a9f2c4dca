#pragma once

#include "planck/model/document.hpp"

#include <string>
#include <vector>

namespace planck {

/// Reads the YAML front matter that opens `lines` (a first line `---`, closed by `---` or `...`);
/// a YAML error or a missing closing fence lands in `FrontMatter::error` with document line and column.
FrontMatter read_front_matter(const std::vector<std::string_view>& lines);

} // namespace planck
