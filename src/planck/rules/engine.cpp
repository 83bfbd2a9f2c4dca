#include "planck/rules/engine.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/parallel.hpp"
#include "planck/util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <optional>
#include <exception>
#include <map>
#include <numeric>
#include <set>
#include <thread>

namespace planck {

namespace {

// Everything that tells two findings apart.
auto identity(const Finding& finding)
{
  return std::tie(finding.path, finding.line, finding.column, finding.rule, finding.message, finding.end_line,
                  finding.severity, finding.fingerprint_key);
}

std::optional<DocumentRole> role_of(const std::string& path, const Config& config)
{
  if (config.is_ignored(path)) {
    return std::nullopt;
  }
  if (path == config.registry) {
    return DocumentRole::registry;
  }
  if (std::find(config.crosslinks.begin(), config.crosslinks.end(), path) != config.crosslinks.end()) {
    return DocumentRole::crosslink;
  }
  if (config.is_plan(path)) {
    return DocumentRole::plan;
  }
  return std::nullopt;
}

// One `planck-disable…` comment's reach: the lines it covers for one rule (or every rule).
struct Span
{
  int first = 0;
  int last = INT_MAX;
  std::string rule;          // empty: every rule
  std::size_t suppression = 0;
};

std::vector<Span> suppression_spans(const Document& document)
{
  std::vector<Span> spans;
  std::map<std::string, Span> open;   // by rule id, "" for all
  auto close = [&](const std::string& rule, int line) {
    const auto it = open.find(rule);
    if (it != open.end()) {
      it->second.last = line;
      spans.push_back(it->second);
      open.erase(it);
    }
  };
  for (std::size_t i = 0; i < document.suppressions.size(); ++i) {
    const auto& s = document.suppressions[i];
    const std::vector<std::string> rules = s.rules.empty() ? std::vector<std::string>{""} : s.rules;
    switch (s.kind) {
    case Suppression::Kind::disable:
      for (const auto& rule : rules) {
        close(rule, s.line);
        open[rule] = Span{s.line, INT_MAX, rule, i};
      }
      break;
    case Suppression::Kind::enable:
      if (s.rules.empty()) {
        while (!open.empty()) {
          close(open.begin()->first, s.line);
        }
      } else {
        for (const auto& rule : rules) {
          close(rule, s.line);
        }
      }
      break;
    case Suppression::Kind::disable_next_line: {
      // The next line that holds anything, so a blank line after the comment does not waste it.
      int next = s.line + 1;
      while (next <= static_cast<int>(document.lines.size())
             && trim(document.lines[static_cast<std::size_t>(next - 1)]).empty()) {
        ++next;
      }
      for (const auto& rule : rules) {
        spans.push_back(Span{next, next, rule, i});
      }
      break;
    }
    }
  }
  for (auto& [rule, span] : open) {
    spans.push_back(span);
  }
  return spans;
}

std::vector<std::string> rule_ids()
{
  std::vector<std::string> ids;
  for (const auto& entry : rule_catalogue()) {
    ids.emplace_back(entry.info.id);
  }
  return ids;
}

// A document's inline suppressions as apply_scopes needs them, kept once the document is gone.
struct SuppressionScope
{
  std::string path;
  bool checked = false;   // findings are reported in it: a suppression that suppressed nothing is one
  std::vector<Suppression> suppressions;
  std::vector<Span> spans;
};

std::optional<SuppressionScope> scope_of(const std::string& path, const Document* document, bool checked)
{
  if (document == nullptr || document->suppressions.empty()) {
    return std::nullopt;
  }
  return SuppressionScope{path, checked, document->suppressions, suppression_spans(*document)};
}

// The scopes of the documents findings landed in besides those `seen` (a range-wide rule's), read
// at head.
void add_scopes_outside(const ChangeSet& changes, const Config& config, const std::vector<Finding>& findings,
                        std::set<std::string>& seen, std::vector<SuppressionScope>& scopes)
{
  for (const auto& finding : findings) {
    if (seen.insert(finding.path).second && role_of(finding.path, config)) {
      if (auto scope = scope_of(finding.path, changes.head_document(finding.path), changes.range().all)) {
        scopes.push_back(std::move(*scope));
      }
    }
  }
}

// Drops the findings the scopes' suppressions cover and reports, in checked documents, each
// suppression that covered nothing or names an unknown rule.
void apply_scopes(const Config& config, const std::vector<SuppressionScope>& scopes, std::vector<Finding>& findings)
{
  const RuleConfig& unused = config.rule(std::string(k_unused_suppression));
  const auto known = rule_ids();
  for (const auto& scope : scopes) {
    std::vector<bool> used(scope.suppressions.size(), false);
    std::erase_if(findings, [&](const Finding& finding) {
      if (finding.path != scope.path) {
        return false;
      }
      for (const auto& span : scope.spans) {
        if ((span.rule.empty() || span.rule == finding.rule) && finding.line >= span.first
            && finding.line <= span.last) {
          used[span.suppression] = true;
          return true;
        }
      }
      return false;
    });
    // Unused suppressions are reported in checked documents only, like every other finding.
    if (!scope.checked || !unused.enabled || !unused.applies_to(scope.path)) {
      continue;
    }
    for (std::size_t i = 0; i < scope.suppressions.size(); ++i) {
      const auto& s = scope.suppressions[i];
      if (s.kind == Suppression::Kind::enable) {
        continue;
      }
      std::string message;
      for (const auto& rule : s.rules) {
        if (std::find(known.begin(), known.end(), rule) == known.end()) {
          const auto suggestion = closest_match(rule, known);
          message = fmt::format("suppression names unknown rule '{}'{}", rule,
                                suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion));
          break;
        }
      }
      if (message.empty() && !used[i]) {
        // A suppression of a rule the config turned off has nothing to suppress by design.
        bool all_off = !s.rules.empty();
        for (const auto& rule : s.rules) {
          all_off = all_off && !config.rule(rule).enabled;
        }
        if (all_off) {
          continue;
        }
        std::string names;
        for (const auto& rule : s.rules) {
          names += (names.empty() ? "" : ", ") + rule;
        }
        message = fmt::format("suppression of {} suppresses nothing", names.empty() ? "every rule" : names);
      }
      if (!message.empty()) {
        findings.push_back(Finding{std::string(k_unused_suppression), unused.severity, scope.path, s.line, s.column,
                                   0, message, {}, "suppression\n" + message});
      }
    }
  }
}

} // namespace

