#!/usr/bin/env bash
# registry-entry and links-resolve end to end: real repositories, renames followed by git, the
# real binary, exit codes and the exact `path:line:col` lines.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLAN=docs/development/plans/migrate-storage.md
LINK_COL=36   # column of the link's `[` in entry(): after `- [2025-10-30] Migrate storage – `

# entry [STATUS] [LINK]: the registry entry of the storage plan.
entry() {
  printf -- '- [2025-10-30] Migrate storage – [migrate-storage](%s) – Ada – %s\n' "${2:-$PLAN}" "${1:-in-progress}"
}

# registry ACTIVE [COMPLETED]: PLANS.md with both lists (line 5 is the first active entry; with one
# active entry, line 8 the first completed one).
registry() {
  printf '# Plans\n\n## Active Plans\n\n%s\n## Completed Plans\n\n%s' "$1" "${2:-}"
}

# A repository on main with the registered storage plan, a CHANGELOG that links to it, and the
# branch `work` checked out.
base_repo() {
  new_repo repo
  write README.md "# Project"
  write "$PLAN" "$(plan_text)"
  write PLANS.md "$(registry "$(entry)")"
  write CHANGELOG.md "# Changelog

- Storage: see [the plan]($PLAN#progress).
"
  commit_at 2025-10-30T09:30:00Z "Start the storage plan"
  git checkout -q -b work
}

# Thirty unchanged plans go through planck's raw-text screen, several at a time: only the links
# this range broke are reported, however they are spelled, and an old broken link is not.
case_rename_breaks_links_in_unchanged_plans_however_spelled() {
  base_repo
  write docs/development/my_notes.md "# Notes

## Intro
"
  local i
  for i in $(seq 10 39); do
    write "docs/development/plans/p$i.md" "$(plan_text "- [2025-10-30 09:00 UTC] See [the next plan](p$((i + 1)).md).")"
  done
  write docs/development/plans/p17.md "$(plan_text '- [2025-10-30 09:00 UTC] See [notes](../my\_notes.md).')"
  write docs/development/plans/p31.md "$(plan_text '- [2025-10-30 09:00 UTC] See [notes](../my%5Fnotes.md#intro).')"
  commit_at 2025-10-30T09:45:00Z "Thirty plans and notes"
  git branch -q -f main work
  mkdir -p docs/development/notes
  git mv docs/development/my_notes.md docs/development/notes/my_notes.md
  commit_at 2025-10-30T10:30:00Z "Move the notes"
  run_planck check --base main
  expect_status 1
  expect_out "docs/development/plans/p17.md:"
  expect_out "docs/development/plans/p31.md:"
  expect_out "this range moved it to 'docs/development/notes/my_notes.md'"
  [ "$(grep -c '\[links-resolve\]' <<<"$out")" -eq 2 ] || fail "expected exactly two links-resolve findings"
}

case_registered_plan_and_good_links_pass() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] Phase 1 done. See [the log](../../../CHANGELOG.md#changelog), [to-dos](#to-do), [root](/README.md).")"
  commit_at 2025-10-30T10:30:00Z "Log phase 1"
  run_planck check --base main
  expect_status 0
  expect_out_empty
}

case_unregistered_plan_is_reported_at_line_1() {
  base_repo
  write docs/development/plans/new-work.md "$(plan_text)"
  commit_at 2025-10-30T10:30:00Z "Start new work without registering it"
  run_planck check --base main
  expect_status 1
  expect_out "docs/development/plans/new-work.md:1:1: error: this plan is not listed in PLANS.md; add \`- [2025-10-30] Migrate storage – [new-work](docs/development/plans/new-work.md) – owner – in-progress\` under ## Active Plans [registry-entry]"
}

case_registration_in_the_same_range_passes() {
  base_repo
  write docs/development/plans/new-work.md "$(plan_text)"
  write PLANS.md "$(registry "$(entry)
$(entry paused docs/development/plans/new-work.md)")"
  commit_at 2025-10-30T10:30:00Z "Start and register new work"
  run_planck check --base main
  expect_status 0
  expect_out_empty
}

