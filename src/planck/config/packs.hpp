#pragma once

#include <string_view>
#include <vector>

namespace planck {

/// A rule pack compiled in from `rules/NAME.yaml`.
struct EmbeddedPack
{
  std::string_view name;
  std::string_view yaml;
};

/// Every embedded pack; `agdd` is the default.
const std::vector<EmbeddedPack>& embedded_packs();

} // namespace planck
