#!/usr/bin/env bash
# Log shapes real plan repositories write, end to end: timestamps as ISO 8601, open steps,
# decorated headings, placeholders, newest-first logs and backdated entries, each next to the
# change it must still catch. Real histories with fixed dates, the real binary.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLAN=docs/development/plans/migrate-storage.md
COOKBOOK_PLAN=docs/execplans/cache-warmup.md

# A repository whose plan has the given Progress and Decision Log bodies on main (committed at
# BASE_DATE, default 2025-10-30T09:30:00Z), and a branch `work` checked out.
base_repo() {
  local progress=${1:-"- [2025-10-30 09:00 UTC] Started."}
  local decisions=${2:-"- [2025-10-30 09:05 UTC] Chose the plain approach."}
  new_repo repo
  write README.md "# Project"
  write "$PLAN" "$(plan_text "$progress" "$decisions")"
  write PLANS.md "$(registry_text "$PLAN")"
  commit_at "${BASE_DATE:-2025-10-30T09:30:00Z}" "Start the storage plan"
  git checkout -q -b work
}

# cookbook_plan PROGRESS: a plan in the cookbook's twelve sections, its Progress as given.
cookbook_plan() {
  cat <<PLAN
# Warm the cache on deploy

## Purpose / Big Picture

Requests after a deploy are slow until the cache fills; warm it first.

## Progress

$1

## Surprises & Discoveries

- Observation: the cache keys include the build number.

## Decision Log

- Decision: warm from the access log, not from a fixed list.

## Outcomes & Retrospective

Not yet.

## Context and Orientation

The cache lives in \`cache/\`.

## Plan of Work

Read the access log, replay the top requests.

## Concrete Steps

1. Run \`make warm\`.

## Validation and Acceptance

\`make test\`

## Idempotence and Recovery

Warming twice is harmless.

## Artifacts and Notes

None.

## Interfaces and Dependencies

None.
PLAN
}

case_cookbook_iso_timestamps_with_seconds_pass() {
  new_repo repo
  write planck.yaml "extends: execplan
"
  write "$COOKBOOK_PLAN" "$(cookbook_plan "- [x] (2025-10-30T08:55:00Z) Read the access log format.
- [ ] Replay the top requests.")"
  commit_at 2025-10-30T09:00:00Z "Plan the cache warm-up"
  git checkout -q -b work
  write "$COOKBOOK_PLAN" "$(cookbook_plan "- [x] (2025-10-30T08:55:00Z) Read the access log format.
- [x] (2025-10-30T10:12:41Z) Replay the top requests.
- [x] (2025-10-30T10:40:07.250Z) Measured the first request after a deploy.
- [ ] Decide on the approach for cold regions.")"
  commit_at 2025-10-30T11:00:00Z "Replay requests"
  run_planck check --base main
  expect_status 0
  expect_out_empty
  expect_err "no findings"

  # The same plan with a time in a named zone is still caught.
  write "$COOKBOOK_PLAN" "$(cookbook_plan "- [x] (2025-10-30T08:55:00Z) Read the access log format.
- [x] (2025-10-30T10:12:41Z) Replay the top requests.
- [x] (2025-10-30 11:40 CET) Measured the first request after a deploy.")"
  commit_at 2025-10-30T11:30:00Z "Measure"
  run_planck check --base main
  expect_status 1
  expect_out "$COOKBOOK_PLAN:11:7: error: Progress entry timestamp '(2025-10-30 11:40 CET)' is not UTC"
}

case_open_steps_with_month_words_pass() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] Read the old parser.
- [ ] Decide on the approach.
- [ ] Mark the old parser deprecated.
- [ ] May revisit")"
  commit_at 2025-10-30T10:30:00Z "Plan the next steps"
  run_planck check --base main
  expect_status 0
  expect_out_empty

  # A ticked step without its time is a missing timestamp, not a malformed one.
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] Read the old parser.
- [x] Decide on the approach.
- [ ] Mark the old parser deprecated.
- [ ] May revisit")"
  commit_at 2025-10-30T10:45:00Z "Decide"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:23:7: error: Progress entry has no timestamp"
  expect_no_out "accepted form"
}

case_decorated_decision_log_rewrite_fails_quoting_base() {
  base_repo
  git checkout -q main
  write "$PLAN" "$(plan_text | sed 's/^## Decision Log$/## Decision Log (what changed, why, date)/')"
  commit_at 2025-10-30T09:40:00Z "Say what the Decision Log holds"
  git checkout -q work
  git merge -q --ff-only main
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started." \
    "- [2025-10-30 09:05 UTC] Chose the clever approach instead." |
    sed 's/^## Decision Log$/## Decision Log (what changed, why, date)/')"
  commit_at 2025-10-30T10:30:00Z "Rewrite a decision"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:25:3: error: Decision Log entry was edited; logs are append-only. At base it read: \"[2025-10-30 09:05 UTC] Chose the plain approach.\"; now: \"[2025-10-30 09:05 UTC] Chose the clever approach instead.\" [log-append-only]"
  expect_no_out "[sections-required]"
}

case_decorated_decision_log_append_passes() {
  base_repo
  git checkout -q main
  write "$PLAN" "$(plan_text | sed 's/^## Decision Log$/## Decision Log (what changed, why, date)/')"
  commit_at 2025-10-30T09:40:00Z "Say what the Decision Log holds"
  git checkout -q work
  git merge -q --ff-only main
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started." \
    "- [2025-10-30 09:05 UTC] Chose the plain approach.
- 2025-10-30T10:10:00Z Kept the old format readable." |
    sed 's/^## Decision Log$/## Decision Log (what changed, why, date)/')"
  commit_at 2025-10-30T10:30:00Z "Add a decision"
  run_planck check --base main
  expect_status 0
  expect_out_empty
}

case_placeholder_replaced_passes() {
  base_repo "- [2025-10-30 09:00 UTC] Started." "- None yet."
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started." \
    "- [2025-10-30 10:00 UTC] Kept the reader; the writer goes.
- [2025-10-30 10:05 UTC] Times are written in UTC.")"
  commit_at 2025-10-30T10:30:00Z "First decisions"
  run_planck check --base main
  expect_status 0
  expect_out_empty
}

case_real_entry_replaced_fails() {
  base_repo "- [2025-10-30 09:00 UTC] Started." "- [2025-10-30 09:05 UTC] Nothing decided."
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started." \
    "- [2025-10-30 10:00 UTC] Kept the reader; the writer goes.")"
  commit_at 2025-10-30T10:30:00Z "First decisions"
  run_planck check --base main
  expect_status 1
  expect_out "At base it read: \"[2025-10-30 09:05 UTC] Nothing decided.\""
}

case_typo_fix_is_a_note() {
  base_repo "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 09:20 UTC] Measured the cach hit rate."
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 09:20 UTC] Measured the cache hit rate.
- [2025-10-30 10:00 UTC] Wrote the reader.")"
  commit_at 2025-10-30T10:30:00Z "Fix a typo, log more"
  run_planck check --base main
  expect_status 0
  expect_out "$PLAN:22:3: note: Progress entry was edited (a spelling-level edit). At base it read: \"[2025-10-30 09:20 UTC] Measured the cach hit rate.\"; now: \"[2025-10-30 09:20 UTC] Measured the cache hit rate.\" [log-append-only]"
  run_planck check --base main --fail-on note
  expect_status 1
}

case_backdated_entry_fails() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-31 09:00 UTC] Wrote the reader.")"
  commit_at 2025-11-02T10:00:00Z "Log the reader, days later"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:22:3: error: Progress entry added by this change is dated 2025-10-31 09:00 UTC, more than 24 h before the change began (2025-11-02 10:00 UTC, its earliest commit)"
  expect_out "[timestamps-monotonic]"
}

# A pull request squashed on GitHub lands as one commit dated when it was merged: its entries,
# written on the branch over days, are not backdated (the branch's own check measured them). The
# same commit made by anyone else still is.
case_github_squash_merge_is_not_backdating() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-31 09:00 UTC] Wrote the reader.")"
  GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
    commit_at 2025-11-02T10:00:00Z "Log the reader (#42)" -m "* Log the reader

* Fix the reader's tests"
  run_planck check --base main
  expect_status 0
  expect_no_out "[timestamps-monotonic]"
  # A commit of main's own after it: the range still holds the squash, whose work began unrecorded.
  write NOTES.md "Merged the reader."
  commit_at 2025-11-03T10:00:00Z "Note the merge"
  run_planck check --base main
  expect_status 0
  expect_no_out "[timestamps-monotonic]"
  git reset -q --hard HEAD~1
  GIT_COMMITTER_DATE=2025-11-02T10:00:00Z git commit -q --amend --no-edit --reset-author --date=2025-11-02T10:00:00Z
  [ "$(git log -1 --format=%ce)" != noreply@github.com ] || fail "the amended commit is still GitHub's"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:22:3: error: Progress entry added by this change is dated 2025-10-31 09:00 UTC, more than 24 h before the change began"
}

case_entry_within_a_day_of_the_range_passes() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-11-01 12:00 UTC] Wrote the reader.")"
  commit_at 2025-11-02T10:00:00Z "Log the reader"
  run_planck check --base main
  expect_status 0
  expect_out_empty
}

case_backdate_tolerance_is_an_option() {
  base_repo
  write planck.yaml "extends: agdd
rules:
  timestamps-monotonic:
    backdate_tolerance_hours: 72
"
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-31 09:00 UTC] Wrote the reader.")"
  commit_at 2025-11-02T10:00:00Z "Log the reader, days later"
  run_planck check --base main
  expect_status 0
  expect_no_out "[timestamps-monotonic]"
}

case_worktree_backdating_is_measured_from_the_base_commit() {
  BASE_DATE=2025-11-02T10:00:00Z base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-31 09:00 UTC] Wrote the reader.")"
  run_planck check --base main --worktree
  expect_status 1
  expect_out "$PLAN:22:3: error: Progress entry added by this change is dated 2025-10-31 09:00 UTC, more than 24 h before the change began (2025-11-02 10:00 UTC, its earliest commit or the base)"

  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-11-01 12:00 UTC] Wrote the reader.")"
  run_planck check --base main --worktree
  expect_status 0
  expect_no_out "[timestamps-monotonic]"
}

case_newest_first_decision_log_passes() {
  base_repo "- [2025-10-30 08:00 UTC] Started.
- [2025-10-30 09:00 UTC] Read the old parser." "- [2025-10-30 09:10 UTC] Kept the reader.
- [2025-10-30 08:30 UTC] Chose ISO times."
  write "$PLAN" "$(plan_text "- [2025-10-30 08:00 UTC] Started.
- [2025-10-30 09:00 UTC] Read the old parser.
- [2025-10-30 10:00 UTC] Wrote the reader." "- [2025-10-30 10:10 UTC] Dropped the flag.
- [2025-10-30 09:10 UTC] Kept the reader.
- [2025-10-30 08:30 UTC] Chose ISO times.")"
  commit_at 2025-10-30T10:30:00Z "Log both ways"
  run_planck check --base main
  expect_status 0
  expect_out_empty
}

case_newest_first_decision_log_appended_at_the_end_fails() {
  base_repo "- [2025-10-30 08:00 UTC] Started." "- [2025-10-30 09:10 UTC] Kept the reader.
- [2025-10-30 08:30 UTC] Chose ISO times."
  write "$PLAN" "$(plan_text "- [2025-10-30 08:00 UTC] Started." "- [2025-10-30 09:10 UTC] Kept the reader.
- [2025-10-30 08:30 UTC] Chose ISO times.
- [2025-10-30 10:10 UTC] Dropped the flag.")"
  commit_at 2025-10-30T10:30:00Z "Log at the wrong end"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:27:3: error: Decision Log entry at 2025-10-30 10:10 UTC goes backwards: the entry before it (line 26) is at 2025-10-30 08:30 UTC and this section is kept newest first [timestamps-monotonic]"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
