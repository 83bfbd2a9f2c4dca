#!/usr/bin/env bash
# Plans as real repositories keep them, end to end: deleting an unfinished plan, front matter
# of the repository's own shape, and plan-required where documentation is no trigger and where
# the repository keeps no plans in the configured folder.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLAN=docs/development/plans/migrate-storage.md

# main holds an active plan with an open box, its registry entry and a changelog; branch `work`.
base_repo() {
  new_repo repo
  write src/app.py "print('v1')
"
  write "$PLAN" "---
title: Migrate storage
slug: migrate-storage
status: in-progress
last_synced: 2025-10-27
---
$(plan_text)"
  write PLANS.md "$(registry_text "$PLAN")"
  write CHANGELOG.md "# Changelog
"
  commit_at 2025-10-27T08:00:00Z "Start the storage plan"
  git checkout -q -b work
}

case_deleting_an_unfinished_plan_fails() {
  base_repo
  git rm -q "$PLAN"
  write PLANS.md "$(registry_text)"
  commit_at 2025-10-30T10:00:00Z "Tidy up"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:7:1: error: this range deletes an unfinished plan (its status is 'in-progress', PLANS.md lists it under Active Plans and 1 box is still open)"
  expect_out "[plan-completion]"
}

case_moving_a_plan_to_an_archive_folder_passes() {
  base_repo
  write planck.yaml "extends: agdd
plans:
  paths: ['docs/development/plans/**/*.md']
rules:
  registry-entry: off
"
  git add planck.yaml
  GIT_AUTHOR_DATE=2025-10-27T08:30:00Z GIT_COMMITTER_DATE=2025-10-27T08:30:00Z git commit -q -m "Config"
  git checkout -q main && git merge -q --ff-only work && git checkout -q work
  mkdir -p docs/development/plans/archive
  # Moved and cut down to a stub: too changed for git to call it a rename.
  git rm -q "$PLAN"
  write docs/development/plans/archive/migrate-storage.md "# Migrate storage

Archived; see the design notes.
"
  commit_at 2025-10-30T10:00:00Z "Archive the storage plan"
  run_planck check --base main
  expect_no_out "deletes an unfinished plan"
}

case_abandoned_plan_may_go_and_exempt_says_why() {
  base_repo
  git rm -q "$PLAN"
  write PLANS.md "# Plans

## Active Plans

## Completed Plans

- [2025-10-30] \`migrate-storage.md\` – Abandoned: the hosted database replaced it.
"
  commit_at 2025-10-30T10:00:00Z "Drop the storage plan"
  run_planck check --base main
  expect_no_out "deletes an unfinished plan"

  git reset -q --hard main
  git rm -q "$PLAN"
  write PLANS.md "$(registry_text)"
  commit_at 2025-10-30T10:00:00Z "Drop the storage plan

Plan-Exempt: the spike answered its question; notes moved to the wiki"
  run_planck check --base main --fail-on error
  expect_status 0
  expect_out "note: this range deletes an unfinished plan"
  expect_out "exempted by \`Plan-Exempt: the spike answered its question; notes moved to the wiki\`"
}

case_slug_prefix_and_own_statuses_in_the_cookbook_pack() {
  new_repo repo
  write planck.yaml "extends: execplan
"
  write docs/execplans/2026-02-16-storage-plan.md "---
slug: 2026-02-16-storage
status: intake-complete
owner: ada
---
# Storage

## Progress

- [x] (2025-10-30T09:00:00Z) Started.
"
  commit_at 2025-10-30T08:00:00Z "Base"
  git checkout -q -b work
  write docs/execplans/2026-02-16-storage-plan.md "---
slug: 2026-02-16-storage
status: intake-complete
owner: ada
---
# Storage

## Progress

- [x] (2025-10-30T09:00:00Z) Started.
- [x] (2025-10-30T10:15:30Z) Wrote the importer.
"
  commit_at 2025-10-30T10:30:00Z "Progress"
  run_planck check --base main
  expect_no_out "[front-matter]"

  write docs/execplans/2026-02-16-storage-plan.md "---
slug: storage-v2
status: active
---
# Storage
"
  commit_at 2025-10-30T10:40:00Z "Rename the slug"
  run_planck check --base main
  expect_status 1
  expect_out "docs/execplans/2026-02-16-storage-plan.md:2:1: error: slug 'storage-v2' does not start the file name '2026-02-16-storage-plan'"
}

case_documentation_about_a_migration_is_no_trigger() {
  base_repo
  write docs/guides/storage-migration-guide.md "# Moving your data
"
  commit_at 2025-10-30T10:00:00Z "Document the migration"
  run_planck check --base main
  expect_status 0
  expect_no_out "[plan-required]"

  write db/migrations/0002_add_index.sql "CREATE INDEX i ON t (c);
"
  commit_at 2025-10-30T10:10:00Z "Add an index"
  run_planck check --base main
  expect_status 1
  expect_out "db/migrations/0002_add_index.sql:1:1: error: this range touches db/migrations/0002_add_index.sql"
}

case_no_plans_where_planck_looks_is_one_note() {
  new_repo repo
  write src/storage/engine.c "int engine;
"
  commit_at 2025-10-27T08:00:00Z "Base"
  git checkout -q -b work
  write src/storage/engine.c "int engine = 2;
"
  write src/storage/pages.c "int pages;
"
  commit_at 2025-10-30T10:00:00Z "Rework the storage engine"
  run_planck check --base main
  expect_status 0
  expect_out "src/storage/engine.c:1:1: note: this range touches src/storage/engine.c"
  expect_out "but no plan exists where planck looks (\`docs/development/plans/*.md\`, and docs/development/plans/ does not exist)"
  [ "$(grep -c . <<<"$out")" -eq 1 ] || fail "expected exactly one finding"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
