#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace planck {

/// How much a finding matters; ordered so that `error` compares greatest.
enum class Severity { note = 0, warning = 1, error = 2 };

/// The lower-case name used in config, text output and JSON (`note`, `warning`, `error`).
std::string_view to_string(Severity severity);

/// Parses `note`, `warning` or `error` (also `info` as `note`); nothing for anything else.
std::optional<Severity> parse_severity(std::string_view text);

} // namespace planck
