#pragma once

#include "planck/model/rule_options.hpp"
#include "planck/util/glob.hpp"

#include <string>
#include <vector>

namespace planck {

// YAML on one line, quoted as a YAML emitter quotes it, as `planck config` prints values: `true`,
// `40`, `"docs/*.md"`, `[a, b]`. Here so that yaml-cpp stays inside config/.

/// `text` as a YAML scalar.
std::string yaml_flow(const std::string& text);

/// `items` as a YAML flow sequence.
std::string yaml_flow(const std::vector<std::string>& items);

/// The patterns of `globs`, as written, as a YAML flow sequence.
std::string yaml_flow(const std::vector<Glob>& globs);

/// An option's `value` in the YAML a config would set it with.
std::string yaml_flow(const OptionValue& value);

} // namespace planck
