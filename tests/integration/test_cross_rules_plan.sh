#!/usr/bin/env bash
# plan-required and plan-completion end to end: real branches with real author dates and
# trailers, the real binary, exit codes and locations.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLAN=docs/development/plans/migrate-storage.md

# A repository with an active plan, its registry entry and a CHANGELOG on main, and a branch
# `work` checked out.
base_repo() {
  new_repo repo
  write README.md "# Project"
  write src/app.py "print('v1')
"
  write "$PLAN" "$(plan_text)"
  write PLANS.md "# Plans

## Active Plans

- [2025-10-27] Migrate storage – [migrate-storage]($PLAN) – Ada – in-progress

## Completed Plans
"
  write CHANGELOG.md "# Changelog

- Nothing released yet.
"
  commit_at 2025-10-27T08:00:00Z "Start the storage plan"
  git checkout -q -b work
}

# A branch of two commits three days apart that changes code only; extra arguments go to the
# last `git commit` (a trailer, say).
multi_day_branch() {
  write src/app.py "print('v2')
"
  commit_at 2025-10-27T09:00:00Z "Start the Postgres backend"
  write src/app.py "print('v3')
"
  commit_at 2025-10-30T12:00:00Z "$@"
}

# completed_plan_text TODO: the plan, completed, with the given To-do body.
completed_plan_text() {
  cat <<PLAN
---
title: Migrate storage
slug: migrate-storage
status: completed
last_synced: 2025-10-30
---
# Migrate storage

## Purpose / Big Picture

Move the catalog to Postgres.

## Context and Orientation

See the catalog.

## Plan of Work

Two phases.

## To-do

$1

## Progress

- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 11:00 UTC] Done.

## Decision Log

- [2025-10-30 09:05 UTC] Chose the plain approach.

## Surprises & Discoveries

- [2025-10-30 09:10 UTC] Nothing yet.

## Concrete Steps

1. Run it.

## Validation and Acceptance

