#pragma once

#include "planck/cli/command.hpp"

#include <ostream>
#include <string>

namespace planck {

/// Writes the table of every rule (id, default severity, summary) to `out`.
void print_rules(std::ostream& out);

/// Writes rule `id`'s help (what, why, how to fix, options, examples) to `out`; throws `planck::Error`
/// naming the closest id when `id` is unknown.
void print_explanation(std::ostream& out, const std::string& id);

/// Writes rule `id`'s help as the Markdown page kept in docs/rules/ID.md; throws like `print_explanation`.
void print_explanation_markdown(std::ostream& out, const std::string& id);

/// Writes docs/rules/ID.md for every rule under `directory` (created if needed); returns how many.
int write_rule_pages(const std::string& directory);

/// Registers `planck rules` on `parent`.
Command add_rules_command(CLI::App& parent);

/// Registers `planck explain` on `parent`.
Command add_explain_command(CLI::App& parent);

} // namespace planck
