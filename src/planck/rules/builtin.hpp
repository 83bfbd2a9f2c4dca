#pragma once

#include "planck/rules/rule.hpp"

namespace planck {

// Each rule's help text and options (`*_info`) live beside its check in rules/<id>.cpp; the
// table that joins them is in catalog.cpp.

/// `plan-required`: a range that trips a trigger brings or names a plan.
RuleInfo plan_required_info();
void check_plan_required(const RuleContext& context);
/// `registry-entry`: every plan registered once, in the right list, in the entry form.
RuleInfo registry_entry_info();
void check_registry_entry(const RuleContext& context);
/// `plan-completion`: a completed plan is really complete.
RuleInfo plan_completion_info();
void check_plan_completion(const RuleContext& context);
/// `links-resolve`: relative links and anchors resolve at head.
RuleInfo links_resolve_info();
void check_links_resolve(const RuleContext& context);
/// `timestamp-format`: every log entry starts with an accepted UTC timestamp.
RuleInfo timestamp_format_info();
void check_timestamp_format(const RuleContext& context);
/// `timestamps-monotonic`: log timestamps never go backwards, nor into the future.
RuleInfo timestamps_monotonic_info();
void check_timestamps_monotonic(const RuleContext& context);
/// `log-append-only`: log entries present at base survive unchanged and in order.
RuleInfo log_append_only_info();
void check_log_append_only(const RuleContext& context);
/// `sections-required`: the canonical sections, once each, as level-2 headings, in order.
RuleInfo sections_required_info();
void check_sections_required(const RuleContext& context);
/// `front-matter`: front matter is a mapping with the required keys and valid values.
RuleInfo front_matter_info();
void check_front_matter(const RuleContext& context);
/// `last-synced`: `last_synced` moves forward when the document changes.
RuleInfo last_synced_info();
void check_last_synced(const RuleContext& context);

} // namespace planck