\`make test\` passed.

## Idempotence and Recovery

Re-run.

## Outcomes & Retrospective

Postgres serves every read. Follow-up: drop the SQLite fallback.

## Artifacts and Notes

None.

## Interfaces and Dependencies

None.
PLAN
}

# Closes the plan on the branch, its To-do body given, with the registry and CHANGELOG updated.
close_plan() {
  write "$PLAN" "$(completed_plan_text "$1")"
  write PLANS.md "# Plans

## Active Plans

## Completed Plans

- [2025-10-30] Migrate storage – [migrate-storage]($PLAN) – Ada – completed
"
  write CHANGELOG.md "# Changelog

- [Migrate storage]($PLAN): the catalog lives in Postgres.
"
  commit_at 2025-10-30T12:00:00Z "Close the storage plan"
}

case_multi_day_branch_without_plan_fails_at_first_file() {
  base_repo
  multi_day_branch "Move reads to Postgres"
  run_planck check --base main
  expect_status 1
  expect_out "src/app.py:1:1: error: this range spans 3 days (commits from 2025-10-27 to 2025-10-30, more than 24 h) but adds or changes no plan; add one under docs/development/plans/"
  expect_out "[plan-required]"
}

case_plan_trailer_in_last_commit_passes() {
  base_repo
  multi_day_branch "Move reads to Postgres

Plan: migrate-storage"
  run_planck check --base main
  expect_status 0
  expect_no_out plan-required
}

case_plan_trailer_naming_missing_plan_says_so() {
  base_repo
  multi_day_branch "Move reads to Postgres

Plan: migrate-storag"
  run_planck check --base main
  expect_status 1
  expect_out "its \`Plan: migrate-storag\` trailer names no plan that exists at head"
}

case_plan_exempt_gives_note_and_exit_0() {
  base_repo
  multi_day_branch "Rename the storage module

Plan-Exempt: mechanical rename, no behaviour change"
  run_planck check --base main
  expect_status 0
  expect_out "src/app.py:1:1: note: this range spans 3 days"
  expect_out "exempted by \`Plan-Exempt: mechanical rename, no behaviour change\` [plan-required]"
  run_planck check --base main --fail-on note
  expect_status 1
}

# chmod +x changes a plan's mode, not what it says: no plan change for plan-required, no change
# date for last-synced.
case_mode_only_change_of_a_plan_is_no_plan_change() {
  base_repo
  git checkout -q main
  synced_plan() {
    printf -- '---\ntitle: Migrate storage\nslug: migrate-storage\nstatus: in-progress\nlast_synced: %s\n---\n%s\n' \
      "$1" "$(plan_text "$2")"
  }
  synced_plan 2025-10-27 "- [2025-10-27 08:00 UTC] Started." >"$PLAN"
  commit_at 2025-10-27T08:30:00Z "Front matter"
  git checkout -q work
  git merge -q --ff-only main
  multi_day_branch "Move reads to Postgres"
  chmod +x "$PLAN"
  commit_at 2025-10-30T13:00:00Z "Make the plan executable"
  [ "$(git diff --numstat main HEAD -- "$PLAN")" = "0	0	$PLAN" ] || fail "the commit changed more than the mode"
  run_planck check --base main
  expect_status 1
  expect_out "error: this range spans 3 days"
  expect_out "but adds or changes no plan"
  expect_no_out "[last-synced]"
  # Uncommitted: a mode undone in the work tree, then a mode changed in the work tree alone.
  chmod -x "$PLAN"
  run_planck check --base main --worktree
  expect_status 1
  expect_out "but adds or changes no plan"
  expect_no_out "[last-synced]"
  commit_at 2025-10-30T14:00:00Z "The plan is not a program"
  chmod +x "$PLAN"
  run_planck check --base main --worktree
  expect_status 1
  expect_out "but adds or changes no plan"
  expect_no_out "[last-synced]"
  chmod -x "$PLAN"
  # The content changed on 10-28 and the mode on 10-31: last_synced 2025-10-28 is in date.
  synced_plan 2025-10-28 "- [2025-10-27 08:00 UTC] Started.
- [2025-10-28 09:00 UTC] Phase 1." >"$PLAN"
  chmod +x "$PLAN"
  commit_at 2025-10-28T09:30:00Z "Log phase 1"
  chmod -x "$PLAN"
  commit_at 2025-10-31T09:00:00Z "The plan is not a program"
  run_planck check --base main
  expect_no_out "[last-synced]"
}

# A plan moved to another file as it was says nothing new: no change date for last-synced. Moved
# and edited in the same range, it needs its date moved forward like any edit.
case_renamed_plan_keeps_its_date_unless_edited() {
  base_repo
  git checkout -q main
  local moved=docs/development/plans/migrate-storage-v2.md
  printf -- '---\ntitle: Migrate storage\nslug: migrate-storage\nstatus: in-progress\nlast_synced: 2025-10-27\n---\n%s\n' \
    "$(plan_text "- [2025-10-27 08:00 UTC] Started.")" >"$PLAN"
  commit_at 2025-10-27T08:30:00Z "Front matter"
  git checkout -q work
  git merge -q --ff-only main
  git mv "$PLAN" "$moved"
  commit_at 2025-10-30T13:00:00Z "Name the plan for its second version"
  run_planck check --base main
  expect_no_out "[last-synced]"
  printf -- '- [2025-10-30 14:00 UTC] Second version begun.\n' >>"$moved"
  commit_at 2025-10-30T14:30:00Z "Log the second version"
  run_planck check --base main
  expect_out "$moved:5:1: warning: last_synced is 2025-10-27 but the document changed on 2025-10-30"
}

case_storage_path_needs_plan_within_a_day() {
  base_repo
  write db/migrations/001_init.sql "create table t (id int);
"
  commit_at 2025-10-30T10:00:00Z "Add the first migration"
  run_planck check --base main
  expect_status 1
  expect_out "db/migrations/001_init.sql:1:1: error: this range touches db/migrations/001_init.sql (matches \`**/migrations/**\`)"
}

# Lines are counted only when trigger_lines asks for them: committed and uncommitted ones alike.
case_trigger_lines_counts_added_and_deleted_lines() {
  base_repo
  write planck.yaml "extends: agdd
rules:
  plan-required:
    trigger_lines: 50
"
  commit_at 2025-10-27T08:30:00Z "Configure planck"
  git checkout -q main && git merge -q --ff-only work && git checkout -q work
  write src/big.py "$(seq 1 40)"
  commit_at 2025-10-27T09:00:00Z "Forty lines"
  run_planck check --base main
  expect_status 0
  expect_no_out plan-required
  write src/big.py "$(seq 1 49)"
  write src/app.py ""
  run_planck check --base main --worktree
  expect_status 1
  expect_out "src/app.py:1:1: error: this range changes 50 lines (50 or more, added plus deleted) but adds or changes no plan"
}

case_all_without_base_skips_plan_required() {
  base_repo
  multi_day_branch "Move reads to Postgres"
  run_planck check --all
  expect_no_out plan-required
}

case_completed_plan_with_open_box_fails_at_the_box() {
  base_repo
  close_plan "- [x] Phase 1
- [ ] Phase 2"
  local line
  line=$(grep -n '^- \[ \] Phase 2' "$PLAN" | cut -d: -f1)
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:$line:3: error: to-do 'Phase 2' is still open, but the plan is completed (its front matter says \`status: completed\`); tick it"
  expect_out "[plan-completion]"
}

case_complete_plan_passes() {
  base_repo
  close_plan "- [x] Phase 1
- [x] Phase 2"
  run_planck check --base main
  expect_status 0
  expect_no_out plan-completion
}

case_open_box_can_be_suppressed_inline() {
  base_repo
  close_plan "- [x] Phase 1
<!-- planck-disable-next-line plan-completion -->
- [ ] Phase 2 (dropped, see the retrospective)"
  run_planck check --base main
  expect_status 0
  expect_no_out plan-completion
  expect_no_out unused-suppression
}

case_registry_move_checks_unchanged_plan() {
  base_repo
  write "$PLAN" "$(completed_plan_text "- [ ] Phase 1" | sed '/^status: completed$/d')"
  commit_at 2025-10-29T10:00:00Z "Update the plan"
  git checkout -q main
  git merge -q --ff-only work
  git checkout -q -b close
  write PLANS.md "# Plans

## Active Plans

## Completed Plans

- [2025-10-30] Migrate storage – [migrate-storage]($PLAN) – Ada – completed
"
  write CHANGELOG.md "# Changelog

- [Migrate storage]($PLAN): the catalog lives in Postgres.
"
  commit_at 2025-10-30T12:00:00Z "Close the storage plan"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:"
  expect_out "to-do 'Phase 1' is still open, but the plan is completed (it is listed under Completed Plans in PLANS.md)"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