std::vector<Target> select_targets(const ChangeSet& changes, const Config& config)
{
  std::vector<Target> targets = list_targets(changes, config);
  read_documents(changes, config, targets);
  return targets;
}

std::vector<Target> list_targets(const ChangeSet& changes, const Config& config)
{
  std::vector<Target> targets;
  const auto& range = changes.range();
  if (range.all) {
    std::map<std::string, const FileChange*> changed;
    for (const auto& change : changes.changes()) {
      changed.emplace(change.path, &change);
    }
    for (const auto& path : changes.head_files()) {
      if (const auto role = role_of(path, config)) {
        const auto it = changed.find(path);
        targets.push_back(Target{path, *role, nullptr, nullptr, it == changed.end() ? nullptr : it->second});
      }
    }
  } else {
    for (const auto& change : changes.changes()) {
      if (const auto role = role_of(change.path, config)) {
        targets.push_back(Target{change.path, *role, nullptr, nullptr, &change});
      }
    }
  }
  return targets;
}

void read_documents(const ChangeSet& changes, const Config& config, std::vector<Target>& targets)
{
  // Every document the targets need is announced at once, so that an implementation parses them
  // together, and read.
  const auto& range = changes.range();
  // A target's document at head, unless the range deleted it; at base, unless there is no base or
  // the range added it. With --all, a document the range left alone has the same path at base.
  const auto base_path = [&](const Target& target) -> std::optional<std::string> {
    const FileChange* change = target.change;
    if (range.base_sha.empty() || (change != nullptr && change->status == FileChange::Status::added)) {
      return std::nullopt;
    }
    if (change == nullptr) {
      return target.path;
    }
    return change->old_path.empty() ? change->path : change->old_path;
  };
  const auto has_head = [&](const Target& target) {
    return range.all || target.change->status != FileChange::Status::deleted;
  };
  std::vector<std::string> head_paths;
  std::vector<std::string> base_paths;
  bool plans = false;
  for (const auto& target : targets) {
    if (has_head(target)) {
      head_paths.push_back(target.path);
    }
    if (auto path = base_path(target)) {
      base_paths.push_back(std::move(*path));
    }
    plans = plans || target.role == DocumentRole::plan;
  }
  if (plans) {
    // The rules about plans read the registry and the cross-link documents at head (registry-entry,
    // plan-completion): parsed with the targets rather than alone on one core later.
    const auto companions = config.plan_companions();
    head_paths.insert(head_paths.end(), companions.begin(), companions.end());
  }
  changes.prefetch(head_paths, base_paths);
  for (auto& target : targets) {
    if (has_head(target)) {
      target.head = changes.head_document(target.path);
    }
    if (const auto path = base_path(target)) {
      target.base = changes.base_document(*path);
    }
  }
}

