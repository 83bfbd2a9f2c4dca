#pragma once

#include "planck/model/rule_info.hpp"

#include <string>

namespace planck {

/// How a rule's help is marked up: plain text for a terminal, or Markdown for a page.
enum class HelpMarkup { text, markdown };

/// A rule's help, the one text behind `planck explain`, the pages of docs/rules/ and SARIF's rule
/// help: its id, default severity and summary, why it matters, how to fix it, its options, a failing
/// and a passing example, and how to turn it off; in `markup`.
std::string rule_help(const RuleInfo& info, HelpMarkup markup);

} // namespace planck
