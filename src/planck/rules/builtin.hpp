#pragma once

#include "planck/rules/rule.hpp"

namespace planck {

// Each rule's catalogue row (help text, options, factory) lives beside its code in rules/<id>.cpp.

/// `plan-required`: a range that trips a trigger brings or names a plan.
RuleEntry plan_required_rule();
/// `registry-entry`: every plan registered once, in the right list, in the entry form.
RuleEntry registry_entry_rule();
/// `plan-completion`: a completed plan is really complete.
RuleEntry plan_completion_rule();
/// `links-resolve`: relative links and anchors resolve at head.
RuleEntry links_resolve_rule();
/// `timestamp-format`: every log entry starts with an accepted UTC timestamp.
RuleEntry timestamp_format_rule();
/// `timestamps-monotonic`: log timestamps never go backwards, nor into the future.
RuleEntry timestamps_monotonic_rule();
/// `log-append-only`: log entries present at base survive unchanged and in order.
RuleEntry log_append_only_rule();
/// `sections-required`: the canonical sections, once each, as level-2 headings, in order.
RuleEntry sections_required_rule();
/// `front-matter`: front matter is a mapping with the required keys and valid values.
RuleEntry front_matter_rule();
/// `last-synced`: `last_synced` moves forward when the document changes.
RuleEntry last_synced_rule();
/// `unused-suppression`: an inline suppression that suppresses nothing (reported by the engine).
RuleEntry unused_suppression_rule();
/// `invalid-document`: a document that cannot be read as Markdown text (reported by the engine).
RuleEntry invalid_document_rule();

} // namespace planck