std::vector<Target> readable_targets(const std::vector<Target>& targets)
{
  // Binary documents get one `invalid-document` finding and are kept from the other rules, which
  // would only report the sections and entries a non-text file cannot have.
  std::vector<Target> readable;
  for (const auto& target : targets) {
    if (target.head == nullptr || !(target.head->binary || target.head->skipped)) {
      readable.push_back(target);
    }
  }
  return readable;
}

RuleRun run_rule(const RuleEntry& entry, const RuleConfig& settings, const ChangeSet& changes, const Config& config,
                 const std::vector<Target>& readable, const std::set<std::string>& checked_paths,
                 const std::set<std::string>* run_paths, std::shared_ptr<void>* memo)
{
  RuleRun run;
  std::shared_ptr<void> this_run;   // no batches: what the rule remembers ends with it
  const auto started = std::chrono::steady_clock::now();
  std::vector<Target> scoped;
  for (const auto& target : readable) {
    if (settings.applies_to(target.path)) {
      scoped.push_back(target);
    }
  }
  const bool range_wide = entry.range_wide;
  const RuleContext context{changes, config, settings, scoped, [&](RawFinding raw) {
                              // Only range-wide rules may report outside the documents checked.
                              if (!range_wide && !changes.range().all && checked_paths.count(raw.path) == 0) {
                                return;
                              }
                              Finding finding;
                              finding.rule = std::string(entry.info.id);
                              finding.severity = raw.severity.value_or(settings.severity);
                              finding.path = std::move(raw.path);
                              finding.line = std::max(raw.line, 1);
                              finding.column = std::max(raw.column, 1);
                              finding.end_line = raw.end_line;
                              finding.message = std::move(raw.message);
                              finding.fingerprint_key =
                                raw.fingerprint_key.empty() ? finding.message : std::move(raw.fingerprint_key);
                              run.findings.push_back(std::move(finding));
                            },
                            run_paths,
                            memo != nullptr ? memo : &this_run};
  if (entry.check != nullptr) {
    entry.check(context);
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

std::vector<Finding> invalid_document_findings(const ChangeSet& changes, const Config& config,
                                               const std::vector<Target>& targets)
{
  std::vector<Finding> findings;
  const RuleConfig& invalid = config.rule(std::string(k_invalid_document));
  for (const auto& target : targets) {
    if (!invalid.enabled || !invalid.applies_to(target.path)) {
      continue;
    }
    if (target.head == nullptr) {
      // There at head (listed by --all, or changed and not deleted) but not a regular file: a
      // symbolic link (never followed) or a submodule.
      const bool at_head = changes.range().all ||
                           (target.change != nullptr && target.change->status != FileChange::Status::deleted);
      if (at_head) {
        findings.push_back(Finding{std::string(k_invalid_document), invalid.severity, target.path, 1, 1, 0,
                                   "is not a regular file at head (a symbolic link, which planck never follows, "
                                   "or a submodule); not checked",
                                   {}, "not-a-file"});
      }
      continue;
    }
    for (const auto& problem : target.head->problems) {
      findings.push_back(Finding{std::string(k_invalid_document), invalid.severity, target.path, problem.line,
                                 problem.column, 0, problem.message, {}, problem.message});
    }
  }

  return findings;
}

void apply_suppressions(const ChangeSet& changes, const Config& config, const std::vector<Target>& targets,
                        std::vector<Finding>& findings)
{
  // Inline suppressions, per document. Range-wide rules report in documents the range did not
  // change (a link a rename broke), and a suppression there counts as much as in a changed one.
  std::vector<SuppressionScope> scopes;
  std::set<std::string> seen;
  for (const auto& target : targets) {
    seen.insert(target.path);
    if (auto scope = scope_of(target.path, target.head, target.change != nullptr || changes.range().all)) {
      scopes.push_back(std::move(*scope));
    }
  }
  add_scopes_outside(changes, config, findings, seen, scopes);
  apply_scopes(config, scopes, findings);
}

void fingerprint(std::vector<Finding>& findings)
{
  // Report order, and among findings that order leaves tied, all they hold: the order, and so the
  // occurrence numbers below, never depend on the order the rules or batches found them in.
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a < b || b < a) {
      return a < b;
    }
    return identity(a) < identity(b);
  });
  // Fingerprints come from content; identical content twice in one file still needs two identities.
  std::map<std::string, int> seen;
  for (auto& finding : findings) {
    const std::string base = finding.rule + "\n" + finding.path + "\n" + finding.fingerprint_key;
    const int occurrence = seen[base]++;
    finding.fingerprint = stable_hash(occurrence == 0 ? base : base + "\n#" + std::to_string(occurrence));
  }
}

