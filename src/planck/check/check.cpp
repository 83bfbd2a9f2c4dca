#include "planck/check/check.hpp"
#include "planck/changes/discovery.hpp"
#include "planck/rules/catalog.hpp"
#include "planck/util/error.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace planck {

namespace {

double milliseconds_since(std::chrono::steady_clock::time_point from)
{
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count();
}

// The base revision to compare with: the request's, else the CI's or the repository's default
// branch; none with `all`.
std::string resolve_base(const Repository& repository, const CheckRequest& request)
{
  if (!request.base.empty()) {
    return request.base;
  }
  if (request.all) {
    return {};
  }
  if (const auto detected = detect_base(repository, request.environment)) {
    spdlog::debug("base {} from {}", detected->revision, detected->source);
    return detected->revision;
  }
  throw Error("no base to compare with: pass --base REV (e.g. --base main), or --all to check every document");
}

RangeInfo read_range(const Repository& repository, const CheckRequest& request)
{
  RangeInfo range;
  range.worktree = request.worktree;
  range.all = request.all;
  range.now = request.now;
  range.head_sha = repository.resolve(request.head).or_throw();
  range.head_committer_time = repository.commit_info(range.head_sha).or_throw().committer_time;
  if (const std::string base = resolve_base(repository, request); !base.empty()) {
    const std::string base_sha = repository.resolve(base).or_throw();
    range.base_sha = repository.merge_base(base_sha, range.head_sha).or_throw();
    range.base_committer_time = repository.commit_info(range.base_sha).or_throw().committer_time;
    spdlog::debug("comparing {} (merge base of {}) with {}", range.base_sha, base, range.head_sha);
  }
  return range;
}

// A diff-aware check reads the plans the range changed, with the registry and the cross-link
// documents (select_targets): they are read while the range is diffed, from the folders the plan
// globs name.
EarlyReads early_reads(const Config& config, const RangeInfo& range)
{
  EarlyReads early;
  if (range.all) {
    return early;
  }
  for (const auto& glob : config.plan_paths) {
    if (auto folder = glob.literal_folder();
        folder && std::find(early.folders.begin(), early.folders.end(), *folder) == early.folders.end()) {
      early.folders.push_back(std::move(*folder));
    }
  }
  early.wanted = [&config](const std::string& path) { return config.is_plan(path); };
  early.with_them = config.plan_companions();
  if (config.rule("last-synced").enabled) {
    early.history = [](const Document& document) { return document.front_matter.scalar("last_synced") != nullptr; };
  }
  return early;
}

} // namespace

CheckOutcome check(const Repository& repository, Config config, const CheckRequest& request)
{
  if (request.worktree && request.head != "HEAD") {
    throw Error("--worktree adds the work tree on top of HEAD; it cannot be combined with --head");
  }
  CheckOutcome outcome;
  const RangeInfo range = read_range(repository, request);

  // No planck.yaml: the repository's own layout, read from the revision it is judged by (the base,
  // so that a pull request cannot move the goalposts; head with --all and no base).
  if (request.discover) {
    const auto discovering = std::chrono::steady_clock::now();
    const std::string& revision = range.base_sha.empty() ? range.head_sha : range.base_sha;
    outcome.discovered = discover_revision(repository, revision).or_throw();
    config = load_config_text(outcome.discovered->yaml(), "discovered settings", rule_infos()).or_throw();
    spdlog::debug("discovery read {} documents in {:.1f} ms, the listing included", outcome.discovered->files_read,
                  milliseconds_since(discovering));
    for (const auto& reason : outcome.discovered->reasons) {
      spdlog::debug("discovered: {}", reason);
    }
  }
  outcome.config = std::move(config);
  spdlog::debug("config: {}", outcome.config.source);

  // `-v` says where the time goes: reading the range, reading the targets, each rule.
  const auto started = std::chrono::steady_clock::now();
  outcome.changes = std::make_unique<GitChangeSet>(repository, range, outcome.config.limits,
                                                   early_reads(outcome.config, range));
  const GitChangeSet& changes = *outcome.changes;
  spdlog::debug("range read in {:.0f} ms (commits: {}, changed files: {})", milliseconds_since(started),
                changes.commits().size(), changes.changes().size());
  if (changes.early_documents() > 0) {
    spdlog::debug("documents read and parsed while the range was diffed: {}", changes.early_documents());
  }
  const auto checking = std::chrono::steady_clock::now();
  outcome.targets = list_targets(changes, outcome.config);
  outcome.result = check_targets(changes, outcome.config, outcome.targets);
  const double read_ms = outcome.result.read_seconds * 1000;
  spdlog::debug("documents to check read and parsed in {:.0f} ms (documents: {}{})", read_ms, outcome.targets.size(),
                outcome.result.batches > 1 ? fmt::format(", in {} batches", outcome.result.batches) : "");
  spdlog::debug("rules run in {:.0f} ms, {} at a time{}", milliseconds_since(checking) - read_ms,
                outcome.result.rules_at_once, outcome.result.rules_at_once > 1 ? " (the times below overlap)" : "");
  for (const auto& [rule, seconds] : outcome.result.rule_seconds) {
    spdlog::debug("rule {}: {:.0f} ms", rule, seconds * 1000);
  }
  spdlog::debug("checked in {:.0f} ms", milliseconds_since(started));
  return outcome;
}

std::vector<std::string> layout_notes(const Repository& repository, const CheckOutcome& outcome)
{
  if (!outcome.discovered) {
    return {};
  }
  const auto& changes = outcome.changes->changes();
  const RangeInfo& range = outcome.changes->range();
  // The layout was read from the base: say so when the range adds plan-like files it does not cover.
  std::vector<std::string> uncovered;
  for (const auto& change : changes) {
    if (change.status == FileChange::Status::added && in_plan_folder(change.path)
        && !outcome.config.is_plan(change.path)) {
      uncovered.push_back(change.path);
    }
  }
  if (!uncovered.empty()) {
    return {fmt::format("this range adds {} Markdown file{} in plan folders that the base's layout does not cover "
                        "(first: {}); they are not checked until a planck.yaml names them",
                        uncovered.size(), uncovered.size() == 1 ? "" : "s", uncovered.front())};
  }
  // A range that changes Markdown may move the layout itself (a registry, a plan folder): head's
  // is read too, and a difference is named, though the base's still decides.
  const bool may_move = std::any_of(changes.begin(), changes.end(), [](const FileChange& change) {
    return discovery_lists(change.path.substr(change.path.rfind('/') + 1));
  });
  if (range.base_sha.empty() || !may_move) {
    return {};
  }
  const Discovery at_head = discover_revision(repository, range.head_sha).or_throw();
  const Discovery& at_base = *outcome.discovered;
  if (at_head.plan_globs == at_base.plan_globs && at_head.registry == at_base.registry
      && at_head.pack == at_base.pack) {
    return {};
  }
  return {fmt::format("at head the layout reads differently ({}); the base's is used, so that a change is judged by "
                      "the convention it started from: run planck init to keep one",
                      at_head.plans_found ? at_head.summary_of_layout() : "no plans found")};
}

} // namespace planck
