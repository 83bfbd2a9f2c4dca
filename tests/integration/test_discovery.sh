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

# With no planck.yaml, the authoring commands use the layout check discovers: `new` writes into
# the repository's own plan folder (the active one) and leaves its guide alone, `log` writes the
# cookbook's stamped checklist, and the result passes check.
case_authoring_writes_where_discovery_looks() {
  new_repo repo
  layout_cookbook_active_and_completed_with_a_guide
  commit_at 2025-10-27T10:00:00Z "Plans"
  run_planck new "Speed up the reader"
  expect_status 0
  expect_out "docs/plans/active/speed-up-the-reader.md"
  [ -f docs/plans/active/speed-up-the-reader.md ] || fail "the plan was not written in docs/plans/active/"
  [ ! -e PLANS.md ] || fail "new wrote a registry the repository does not keep"
  [ "$(git status --porcelain)" = "?? docs/plans/active/speed-up-the-reader.md" ] || fail "new wrote more than the plan: $(git status --porcelain)"
  run_planck log speed-up-the-reader progress "Profiled the reader"
  expect_status 0
  grep -qE '^- \[x\] \([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}Z\) Profiled the reader$' docs/plans/active/speed-up-the-reader.md ||
    fail "log did not write the cookbook's stamped checklist entry"
  run_planck check --base HEAD --worktree
  expect_status 0
  expect_err "discovered plans in docs/plans/active/*.md"
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

case_a_range_that_moves_the_layout_is_named() {
  cookbook_repo
  git checkout -q -b work
  mkdir -p docs/plans
  git mv docs/execplans/importer.md docs/plans/importer.md
  git mv docs/execplans/exporter.md docs/plans/exporter.md
  commit_at 2025-10-30T10:30:00Z "Move the plans"
  run_planck check --base main
  expect_err "planck: at head the layout reads differently (plans in docs/plans/*.md, execplan pack); the base's is used"
  # A range that leaves the layout alone says nothing of it.
  git checkout -q -b edit main
  write docs/execplans/importer.md "$(cookbook_plan "- [x] (2025-10-30 10:00Z) Streamed the rows.")"
  commit_at 2025-10-30T10:30:00Z "Progress"
  run_planck check --base main
  expect_status 0
  grep -qF "reads differently" <<<"$err" && fail "a note for a layout that did not change"
  true
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

case_documents_in_the_plan_folder_not_shaped_like_plans_are_not_checked() {
  # The pack's own folder, but nothing there keeps a Progress log: not plans, and not judged as
  # plans, as the summary says.
  new_repo repo
  write README.md "# Project"
  write docs/development/plans/notes.md "# Notes

## Progress

- [2025-10-27 09:00 UTC] Started."
  write docs/development/plans/ideas.md "# Ideas

Some."
  commit_at 2025-10-27T10:00:00Z "Notes"
  run_planck check --all
  expect_status 0
  expect_out_empty
  expect_err "the Markdown files in docs/development/plans/ are not shaped like ExecPlans"
  expect_err "so none was checked"
  expect_err "no findings in 0 files checked"
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

# Each layout real repositories keep, built at main with two clean plans; the plan a branch edits
# is named by $edit, and the edit adds one real violation (a Progress entry with no timestamp).
agdd_progress() {   # agdd_progress newest|oldest [EXTRA]: two stamped entries in that order
  local first="- [2025-10-30 09:00 UTC] Started." second="- [2025-10-31 09:00 UTC] Moved the first table."
  if [ "$1" = newest ]; then
    printf '%s\n%s%s' "${2:+$2
}" "$second" "" | sed '/^$/d'
    printf '%s' "$first"
  else
    printf '%s\n%s%s' "$first" "$second" "${2:+
$2}"
  fi
}

layout_agdd_at_the_root() {
  write docs/development/plans/migrate.md "$(plan_text "$(agdd_progress oldest)")"
  write docs/development/plans/cache.md "$(plan_text "$(agdd_progress oldest)")"
  write PLANS.md "$(registry_text docs/development/plans/migrate.md docs/development/plans/cache.md)"
  edit=docs/development/plans/migrate.md
  edited="$(plan_text "$(agdd_progress oldest "- Moved the second table.")")"
  summary="discovered plans in docs/development/plans/*.md (AGDD layout), registry PLANS.md"
}

layout_agdd_in_agent_folder_newest_first() {
  write .agent/plans/migrate.md "$(plan_text "$(agdd_progress newest)")"
  write .agent/plans/cache.md "$(plan_text "$(agdd_progress newest)")"
  write .agent/PLANS.md "$(registry_text plans/migrate.md plans/cache.md)"
  edit=.agent/plans/migrate.md
  edited="$(plan_text "$(agdd_progress newest "- Moved the second table.")")"
  summary="discovered plans in .agent/plans/*.md (AGDD layout), registry .agent/PLANS.md"
}

layout_cookbook_active_and_completed_with_a_guide() {
  write docs/PLANS.md "# How we write plans

## Requirements

Every plan keeps a Progress log, a Decision Log and a retrospective."
  write docs/plans/active/importer.md "$(cookbook_plan)"
  write docs/plans/active/exporter.md "$(cookbook_plan)"
  write docs/plans/completed/reader.md "$(cookbook_plan)"
  write docs/plans/completed/writer.md "$(cookbook_plan)"
  edit=docs/plans/active/importer.md
  edited="$(cookbook_plan "- [x] Wrote the streamer.")"
  summary="discovered plans in docs/plans/active/*.md, docs/plans/completed/*.md (cookbook layout)"
}

layout_cookbook_plan_per_folder_with_tasks() {
  local name
  for name in reader writer index; do
    write "docs/exec-plans/active/$name/PLAN_$name.md" "$(cookbook_plan)"
    write "docs/exec-plans/active/$name/TASK_01_$name.md" "# Task 1

Do the first part."
  done
  edit=docs/exec-plans/active/reader/PLAN_reader.md
  edited="$(cookbook_plan "- [x] Wrote the streamer.")"
  summary="discovered plans in docs/exec-plans/active/**/PLAN*.md (cookbook layout)"
}

layout_monorepo_registry_linking_service_folders() {
  write services/billing/plans/retry.md "$(plan_text "$(agdd_progress oldest)")"
  write services/search/plans/reindex.md "$(plan_text "$(agdd_progress oldest)")"
  write services/search/src/main.c "int main(void) { return 0; }"
  write PLANS.md "$(registry_text services/billing/plans/retry.md services/search/plans/reindex.md)"
  edit=services/billing/plans/retry.md
  edited="$(plan_text "$(agdd_progress oldest "- Moved the second table.")")"
  summary="discovered plans in services/billing/plans/*.md, services/search/plans/*.md (AGDD layout), registry PLANS.md"
}

# The findings of a text report: one line each.
findings() { grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning|note): ' <<<"$out" || true; }

case_each_layout_is_discovered_and_init_keeps_it() {
  local layout
  for layout in agdd_at_the_root agdd_in_agent_folder_newest_first cookbook_active_and_completed_with_a_guide \
    cookbook_plan_per_folder_with_tasks monorepo_registry_linking_service_folders; do
    cd "$case_dir" || return 1
    new_repo "$layout"
    write README.md "# Project"
    "layout_$layout"
    commit_at 2025-11-01T10:00:00Z "Plans"
    run_planck check --all
    [ "$status" -eq 0 ] || fail "$layout: check --all on clean plans exits $status: $out"
    expect_err "$summary"
    # A branch that adds one real violation gets that finding and no other.
    git checkout -q -b work
    write "$edit" "$edited"
    commit_at 2025-11-02T10:00:00Z "Progress"
    run_planck check --base main
    [ "$status" -eq 1 ] || fail "$layout: the violation did not fail the check: $out"
    [ "$(findings | wc -l)" -eq 1 ] || fail "$layout: expected one finding, got: $(findings)"
    grep -qE "^$edit:[0-9]+:[0-9]+: error: Progress entry has no timestamp" <<<"$out" ||
      fail "$layout: not the missing timestamp: $out"
    # planck init keeps what was discovered, and the checks agree with it.
    git checkout -q main
    run_planck init
    [ "$status" -eq 0 ] || fail "$layout: init exits $status: $err"
    run_planck check --all
    [ "$status" -eq 0 ] || fail "$layout: check --all with the written planck.yaml exits $status: $out"
    ! grep -qF "discovered plans" <<<"$err" || fail "$layout: discovery ran although planck.yaml exists"
    git checkout -q work
    run_planck check --base main
    [ "$status" -eq 1 ] && [ "$(findings | wc -l)" -eq 1 ] ||
      fail "$layout: with the written planck.yaml, expected the one finding: $out"
  done
}

case_plans_deep_in_a_code_tree_need_a_registry_or_a_config() {
  new_repo repo
  write services/billing/plans/retry.md "$(plan_text)"
  write services/billing/src/main.c "int main(void) { return 0; }"
  commit_at 2025-11-01T10:00:00Z "Plans"
  run_planck check --all
  expect_status 0
  expect_err "no plans found"
}

case_a_registry_of_inline_plans_is_kept_and_reported_once() {
  new_repo repo
  write todo/PLANS.md "# Plans

## Active Plans

### [2026-01-05] Faster import

#### Progress

- [x] Profiled the reader
  - the CSV path dominates
  - \`make bench\`

### [2026-01-06] Retry queue

- [ ] Design the backoff

## Completed Plans

### [2025-12-01] Logging

- [x] Structured logs
"
  commit_at 2025-11-01T10:00:00Z "Plans"
  run_planck check --all
  expect_status 0
  [ "$(findings | wc -l)" -eq 1 ] || fail "expected one note, got: $out"
  expect_out "todo/PLANS.md:5:1: note: todo/PLANS.md keeps 3 plans inline"
  run_planck init
  expect_status 0
  expect_out "wrote planck.yaml for the registry todo/PLANS.md"
  [ ! -e PLANS.md ] || fail "init wrote a second registry beside todo/PLANS.md"
  grep -qF "registry: 'todo/PLANS.md'" planck.yaml || fail "planck.yaml does not keep the registry"
  run_planck check --all
  expect_status 0
  [ "$(findings | wc -l)" -eq 1 ] || fail "with planck.yaml, expected the one note, got: $out"
}

# Plans from a newer template: the plan of work under a name of its own, the context first.
newer_template_plan() {
  cookbook_plan | sed -e 's/^## Plan of Work$/## Implementation plan/' \
    -e '/^## Context and Orientation$/,/^The reader\.$/d' \
    -e 's/^## Progress$/## Context and Orientation\n\nThe reader.\n\n## Progress/'
}

case_sections_named_and_ordered_as_the_plans_have_them() {
  new_repo repo
  for name in a b c d e f; do write "docs/execplans/$name.md" "$(cookbook_plan)"; done
  write docs/execplans/g.md "$(newer_template_plan)"
  write docs/execplans/h.md "$(newer_template_plan)"
  commit_at 2025-10-27T10:00:00Z "Plans"
  grep -qx '## Implementation plan' docs/execplans/g.md || fail "the fixture lost its heading"
  run_planck check --all -v
  expect_status 0
  expect_err "discovered: 'Implementation plan' stands for Plan of Work in 2 sampled plans"
  expect_err "discovered: 2 of 8 sampled plans keep their sections in another order"
  [ -z "$(findings)" ] || fail "expected no findings, got: $out"
  run_planck init
  expect_status 0
  grep -qF "'Plan of Work': ['Implementation plan']" planck.yaml || fail "planck.yaml does not keep the alias: $(cat planck.yaml)"
  grep -qF "order: false" planck.yaml || fail "planck.yaml still checks the order: $(cat planck.yaml)"
  git add planck.yaml
  commit_at 2025-10-27T11:00:00Z "Keep the discovered settings"
  # The section is still required under either name.
  sed -i '/^## Implementation plan$/,/^Two steps\.$/d' docs/execplans/g.md
  commit_at 2025-10-27T12:00:00Z "Drop the plan of work"
  run_planck check --base HEAD~1
  expect_status 1
  expect_out "docs/execplans/g.md"
  expect_out "missing section '## Plan of Work'"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
