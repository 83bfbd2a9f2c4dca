#pragma once

#include "planck/changes/ci_base.hpp"
#include "planck/changes/git_changeset.hpp"
#include "planck/config/config.hpp"
#include "planck/config/discover.hpp"
#include "planck/git/repository.hpp"
#include "planck/rules/engine.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace planck {

/// What to check: a range of commits, or every document at head.
struct CheckRequest
{
  std::string base;           // a revision; empty: from the CI, then origin/HEAD, then main (none with `all`)
  std::string head = "HEAD";
  bool worktree = false;      // uncommitted changes (index and work tree) on top of head
  bool all = false;           // every document at head, whatever changed
  bool discover = false;      // no planck.yaml: apply the layout read from the revision the range is judged by
  std::int64_t now = 0;       // the wall clock, seconds since the epoch (UTC)
  Environment environment = process_environment;   // where a CI names its base
};

/// A finished check: its findings, and the range and documents they were found in.
struct CheckOutcome
{
  Config config;                          // as applied: the discovered layout when the request asked for it
  std::optional<Discovery> discovered;    // what discovery read, when it ran
  std::unique_ptr<GitChangeSet> changes;  // the range and every document read; refers to the repository
  std::vector<Target> targets;            // the documents checked (without their documents after a
                                          // check in batches: check_targets)
  CheckResult result;                     // findings in report order, files checked, each rule's time
};

/// Checks the range `request` names in `repository` against `config`: the one call behind
/// `planck check`, which the command and the tests both make. The outcome refers to `repository`,
/// which must outlive it. Throws `planck::Error` for a revision, base or object git cannot read
/// and for a discovered layout that does not load; findings are results, never exceptions.
CheckOutcome check(const Repository& repository, Config config, const CheckRequest& request);

/// What a discovered layout leaves unsaid, one line each (empty when discovery did not run): the
/// Markdown files the range adds in plan folders that the base's layout does not cover, or, when
/// the range may move the layout, that head's layout reads differently. Reads head's layout only in
/// the second case.
std::vector<std::string> layout_notes(const Repository& repository, const CheckOutcome& outcome);

} // namespace planck