namespace {

// Runs every enabled rule over `targets` (and invalid-document), two at a time where the change
// set allows: their findings in catalogue order, before suppressions. Adds each rule's wall time
// to `seconds` (one slot per enabled rule, in catalogue order).
std::vector<Finding> run_enabled_rules(const ChangeSet& changes, const Config& config,
                                       const std::vector<Target>& targets, const std::set<std::string>& checked_paths,
                                       const std::set<std::string>* run_paths, std::vector<double>& seconds,
                                       std::vector<std::shared_ptr<void>>& memos, CheckResult& result)
{
  const std::vector<Target> readable = readable_targets(targets);
  // Rules only read the ChangeSet and the documents. Where the ChangeSet may be read from two
  // threads, two rules run at a time, those that read widely first, so that while one rule screens
  // the documents the range left alone, the other checks the changed ones; each rule's findings
  // are kept apart and joined in catalogue order, so the report does not depend on the schedule.
  std::vector<std::pair<const RuleEntry*, const RuleConfig*>> enabled;
  for (const auto& entry : rule_catalogue()) {
    const RuleConfig& settings = config.rule(std::string(entry.info.id));
    if (settings.enabled) {
      enabled.emplace_back(&entry, &settings);
    }
  }
  std::vector<std::size_t> order(enabled.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return enabled[a].first->reads_widely && !enabled[b].first->reads_widely;
  });
  result.rules_at_once = changes.shared_between_threads() && std::thread::hardware_concurrency() > 1 ? 2 : 1;
  std::vector<RuleRun> runs(enabled.size());
  memos.resize(enabled.size());
  std::vector<std::exception_ptr> failures(enabled.size());
  parallel_for(order.size(), static_cast<std::size_t>(result.rules_at_once), [&](std::size_t i, std::size_t) {
    const std::size_t rule = order[i];
    try {
      runs[rule] = run_rule(*enabled[rule].first, *enabled[rule].second, changes, config, readable, checked_paths,
                            run_paths, &memos[rule]);
    } catch (...) {
      failures[rule] = std::current_exception();   // every rule still runs, as with one thread
    }
  });
  // The first failure in catalogue order, whichever thread met it first.
  for (const auto& failure : failures) {
    if (failure) {
      std::rethrow_exception(failure);
    }
  }
  seconds.resize(enabled.size(), 0.0);
  result.rule_seconds.clear();
  std::vector<Finding> findings;
  for (std::size_t rule = 0; rule < enabled.size(); ++rule) {
    findings.insert(findings.end(), std::make_move_iterator(runs[rule].findings.begin()),
                    std::make_move_iterator(runs[rule].findings.end()));
    seconds[rule] += runs[rule].seconds;
    result.rule_seconds.emplace_back(std::string(enabled[rule].first->info.id), seconds[rule]);
  }
  auto invalid = invalid_document_findings(changes, config, targets);
  findings.insert(findings.end(), std::make_move_iterator(invalid.begin()), std::make_move_iterator(invalid.end()));
  return findings;
}

// Joins the findings of the batches. A rule that checks more than its targets (a registry that
// names the plans of every batch) may report the same finding from each batch: it is kept as many
// times as the one batch that reports it most often, as a run of one batch would have it.
std::vector<Finding> join_batches(std::vector<std::vector<Finding>> batches)
{
  const auto before = [](const Finding& a, const Finding& b) { return identity(a) < identity(b); };
  std::vector<Finding> joined;
  for (auto& batch : batches) {
    std::sort(batch.begin(), batch.end(), before);
    std::vector<Finding> kept;
    auto old = joined.begin();
    for (auto it = batch.begin(); it != batch.end();) {
      const auto run_end = std::find_if(it, batch.end(), [&](const Finding& f) { return before(*it, f); });
      while (old != joined.end() && before(*old, *it)) {
        kept.push_back(std::move(*old++));
      }
      auto old_end = old;
      while (old_end != joined.end() && !before(*it, *old_end)) {
        ++old_end;
      }
      // The larger of the two runs of this finding.
      if (old_end - old >= run_end - it) {
        std::move(old, old_end, std::back_inserter(kept));
      } else {
        std::move(it, run_end, std::back_inserter(kept));
      }
      old = old_end;
      it = run_end;
    }
    std::move(old, joined.end(), std::back_inserter(kept));
    joined = std::move(kept);
  }
  return joined;
}

} // namespace

