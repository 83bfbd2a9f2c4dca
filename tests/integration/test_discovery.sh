#!/usr/bin/env bash
# Zero config: with no planck.yaml, planck discovers where the repository keeps its plans and how
# it writes them, from the revision it judges by, and says in one line what it assumed.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cookbook_plan() {
  local extra=${1:-}
  cat <<PLAN
# Speed up the importer

## Purpose / Big Picture

Faster imports.

## Progress

- [x] (2025-10-27T09:00:00Z) Profiled the reader.
$extra
- [ ] Stream the rows.

## Surprises & Discoveries

- None yet.

## Decision Log

- Decision: stream the rows.

## Outcomes & Retrospective

Pending.

## Context and Orientation

The reader.

## Plan of Work

Two steps.

## Concrete Steps

1. Run it.

## Validation and Acceptance

\`make test\`

## Idempotence and Recovery

Re-run.

## Artifacts and Notes

None.

## Interfaces and Dependencies

None.
PLAN
}

cookbook_repo() {
  new_repo repo
  write docs/execplans/importer.md "$(cookbook_plan)"
  write docs/execplans/exporter.md "$(cookbook_plan)"
  write README.md "# Project"
  commit_at 2025-10-27T10:00:00Z "Plans"
}

case_all_checks_the_discovered_plans_and_says_so() {
  cookbook_repo
  run_planck check --all
  expect_status 0
  expect_err "planck: no planck.yaml; discovered plans in docs/execplans/*.md (cookbook layout); run planck init to keep this"
  expect_err "in 2 files checked"
}

case_a_pull_request_is_checked_against_the_discovered_convention() {
  cookbook_repo
  git checkout -q -b work
  write docs/execplans/importer.md "$(cookbook_plan "- [x] Decided on streaming.
- [x] (2025-10-30 10:00 CET) Wrote the streamer.")"
  commit_at 2025-10-30T10:30:00Z "Progress"
  run_planck check --base main
  expect_status 1
  expect_out "docs/execplans/importer.md:10:7: error: Progress entry has no timestamp"
  expect_out "docs/execplans/importer.md:11:7: error: Progress entry timestamp '(2025-10-30 10:00 CET)' is not UTC"
  expect_err "discovered plans in docs/execplans/*.md"
}

case_verbose_says_why() {
  cookbook_repo
  run_planck check --all -v
  expect_err "discovered: 2 of 2 sampled documents are shaped like ExecPlans, in docs/execplans/*.md"
}

case_init_writes_what_was_discovered_and_check_accepts_it() {
  cookbook_repo
  run_planck init
  expect_status 0
  expect_out "wrote planck.yaml for the plans discovered in docs/execplans/*.md (cookbook layout); review it"
  [ -f planck.yaml ] || fail "no planck.yaml written"
  grep -qF "extends: execplan" planck.yaml || fail "planck.yaml does not extend execplan"
  grep -qF "'docs/execplans/*.md'" planck.yaml || fail "planck.yaml does not name the plans"
  grep -qF "#   2 of 2 sampled documents are shaped like ExecPlans" planck.yaml || fail "planck.yaml does not say why"
  [ ! -e PLANS.md ] || fail "init wrote a registry into a repository that keeps none"
  run_planck check --all
  expect_status 0
  expect_err "in 2 files checked"
  ! grep -qF "discovered" <<<"$err" || fail "discovery ran although planck.yaml exists"
  run_planck init
  expect_status 2
  expect_err "planck.yaml already exists; nothing was written"
}

case_plans_added_outside_the_base_layout_are_named() {
  cookbook_repo
  git checkout -q -b work
  write docs/plans/active/new-idea.md "$(cookbook_plan "- [x] 2025-13-45 broken")"
  commit_at 2025-10-30T10:30:00Z "A plan in a new place"
  run_planck check --base main
  expect_status 0
  expect_err "planck: this range adds 1 Markdown file in plan folders that the base's layout does not cover (first: docs/plans/active/new-idea.md); they are not checked until a planck.yaml names them"
}

case_config_prints_each_value_with_its_source() {
  cookbook_repo
  run_planck config
  expect_status 0
  expect_out "# chain: pack:agdd -> pack:execplan -> discovered settings"
  grep -qE "^  paths: \[docs/execplans/\*\.md\] +# discovered settings$" <<<"$out" || fail "paths not from discovery"
  grep -qE "^  exclude: \[README\.md, index\.md\] +# pack:execplan$" <<<"$out" || fail "exclude not from the pack"
  grep -qE "^    max_edit_percent: 10 +# default$" <<<"$out" || fail "an option default not marked default"
  write planck.yaml "extends: execplan
rules:
  last-synced: off
  log-append-only:
    max_edit_percent: 5
"
  run_planck config
  expect_status 0
  expect_out "# chain: pack:agdd -> pack:execplan -> planck.yaml"
  grep -qE "^  last-synced: off +# planck\.yaml$" <<<"$out" || fail "severity override not traced to planck.yaml"
  grep -qE "^    max_edit_percent: 5 +# planck\.yaml$" <<<"$out" || fail "option override not traced to planck.yaml"
  grep -qE "^  paths: \[docs/execplans/\*\.md, \.agent/execplans/\*\.md\] +# pack:execplan$" <<<"$out" ||
    fail "the pack's paths not traced to it"
}

case_no_plans_passes_quietly_and_says_how_to_start() {
  new_repo repo
  write README.md "# Project"
  write src/main.c "int main(void) { return 0; }"
  commit_at 2025-10-27T10:00:00Z "Code"
  run_planck check --all
  expect_status 0
  expect_out_empty
  expect_err "planck: no planck.yaml and no plans found; \`planck new TITLE\` starts one, \`planck init\` sets planck up"
}

case_a_config_file_turns_discovery_off() {
  cookbook_repo
  write planck.yaml "extends: execplan
"
  commit_at 2025-10-27T11:00:00Z "Config"
  run_planck check --all
  expect_no_out "discovered"
  ! grep -qF "discovered" <<<"$err" || fail "discovery ran despite planck.yaml"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