case_plan_listed_in_both_lists() {
  base_repo
  write PLANS.md "$(registry "$(entry)" "- [2025-10-31] \`migrate-storage.md\` – Storage moved.
")"
  commit_at 2025-10-30T10:30:00Z "List the plan twice"
  run_planck check --base main
  expect_status 1
  expect_out "PLANS.md:8:3: error: '$PLAN' is listed under both Active Plans (line 5) and Completed Plans; keep only the one in the list that matches its status [registry-entry]"
}

case_moved_plan_is_named_in_registry_and_changelog() {
  base_repo
  printf 'plans:\n  paths: [docs/development/plans/**/*.md]\n' >planck.yaml
  commit_at 2025-10-30T09:40:00Z "Config"
  mkdir -p docs/development/plans/archive
  git mv "$PLAN" docs/development/plans/archive/migrate-storage.md
  commit_at 2025-10-30T10:30:00Z "Archive the storage plan"
  run_planck check --base HEAD~1
  expect_status 1
  expect_out "PLANS.md:5:$LINK_COL: error: registry entry links to '$PLAN', which was moved to 'docs/development/plans/archive/migrate-storage.md' in this range; update the link to 'docs/development/plans/archive/migrate-storage.md' [registry-entry]"
  expect_out "CHANGELOG.md:3:16: error: link target '$PLAN' does not exist at head: this range moved it to 'docs/development/plans/archive/migrate-storage.md'; update the link to 'docs/development/plans/archive/migrate-storage.md#progress' [links-resolve]"
  # Neither PLANS.md nor CHANGELOG.md changed, and the moved plan itself is not "unregistered".
  [ "$(grep -c . <<<"$out")" -eq 2 ] || fail "expected exactly two findings"
}

case_deleted_plan_leaves_dangling_entry() {
  base_repo
  git rm -q "$PLAN"
  commit_at 2025-10-30T10:30:00Z "Drop the plan"
  run_planck check --base main
  expect_status 1
  expect_out "PLANS.md:5:$LINK_COL: error: registry entry links to '$PLAN', which was deleted in this range; remove the entry or restore the plan [registry-entry]"
  expect_out "CHANGELOG.md:3:16: error: link target '$PLAN' does not exist at head: this range deleted it [links-resolve]"
}

case_dangling_entry_and_bad_form_in_a_changed_registry() {
  base_repo
  write PLANS.md "$(registry "$(entry)
$(entry done docs/development/plans/migrate-storag.md)")"
  commit_at 2025-10-30T10:30:00Z "Register a typo"
  run_planck check --base main
  expect_status 1
  expect_out "PLANS.md:6:3: error: registry entry status 'done' is not allowed in Active Plans; use \`in-progress\`, \`blocking\` or \`paused\` [registry-entry]"
  expect_out "PLANS.md:6:$LINK_COL: error: registry entry links to 'docs/development/plans/migrate-storag.md', which does not exist at head (did you mean '$PLAN'?) [registry-entry]"
  expect_no_out "[links-resolve]"
}

case_completed_status_in_active_list() {
  base_repo
  write "$PLAN" "---
title: Migrate storage
slug: migrate-storage
status: completed
last_synced: 2025-10-30
---
$(plan_text)"
  commit_at 2025-10-30T10:30:00Z "Mark completed, forget the registry"
  run_planck check --base main
  expect_status 1
  expect_out "PLANS.md:5:3: error: '$PLAN' has \`status: completed\` but is listed under Active Plans; move the entry to ## Completed Plans [registry-entry]"
}

case_status_mismatch() {
  base_repo
  write "$PLAN" "---
title: Migrate storage
slug: migrate-storage
status: paused
last_synced: 2025-10-30
---
$(plan_text)"
  commit_at 2025-10-30T10:30:00Z "Pause"
  run_planck check --base main
  expect_status 1
  expect_out "PLANS.md:5:3: error: registry entry says 'in-progress' but '$PLAN' has \`status: paused\`; make them agree [registry-entry]"
}

# A registry edit is checked against the plans it names, though the range leaves them alone: their
# front matter is read on every core without parsing them.
case_registry_edit_checked_against_unchanged_plans() {
  new_repo repo
  local active="" completed="" i
  for i in 0 1 2 3 4 5 6 7 8 9; do
    write "docs/development/plans/p$i.md" "---
title: Plan $i
slug: p$i
status: completed
last_synced: 2025-10-30
---
$(plan_text)"
    completed+="- [2025-10-30] Plan $i – [p$i](docs/development/plans/p$i.md) – Ada – completed"$'\n'
  done
  write PLANS.md "$(registry "" "$completed")"
  commit_at 2025-10-30T09:30:00Z "Ten finished plans"
  git checkout -q -b work
  active="- [2025-10-30] Plan 3 – [p3](docs/development/plans/p3.md) – Ada – in-progress"$'\n'
  completed=$(grep -v -e '\[p3\]' -e '\[p7\]' <<<"$completed")
  write PLANS.md "$(registry "$active" "$completed"$'\n')"
  commit_at 2025-10-30T10:30:00Z "Reopen plan 3, drop plan 7"
  run_planck check --base main
  expect_status 1
  expect_out "PLANS.md:5:3: error: 'docs/development/plans/p3.md' has \`status: completed\` but is listed under Active Plans; move the entry to ## Completed Plans [registry-entry]"
  expect_out "docs/development/plans/p7.md:1:1: error: this plan is not listed in PLANS.md any more: this range removed its entry; add \`- [2025-10-30] Plan 7 – [p7](docs/development/plans/p7.md) – owner – completed\` under ## Completed Plans [registry-entry]"
  [ "$(grep -c '\[registry-entry\]' <<<"$out")" -eq 2 ] || fail "expected two registry-entry findings: $out"
}

case_convention_registry_with_placeholder_and_example() {
  base_repo
  write PLANS.md "# AGDD ExecPlans (PLANS.md)

## Active Plans

_None. Add entries in the format below when initiatives start._

\`\`\`markdown
- [YYYY-MM-DD] Title – Link – Owner(s) – Status (in-progress/blocking/paused)
\`\`\`

$(entry)

## Completed Plans

- [2025-10-15] \`bootstrap-initial-agdd-release.md\` – Initial release packaging and documentation alignment.
"
  commit_at 2025-10-30T10:30:00Z "Convention layout"
  run_planck check --base main
  expect_status 1
  # The placeholder and the example are not entries; the short form's plan does not exist here.
  expect_out "PLANS.md:15:16: error: registry entry names 'bootstrap-initial-agdd-release.md', but no plan at head has that file name [registry-entry]"
  [ "$(grep -c . <<<"$out")" -eq 1 ] || fail "expected exactly one finding"
  write docs/development/plans/bootstrap-initial-agdd-release.md "$(plan_text)"
  commit_at 2025-10-30T10:40:00Z "Add the bootstrap plan"
  run_planck check --base main
  expect_no_out "[registry-entry]"
}

case_broken_links_in_a_changed_plan() {
  base_repo
  write docs/development/roadmap.md "# Roadmap

## Notes

## Notes
"
  commit_at 2025-10-30T09:40:00Z "Roadmap"
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] [spec](spec.md), [roadmap](../roadmap.md#notes-1), [bad](../roadmap.md#notes-2).
- [2025-10-30 10:10 UTC] Code: \`[x](gone.md)\`, web: [site](https://example.com/nope.md), [up](../../../../outside.md).")"
  commit_at 2025-10-30T10:30:00Z "Links"
  run_planck check --base HEAD~1
  expect_status 1
  expect_out "$PLAN:22:26: error: link target 'spec.md' (docs/development/plans/spec.md) does not exist at head [links-resolve]"
  expect_out "$PLAN:22:77: error: link '../roadmap.md#notes-2': no heading in 'docs/development/roadmap.md' has the anchor '#notes-2' (did you mean '#notes-1'?) [links-resolve]"
  expect_out "$PLAN:23:90: error: link '../../../../outside.md' points outside the repository; link within the repository or use a full URL [links-resolve]"
  [ "$(grep -c . <<<"$out")" -eq 3 ] || fail "expected exactly three findings"
}

case_fragments_into_unchanged_documents_read_without_parsing() {
  base_repo
  # Twelve linked documents, so that they are read on every core; their headings are plain, but
  # one hides its heading in fenced code and one in an HTML block.
  local i links=""
  for i in $(seq 1 12); do
    write "docs/guides/g$i.md" "# Guide $i

## Set up

\`\`\`markdown
## Hidden $i
\`\`\`

<details>
## Folded $i
</details>
"
    links="$links [g$i](../../guides/g$i.md#set-up)"
  done
  commit_at 2025-10-30T09:40:00Z "Guides"
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 09:50 UTC] Read:$links.
- [2025-10-30 10:00 UTC] Not: [h](../../guides/g3.md#hidden-3), [f](../../guides/g7.md#folded-7).")"
  commit_at 2025-10-30T10:30:00Z "Links into the guides"
  run_planck check --base HEAD~1
  expect_status 1
  expect_out "no heading in 'docs/guides/g3.md' has the anchor '#hidden-3'"
  expect_out "no heading in 'docs/guides/g7.md' has the anchor '#folded-7'"
  [ "$(grep -c . <<<"$out")" -eq 2 ] || fail "expected exactly two findings"
}

case_renamed_heading_breaks_anchor_in_unchanged_changelog() {
  base_repo
  write "$PLAN" "$(plan_text | sed 's/^## Progress$/## Progress log/')"
  commit_at 2025-10-30T10:30:00Z "Rename a section"
  run_planck check --base main
  expect_status 1
  expect_out "CHANGELOG.md:3:16: error: link '$PLAN#progress': no heading in '$PLAN' has the anchor '#progress' any more (this range changed that heading) (did you mean '#progress-log'?) [links-resolve]"
}

case_suppression_and_all() {
  base_repo
  git checkout -q main
  write CHANGELOG.md "# Changelog

- Storage: see [the plan]($PLAN#progress).
- Old: [broken long ago](docs/missing.md).
"
  commit_at 2025-10-30T09:40:00Z "An old broken link"
  git checkout -q work
  git merge -q --ff-only main
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
<!-- planck-disable-next-line links-resolve -->
- [2025-10-30 10:00 UTC] Draft: [notes](notes.md).")"
  commit_at 2025-10-30T10:30:00Z "Suppressed link"
  run_planck check --base main
  expect_status 0
  expect_out_empty
  run_planck check --all
  expect_status 1
  expect_out "CHANGELOG.md:4:8: error: link target 'docs/missing.md' does not exist at head [links-resolve]"
  expect_no_out "notes.md"
}

case_worktree_rename_is_seen() {
  base_repo
  git mv "$PLAN" docs/development/plans/storage.md
  run_planck check --base main --worktree
  expect_status 1
  expect_out "CHANGELOG.md:3:16: error: link target '$PLAN' does not exist at head: this range moved it to 'docs/development/plans/storage.md'; update the link to 'docs/development/plans/storage.md#progress' [links-resolve]"
  expect_out "PLANS.md:5:$LINK_COL: error: registry entry links to '$PLAN', which was moved to 'docs/development/plans/storage.md' in this range; update the link to 'docs/development/plans/storage.md' [registry-entry]"
}

case_explain_shows_options() {
  run_planck explain links-resolve
  expect_status 0
  expect_out "ignore_targets"
  expect_out "check_fragments"
  run_planck explain registry-entry
  expect_status 0
  expect_out "entry_form"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