CheckResult run_rules(const ChangeSet& changes, const Config& config, const std::vector<Target>& targets)
{
  CheckResult result;
  result.files_checked = static_cast<int>(targets.size());
  std::set<std::string> checked_paths;
  for (const auto& target : targets) {
    checked_paths.insert(target.path);
  }
  std::vector<double> seconds;
  std::vector<std::shared_ptr<void>> memos;
  auto findings = run_enabled_rules(changes, config, targets, checked_paths, nullptr, seconds, memos, result);
  apply_suppressions(changes, config, targets, findings);
  fingerprint(findings);
  result.findings = std::move(findings);
  return result;
}

CheckResult check_targets(const ChangeSet& changes, const Config& config, std::vector<Target>& targets,
                          std::size_t batch_size)
{
  const auto since = [](std::chrono::steady_clock::time_point from) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
  };
  const bool all = changes.range().all;
  if (!all || targets.size() <= batch_size) {
    const auto reading = std::chrono::steady_clock::now();
    read_documents(changes, config, targets);
    const double read_seconds = since(reading);
    CheckResult result = run_rules(changes, config, targets);
    result.read_seconds = read_seconds;
    return result;
  }
  // With --all, the documents are read, checked and let go of a batch at a time, so that memory
  // follows the batch rather than the repository; the registry and the cross-link documents, which
  // every batch's plans are checked against, are kept throughout.
  // The registry goes last: checked with it are the plans it names that no batch before checked as
  // targets (outside the rule's paths, or past a limit), as in a run of one batch.
  // (An order of their own: the caller's targets keep theirs, which JUnit's test cases follow.)
  std::vector<std::size_t> order(targets.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_partition(order.begin(), order.end(),
                        [&](std::size_t i) { return targets[i].role != DocumentRole::registry; });
  CheckResult result;
  result.files_checked = static_cast<int>(targets.size());
  result.batches = 0;
  std::set<std::string> run_paths;
  for (const auto& target : targets) {
    run_paths.insert(target.path);
  }
  const auto companions = config.plan_companions();
  const std::set<std::string> keep(companions.begin(), companions.end());
  std::vector<std::vector<Finding>> batches;
  std::vector<SuppressionScope> scopes;
  std::vector<double> seconds;
  std::vector<std::shared_ptr<void>> memos;   // each rule's, from batch to batch
  for (std::size_t first = 0; first < targets.size(); first += batch_size) {
    const std::size_t last = std::min(targets.size(), first + batch_size);
    std::vector<Target> batch;
    for (std::size_t i = first; i < last; ++i) {
      batch.push_back(targets[order[i]]);
    }
    const auto reading = std::chrono::steady_clock::now();
    read_documents(changes, config, batch);
    result.read_seconds += since(reading);
    batches.push_back(run_enabled_rules(changes, config, batch, run_paths, &run_paths, seconds, memos, result));
    for (const auto& target : batch) {
      if (auto scope = scope_of(target.path, target.head, true)) {
        scopes.push_back(std::move(*scope));
      }
    }
    changes.forget_documents(keep);
    ++result.batches;
  }
  auto findings = join_batches(std::move(batches));
  add_scopes_outside(changes, config, findings, run_paths, scopes);
  apply_scopes(config, scopes, findings);
  fingerprint(findings);
  result.findings = std::move(findings);
  return result;
}

std::vector<RuleCheck> rule_checks(const Config& config, const std::vector<Target>& targets)
{
  std::vector<RuleCheck> checks;
  for (const auto& entry : rule_catalogue()) {
    const std::string id(entry.info.id);
    const RuleConfig& settings = config.rule(id);
    if (!settings.enabled) {
      continue;
    }
    for (const auto& target : targets) {
      if (settings.applies_to(target.path)) {
        checks.push_back({id, target.path});
      }
    }
  }
  return checks;
}

} // namespace planck
