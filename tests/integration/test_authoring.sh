#!/usr/bin/env bash
# planck init, new, log, close, status and hook install end to end: real repositories, the real
# binary; after each command `planck check --all --worktree` is clean, and a refused command writes nothing.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLANS=docs/development/plans

# commit_now MESSAGE: commits everything at the current time (plans carry the real clock's entries).
commit_now() {
  commit_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1"
}

# A repository with one commit and planck initialised (uncommitted).
init_repo() {
  new_repo repo
  write README.md "# Project"
  commit_at 2025-10-30T09:00:00Z "Start"
  run_planck init
  expect_status 0
}

# expect_clean: `planck check --all --worktree` passes with no finding at all.
expect_clean() {
  run_planck check --all --worktree
  expect_status 0
  expect_out_empty
  expect_err "no findings"
}

# snapshot: the work tree's state (git status plus a checksum of every file), to prove nothing was written.
snapshot() {
  git status --porcelain --untracked-files=all
  find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
}

# expect_unchanged BEFORE: the work tree is exactly as the snapshot BEFORE says.
expect_unchanged() {
  [ "$(snapshot)" = "$1" ] || fail "expected nothing to be written"
}

# fill_plan PATH: what a finished plan has: boxes ticked, a retrospective, a validation command.
fill_plan() {
  sed -i \
    -e 's/^<!-- Steps as a checklist.*-->$/- [x] Phase 1\n- [x] Phase 2/' \
    -e 's/^<!-- The commands that prove.*-->$/`make test` passes (12 tests)./' \
    -e 's/^<!-- Filled in at the end.*-->$/Postgres serves every read. Follow-up: drop SQLite./' \
    "$1"
}

case_init_writes_a_passing_setup() {
  init_repo
  expect_out "wrote planck.yaml (extends: agdd), PLANS.md and $PLANS/README.md"
  grep -qx "extends: agdd" planck.yaml || fail "planck.yaml does not extend agdd"
  grep -qx "#     - $PLANS/\*.md" planck.yaml || fail "planck.yaml does not show the plans path"
  grep -qx "## Active Plans" PLANS.md || fail "no Active Plans heading"
  grep -qx "## Completed Plans" PLANS.md || fail "no Completed Plans heading"
  grep -qx "last_synced: $(date -u +%F)" PLANS.md || fail "last_synced is not today"
  [ -f "$PLANS/README.md" ] || fail "no plans folder README"
  expect_clean
}

case_init_refuses_to_overwrite() {
  new_repo repo
  write PLANS.md "# My registry"
  commit_at 2025-10-30T09:00:00Z "Start"
  local before
  before=$(snapshot)
  run_planck init
  expect_status 2
  expect_one_line_err
  expect_err "PLANS.md already exists; nothing was written (pass --force to overwrite)"
  expect_unchanged "$before"
  run_planck init --force
  expect_status 0
  grep -qx "## Active Plans" PLANS.md || fail "--force did not write the registry"
  expect_clean
}

case_init_registers_plans_already_there() {
  new_repo repo
  write "$PLANS/migrate-storage.md" "$(plan_text)"
  commit_at 2025-10-30T09:00:00Z "A plan from before planck"
  run_planck init
  expect_status 0
  expect_out "registered 1 existing plan in PLANS.md"
  grep -qF "[migrate-storage]($PLANS/migrate-storage.md) – unassigned – in-progress" PLANS.md ||
    fail "the existing plan is not registered"
  expect_clean
}

case_init_execplan_pack() {
  new_repo repo
  write README.md "# Project"
  commit_at 2025-10-30T09:00:00Z "Start"
  run_planck init --pack execplan
  expect_status 0
  grep -qx "extends: execplan" planck.yaml || fail "planck.yaml does not extend execplan"
  run_planck new "Cookbook style"
  expect_status 0
  expect_out "docs/execplans/cookbook-style.md"
  grep -qE '^- \[x\] \([0-9-]{10} [0-9:]{5}Z\) Plan created\.$' docs/execplans/cookbook-style.md ||
    fail "no checklist first entry"
  run_planck log cookbook-style progress "Did the first step."
  expect_status 0
  expect_out "- [x] ("
  expect_clean
  run_planck init --pack nonsense --force
  expect_status 2
  expect_err "unknown pack 'nonsense'"
}

case_new_escapes_markdown_in_the_title() {
  init_repo
  commit_now "planck init"
  git config user.name "Ada Planner"
  run_planck new "Fix [x](http://evil) *now*"
  expect_status 0
  local plan=$out
  grep -qxF '# Fix \[x\](http\://evil) \*now\*' "$plan" || fail "the title heading is not escaped"
  grep -qxF 'title: Fix [x](http://evil) *now*' "$plan" || fail "the front matter does not keep the title as written"
  [ "$(grep -c '^- \[' PLANS.md)" -eq 1 ] || fail "expected one registry entry"
  grep -qF "] Fix \[x\](http\://evil) \*now\* – [$(basename "$plan" .md)]($plan) – Ada Planner – in-progress" PLANS.md ||
    fail "the registry entry is not escaped"
  ! grep -qF "](http://evil)" PLANS.md || fail "a link to evil was written into the registry"
  expect_clean
  run_planck status --format json
  python3 -c 'import json,sys; p=json.loads(sys.argv[1])["plans"]; assert len(p)==1 and p[0]["registered"], p' "$out" \
    || fail "status does not list the one registered plan"
}

case_new_writes_and_registers_a_plan() {
  init_repo
  commit_now "planck init"
  git config user.name "Ada Planner"
  run_planck new "Migrate storage to Postgres"
  expect_status 0
  [ "$out" = "$PLANS/migrate-storage-to-postgres.md" ] || fail "expected the plan's path on stdout"
  local plan=$PLANS/migrate-storage-to-postgres.md
  grep -qx "title: Migrate storage to Postgres" "$plan" || fail "no title in front matter"
  grep -qx "# Migrate storage to Postgres" "$plan" || fail "no title heading"
  [ "$(grep -c '^## ' "$plan")" -eq 13 ] || fail "expected the 13 canonical sections"
  grep -qE '^- \[[0-9-]{10} [0-9:]{5} UTC\] Plan created\.$' "$plan" || fail "no first Progress entry"
  grep -qF "– [migrate-storage-to-postgres]($plan) – Ada Planner – in-progress" PLANS.md ||
    fail "the registry entry is missing or malformed"
  ! grep -qx "_None yet._" <(sed -n '/## Active Plans/,/## Completed Plans/p' PLANS.md) ||
    fail "the Active Plans placeholder is still there"
  expect_clean
  run_planck check --base main --worktree
  expect_status 0
  expect_out_empty

  run_planck new "Second plan" --owner @bo --slug second --status paused
  expect_status 0
  grep -qF "– [second]($PLANS/second.md) – @bo – paused" PLANS.md || fail "the second entry is wrong"
  local first second
  first=$(grep -n 'migrate-storage-to-postgres.md' PLANS.md | cut -d: -f1)
  second=$(grep -n 'second.md' PLANS.md | cut -d: -f1)
  [ "$second" -eq $((first + 1)) ] || fail "the second entry does not follow the first"
  expect_clean
}

case_new_refuses_bad_input_and_writes_nothing() {
  init_repo
  run_planck new "Existing"
  expect_status 0
  grep -qF "– unassigned – in-progress" PLANS.md || fail "the default owner is not 'unassigned'"
  local before
  before=$(snapshot)
  run_planck new "Existing"
  expect_status 2
  expect_one_line_err
  expect_err "$PLANS/existing.md already exists"
  run_planck new "日本語"
  expect_status 2
  expect_err "pass --slug"
  run_planck new "Fine" --slug "Not_Kebab"
  expect_status 2
  expect_err "is not kebab-case"
  run_planck new "Fine" --status completed
  expect_status 2
  expect_err "--status must be in-progress, blocking or paused"
  expect_unchanged "$before"
}

case_new_refuses_a_registry_without_active_plans() {
  new_repo repo
  write PLANS.md "# Plans

## Current

- something
"
  commit_at 2025-10-30T09:00:00Z "Start"
  local before
  before=$(snapshot)
  run_planck new "A plan"
  expect_status 2
  expect_one_line_err
  expect_err "PLANS.md has no '## Active Plans' heading"
  expect_unchanged "$before"
}

case_new_writes_nothing_when_the_registry_is_read_only() {
  init_repo
  chmod a-w PLANS.md
  local before
  before=$(snapshot)
  run_planck new "Storage"
  expect_status 2
  expect_one_line_err
  expect_err "PLANS.md is read-only; nothing was written"
  expect_unchanged "$before"
  [ ! -e "$PLANS/storage.md" ] || fail "the plan was written without its registry entry"
  [ -z "$(find . -name '.*planck*' -o -name '*.lock' | grep -v '^./.git/')" ] || fail "files were left behind"
  chmod u+w PLANS.md
  run_planck new "Storage"
  expect_status 0
  expect_clean
}

# expect_link_refused NAME: the last command stopped with one line saying NAME is a symbolic link.
expect_link_refused() {
  expect_status 2
  expect_one_line_err
  expect_err "planck: error: $1 is a symbolic link; planck does not write through links (nothing was written)"
}

case_authoring_refuses_to_write_through_symlinks() {
  init_repo
  run_planck new "Storage"
  fill_plan "$PLANS/storage.md"
  commit_now "Plan"
  local plan=$PLANS/storage.md before outside=$case_dir/outside
  mkdir "$outside"

  # The plan, the registry and the changelog, each a link to a file outside the repository.
  cp "$plan" "$outside/plan.md"
  ln -sf "$outside/plan.md" "$plan"
  before=$(snapshot; sha256sum "$outside"/*)
  run_planck log storage progress "Through a link."
  expect_link_refused "$plan"
  run_planck close storage
  expect_link_refused "$plan"
  [ -L "$plan" ] || fail "the link to the plan was replaced"
  [ "$(snapshot; sha256sum "$outside"/*)" = "$before" ] || fail "something was written"
  git checkout -q -- "$plan"

  cp PLANS.md "$outside/registry.md"
  ln -sf "$outside/registry.md" PLANS.md
  before=$(snapshot; sha256sum "$outside"/*)
  run_planck new "Other"
  expect_link_refused PLANS.md
  run_planck close storage
  expect_link_refused PLANS.md
  [ -L PLANS.md ] || fail "the link to the registry was replaced"
  [ ! -e "$PLANS/other.md" ] || fail "the plan was written without its registry entry"
  [ "$(snapshot; sha256sum "$outside"/*)" = "$before" ] || fail "something was written"
  git checkout -q -- PLANS.md

  echo "# Changelog" >"$outside/changelog.md"
  ln -s "$outside/changelog.md" CHANGELOG.md
  before=$(snapshot; sha256sum "$outside"/*)
  run_planck close storage
  expect_link_refused CHANGELOG.md
  [ "$(snapshot; sha256sum "$outside"/*)" = "$before" ] || fail "something was written"
  rm CHANGELOG.md

  # A folder on the way to the plans, a link to a folder outside.
  mv "$PLANS" "$outside/plans"
  ln -s "$outside/plans" "$PLANS"
  before=$(snapshot; find "$outside" -type f | LC_ALL=C sort | xargs sha256sum)
  run_planck log "$plan" progress "Through a linked folder."
  expect_link_refused "$PLANS"
  run_planck new "Third"
  expect_link_refused "$PLANS"
  [ "$(snapshot; find "$outside" -type f | LC_ALL=C sort | xargs sha256sum)" = "$before" ] ||
    fail "something was written"
  rm "$PLANS"
  mv "$outside/plans" "$PLANS"

  # A dangling link where the new plan would go is not replaced, nor is its target created.
  ln -s "$outside/nowhere.md" "$PLANS/dangling.md"
  run_planck new "Dangling"
  expect_link_refused "$PLANS/dangling.md"
  [ -L "$PLANS/dangling.md" ] && [ ! -e "$outside/nowhere.md" ] || fail "the dangling link was followed or replaced"
  rm "$PLANS/dangling.md"

  run_planck close storage
  expect_status 0
  [ -z "$(find . \( -name '.*planck*' -o -name '*.lock' \) -not -path './.git/*')" ] || fail "files were left behind"
  expect_clean
}

case_authoring_keeps_mode_and_owner() {
  init_repo
  write CHANGELOG.md "# Changelog
"
  run_planck new "Storage"
  local plan=$PLANS/storage.md file
  fill_plan "$plan"
  chmod 0640 "$plan"
  chmod 0604 PLANS.md
  chmod 0660 CHANGELOG.md
  # Only root can give a file to another owner; as root, planck must give each file back to its owner.
  if [ "$(id -u)" -eq 0 ]; then
    chown 65534:65534 "$plan" PLANS.md CHANGELOG.md
  fi
  local owner
  owner=$(stat -c %u:%g PLANS.md)
  run_planck log storage progress "Kept."
  expect_status 0
  run_planck new "Second"
  expect_status 0
  run_planck close storage
  expect_status 0
  [ "$(stat -c %a "$plan")" = 640 ] || fail "the plan's mode changed to $(stat -c %a "$plan")"
  [ "$(stat -c %a PLANS.md)" = 604 ] || fail "the registry's mode changed to $(stat -c %a PLANS.md)"
  [ "$(stat -c %a CHANGELOG.md)" = 660 ] || fail "the changelog's mode changed to $(stat -c %a CHANGELOG.md)"
  for file in "$plan" PLANS.md CHANGELOG.md; do
    [ "$(stat -c %u:%g "$file")" = "$owner" ] || fail "$file now belongs to $(stat -c %u:%g "$file"), not $owner"
  done
  expect_clean
}

case_log_appends_entries_that_pass_check() {
  init_repo
  run_planck new "Storage"
  commit_now "Plan"
  local plan=$PLANS/storage.md
  run_planck log storage progress "Phase 1 done."
  expect_status 0
  expect_out "$plan:"
  expect_out "UTC] Phase 1 done."
  run_planck log "$plan" decision-log "Use Postgres 16."
  expect_status 0
  (cd "$PLANS" && "$PLANCK" log ./storage.md "Surprises & Discoveries" "The index was missing.") >/dev/null ||
    fail "log with a path relative to the current folder failed"
  run_planck log storage progress "Phase 2 done."
  expect_status 0
  [ "$(sed -n '/^## Progress/,/^## Decision Log/p' "$plan" | grep -c '^- \[')" -eq 3 ] ||
    fail "expected three Progress entries"
  sed -n '/^## Progress/,/^## Decision Log/p' "$plan" | grep -q "Phase 1 done.*" || fail "entry missing"
  # One entry per line, directly after the last: no blank line inside the list.
  [ "$(sed -n '/^## Progress/,/^## Decision Log/p' "$plan" | grep -c '^$')" -eq 2 ] || fail "blank lines in the log"
  expect_clean
  run_planck check --base HEAD --worktree
  expect_status 0
  expect_out_empty
}

case_log_refuses_unknown_plan_and_section() {
  init_repo
  run_planck new "Storage"
  local before
  before=$(snapshot)
  run_planck log storag progress "x"
  expect_status 2
  expect_one_line_err
  expect_err "no plan 'storag' (did you mean 'storage'?)"
  run_planck log storage progres "x"
  expect_status 2
  expect_one_line_err
  expect_err "unknown log section 'progres' (did you mean 'progress'?)"
  run_planck log storage to-do "x"
  expect_status 2
  expect_err "unknown log section 'to-do'"
  run_planck log README.md progress "x"
  expect_status 2
  expect_err "'README.md' is not a plan"
  run_planck log storage progress "   "
  expect_status 2
  expect_unchanged "$before"
}

case_log_refuses_to_go_backwards() {
  init_repo
  run_planck new "Storage"
  sed -i 's/^\(- \[[0-9-]* [0-9:]* UTC\] Plan created.\)$/\1\n- [2099-01-01 00:00 UTC] From a clock far ahead./' \
    "$PLANS/storage.md"
  local before
  before=$(snapshot)
  run_planck log storage progress "Now."
  expect_status 1
  expect_err "the newest Progress entry is dated 2099-01-01 00:00 UTC, later than now"
  expect_unchanged "$before"
}

case_log_keeps_a_crlf_plan_crlf() {
  init_repo
  run_planck new "Storage"
  local plan=$PLANS/storage.md
  sed -i 's/$/\r/' "$plan"
  cp "$plan" "$case_dir/before.md"
  run_planck log storage progress "Windows line endings."
  expect_status 0
  local lines crlf
  lines=$(wc -l <"$plan")
  crlf=$(grep -c $'\r$' "$plan")
  [ "$lines" -eq "$crlf" ] || fail "$((lines - crlf)) of $lines lines lost their CRLF"
  # Every byte but the added entry (and last_synced, already today) is as it was.
  diff <(grep -v "Windows line endings" "$plan") "$case_dir/before.md" >/dev/null || fail "other bytes changed"
  expect_clean
}

case_round_trip_init_new_log_close() {
  init_repo
  commit_now "planck init"
  run_planck new "Migrate storage"
  expect_status 0
  local plan=$PLANS/migrate-storage.md
  run_planck log migrate-storage progress "Phase 1 done."
  run_planck log migrate-storage decision-log "Use Postgres."
  run_planck log migrate-storage surprises "The catalog was larger than thought."
  expect_status 0
  expect_clean

  # Not finished yet: close refuses and says what is missing.
  local before
  before=$(snapshot)
  run_planck close migrate-storage
  expect_status 1
  expect_err "planck: cannot close $plan"
  expect_err "Validation and Acceptance names no command"
  expect_err "Outcomes & Retrospective is empty"
  # The plan is in progress: the reason is what closing would write, not a claim about it now.
  expect_err "as closing marks it \`status: completed\`"
  grep -qF "front matter says" <<<"$err" && fail "close claimed the front matter already says completed"
  expect_unchanged "$before"
  sed -i 's/^<!-- Steps as a checklist.*-->$/- [x] Phase 1\n- [ ] Phase 2/' "$plan"
  before=$(snapshot)
  run_planck close migrate-storage
  expect_status 1
  expect_err "to-do 'Phase 2' is still open"
  expect_unchanged "$before"

  fill_plan "$plan"
  sed -i 's/^- \[ \] Phase 2$/- [x] Phase 2/' "$plan"
  run_planck close migrate-storage
  expect_status 0
  expect_out "closed $plan"
  grep -qx "status: completed" "$plan" || fail "front matter status is not completed"
  sed -n '/^## Completed Plans/,$p' PLANS.md | grep -qF "[migrate-storage]($plan) – unassigned – completed" ||
    fail "the entry is not under Completed Plans"
  sed -n '/^## Active Plans/,/^## Completed Plans/p' PLANS.md | grep -qx "_None yet._" ||
    fail "Active Plans lost its placeholder"
  grep -qxF -- "- Completed [Migrate storage]($plan)." CHANGELOG.md || fail "no CHANGELOG link"
  expect_clean

  # Closing again changes nothing.
  before=$(snapshot)
  run_planck close migrate-storage
  expect_status 0
  expect_out "already closed"
  expect_unchanged "$before"

  run_planck status
  expect_status 0
  expect_out "no active plans"
  commit_now "Close the storage plan"
  run_planck check --base main~1
  expect_status 0
  expect_out_empty
}

case_close_adds_to_an_existing_changelog() {
  init_repo
  write CHANGELOG.md "# Changelog

## Unreleased

- Fixed a crash.

## 1.0.0

- First release.
"
  run_planck new "Small thing"
  fill_plan "$PLANS/small-thing.md"
  run_planck close small-thing
  expect_status 0
  [ "$(sed -n '6p' CHANGELOG.md)" = "- Completed [Small thing]($PLANS/small-thing.md)." ] ||
    fail "the link is not right after the Unreleased entries"
  expect_clean
}

case_close_refuses_a_plan_the_registry_lacks() {
  init_repo
  run_planck new "Orphan"
  fill_plan "$PLANS/orphan.md"
  sed -i '/orphan.md/d' PLANS.md
  local before
  before=$(snapshot)
  run_planck close orphan
  expect_status 2
  expect_one_line_err
  expect_err "PLANS.md does not list $PLANS/orphan.md"
  expect_unchanged "$before"
}

# A title with Markdown punctuation is escaped in the registry and shown as typed by status.
case_status_shows_titles_as_typed() {
  init_repo
  run_planck new "Fix *stars* and [brackets] in a_b"
  expect_status 0
  grep -q 'Fix \\\*stars\\\*' PLANS.md || fail "the registry entry is not escaped: $(cat PLANS.md)"
  run_planck status
  expect_status 0
  expect_out "Fix *stars* and [brackets] in a_b ("
  run_planck status --format json
  python3 - "$out" <<'PY2'
import json, sys
assert json.loads(sys.argv[1])["plans"][0]["title"] == "Fix *stars* and [brackets] in a_b"
PY2
  run_planck status --format markdown
  expect_out '| [Fix \*stars\* and \[brackets\] in a\_b]('
}

case_status_lists_active_plans_stalest_first() {
  init_repo
  run_planck new "Fresh work" --owner @ada
  write "$PLANS/old-work.md" "---
title: Old work
slug: old-work
status: paused
last_synced: 2025-10-30
---
$(plan_text)"
  printf '%s\n' "- [2025-10-30] Old work – [old-work]($PLANS/old-work.md) – @bo – paused" >"$case_dir/entry"
  sed -i "/fresh-work.md/r $case_dir/entry" PLANS.md
  expect_clean

  run_planck status
  expect_status 0
  [ "$(printf '%s\n' "$out" | grep -c '^STALE')" -eq 1 ] || fail "expected one stale plan"
  [ "$(printf '%s\n' "$out" | head -1 | cut -c1-5)" = "STALE" ] || fail "the stale plan is not first"
  expect_out "Old work ($PLANS/old-work.md)"
  expect_out "paused · @bo · registered 2025-10-30"
  expect_out "Fresh work ($PLANS/fresh-work.md)"
  expect_out "2 active plans, 1 stale"

  run_planck status --format json
  expect_status 0
  python3 - "$out" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
plans = doc["plans"]
assert [p["title"] for p in plans] == ["Old work", "Fresh work"], plans
assert plans[0]["stale"] and not plans[1]["stale"], plans
assert plans[0]["owners"] == ["@bo"] and plans[0]["open_boxes"] == 1, plans[0]
assert plans[0]["last_entry"] == "2025-10-30T09:10:00Z", plans[0]
assert plans[1]["age_days"] == 0 and plans[1]["idle_days"] == 0, plans[1]
PY
  run_planck status --format markdown
  expect_status 0
  expect_out "| Plan | Owner | Status | Age | Last entry | Open boxes | Stale |"
  expect_out "| [Old work]($PLANS/old-work.md) | @bo | paused |"

  run_planck status --stale-days 100000
  expect_out "2 active plans, 0 stale"
  run_planck status --format yaml
  expect_status 2
  expect_one_line_err
}

case_hook_install_is_idempotent_and_respects_hooks_path() {
  init_repo
  run_planck hook install
  expect_status 0
  [ -x .git/hooks/pre-push ] || fail "the hook is not executable"
  grep -qF "check --base \"\$base\" --head \"\$local_sha\"" .git/hooks/pre-push || fail "the hook does not run planck check"
  grep -qF "$PLANCK" .git/hooks/pre-push || fail "the hook does not name the running binary"
  local before
  before=$(sha256sum .git/hooks/pre-push)
  run_planck hook install
  expect_status 0
  expect_out "already installed"
  [ "$(sha256sum .git/hooks/pre-push)" = "$before" ] || fail "a second install changed the hook"

  printf '#!/bin/sh\necho mine\n' >.git/hooks/pre-push
  before=$(sha256sum .git/hooks/pre-push)
  run_planck hook install
  expect_status 2
  expect_one_line_err
  expect_err "pre-push already exists and is not planck's"
  [ "$(sha256sum .git/hooks/pre-push)" = "$before" ] || fail "a refused install changed the hook"
  run_planck hook install --force
  expect_status 0
  grep -qF "planck hook install" .git/hooks/pre-push || fail "--force did not replace the hook"

  git config core.hooksPath .githooks
  run_planck hook install
  expect_status 0
  [ -x .githooks/pre-push ] || fail "core.hooksPath was not respected"
}

case_hook_blocks_a_push_with_a_broken_plan() {
  git init -q --bare "$case_dir/remote.git"
  init_repo
  run_planck new "Storage"
  commit_now "Plan"
  git remote add origin "$case_dir/remote.git"
  git push -q -u origin main 2>/dev/null || fail "the first push failed"
  run_planck hook install
  expect_status 0
  printf -- '- not a timestamped entry\n' >>"$case_dir/entry"
  sed -i "/Plan created\./r $case_dir/entry" "$PLANS/storage.md"
  commit_now "Break the log"
  if git push -q origin main >"$case_dir/push.out" 2>&1; then
    fail "the push went through with a broken plan"
  fi
  grep -qF "Progress entry has no timestamp" "$case_dir/push.out" || fail "the hook did not report the finding"
  git reset -q --hard HEAD~1
  run_planck log storage progress "Good entry."
  commit_now "Log properly"
  git push -q origin main >"$case_dir/push.out" 2>&1 || fail "a clean push was blocked: $(cat "$case_dir/push.out")"
}

# run_writers N COMMAND…: runs two writers at once, each running COMMAND N times in a row with `{w}` and
# `{i}` in its arguments replaced by the writer (a or b) and the run number; keeps every run's stdout,
# stderr and exit status in runs/.
run_writers() {
  local count=$1
  shift
  mkdir -p "$case_dir/runs"
  local writer
  for writer in a b; do
    (
      local i arg args
      for i in $(seq 1 "$count"); do
        args=()
        for arg in "$@"; do
          arg=${arg//\{w\}/$writer}
          args+=("${arg//\{i\}/$i}")
        done
        local run=$case_dir/runs/$writer$i
        "$PLANCK" "${args[@]}" >"$run.out" 2>"$run.err" && echo 0 >"$run.status" || echo $? >"$run.status"
      done
    ) &
  done
  wait
}

# expect_written_or_refused RUN: the run exited 0, or refused with one line naming the lock file;
# sets $result to "written" or "refused".
expect_written_or_refused() {
  local run=$case_dir/runs/$1
  result=written
  if [ "$(cat "$run.status")" -eq 0 ]; then
    return 0
  fi
  result=refused
  status=$(cat "$run.status") out=$(cat "$run.out") err=$(cat "$run.err")
  expect_status 2
  expect_one_line_err
  expect_err ".lock"
}

case_concurrent_log_loses_no_entry() {
  init_repo
  run_planck new "Storage"
  local plan=$PLANS/storage.md
  run_writers 25 log storage progress "Writer {w} entry {i}."
  local writer i result written=0 lost=()
  for writer in a b; do
    for i in $(seq 1 25); do
      expect_written_or_refused "$writer$i"
      [ "$result" = written ] || continue
      written=$((written + 1))
      [ "$(grep -c "UTC\] Writer $writer entry $i\.$" "$plan")" -eq 1 ] || lost+=("$writer$i")
    done
  done
  [ "${#lost[@]}" -eq 0 ] || fail "${#lost[@]} of $written entries reported written are missing: ${lost[*]}"
  [ "$(grep -c "UTC\] Writer . entry" "$plan")" -eq "$written" ] || fail "more entries than runs that wrote one"
  [ "$written" -gt 0 ] || fail "no run wrote its entry"
  expect_clean
}

case_concurrent_new_loses_no_registration() {
  init_repo
  run_writers 25 new "Plan {w} {i}"
  local writer i result written=0 lost=()
  for writer in a b; do
    for i in $(seq 1 25); do
      expect_written_or_refused "$writer$i"
      if [ "$result" = refused ]; then
        [ ! -e "$PLANS/plan-$writer-$i.md" ] || fail "a refused run left $PLANS/plan-$writer-$i.md"
        continue
      fi
      written=$((written + 1))
      [ -f "$PLANS/plan-$writer-$i.md" ] && grep -qF "]($PLANS/plan-$writer-$i.md) –" PLANS.md ||
        lost+=("$writer$i")
    done
  done
  [ "${#lost[@]}" -eq 0 ] || fail "${#lost[@]} of $written plans reported written are missing or unregistered: ${lost[*]}"
  [ "$written" -gt 0 ] || fail "no run wrote its plan"
  expect_clean
}

case_a_held_or_stale_lock_is_named_and_left_alone() {
  init_repo
  run_planck new "Storage"
  local plan=$PLANS/storage.md before gone
  gone=$(sh -c 'echo $$')
  echo "$gone" >PLANS.md.lock
  before=$(snapshot)
  run_planck new "Another"
  expect_status 2
  expect_one_line_err
  expect_err "cannot write PLANS.md: PLANS.md.lock is a stale lock left by planck process $gone, which is no longer running; remove PLANS.md.lock and try again"
  expect_unchanged "$before"
  echo $$ >"$plan.lock"
  before=$(snapshot)
  run_planck log storage progress "Blocked."
  expect_status 2
  expect_one_line_err
  expect_err "cannot write $plan: another planck (process $$) is writing it and holds $plan.lock; try again when it has finished, or remove $plan.lock if no planck is running"
  expect_unchanged "$before"
  rm PLANS.md.lock "$plan.lock"
  run_planck log storage progress "Unblocked."
  expect_status 0
  run_planck new "Another"
  expect_status 0
  [ -z "$(find . -name '*.lock' -not -path './.git/*')" ] || fail "a lock file was left behind"
  expect_clean
}

case_leftovers_of_a_stopped_write_are_removed() {
  init_repo
  run_planck new "Storage"
  local gone
  gone=$(sh -c 'echo $$')
  # What a write stopped by `kill -9` leaves: temporary files named after the file and the process.
  echo partial >"$PLANS/.storage.md.planck-tmp-$gone-0"
  echo partial >"$PLANS/.other.md.planck-tmp-$gone-3"
  echo partial >".PLANS.md.planck-tmp-$gone-1"
  # Those of an older planck, named at random, once they are old.
  echo partial >"$PLANS/.storage.md.planck-Ab12Cd"
  touch -d '1 hour ago' "$PLANS/.storage.md.planck-Ab12Cd"
  # A running process's temporary file is its own, and a file that only looks alike is the user's.
  echo live >"$PLANS/.storage.md.planck-tmp-$$-0"
  echo mine >"$PLANS/.notes.planck-tmp-keep"
  echo mine >"$PLANS/.fresh.md.planck-Xy34Zw"
  echo mine >"$PLANS/.notes.planck-backup"
  touch -d '1 hour ago' "$PLANS/.notes.planck-backup"
  run_planck log storage progress "Cleaned up."
  expect_status 0
  run_planck new "Other"
  expect_status 0
  local left
  left=$(find . -name '.*planck*' -not -path './.git/*' | LC_ALL=C sort | tr '\n' ' ')
  [ "$left" = "./$PLANS/.fresh.md.planck-Xy34Zw ./$PLANS/.notes.planck-backup ./$PLANS/.notes.planck-tmp-keep ./$PLANS/.storage.md.planck-tmp-$$-0 " ] ||
    fail "expected only the live and the user's files to be left, not: $left"
  rm "$PLANS"/.*planck*
  expect_clean
}

case_directory_option_works_from_elsewhere() {
  init_repo
  cd "$case_dir"
  run_planck new "Elsewhere" -C repo
  expect_status 0
  run_planck log elsewhere progress "From outside." -C repo/docs
  expect_status 0
  run_planck status -C repo
  expect_out "Elsewhere"
  run_planck check --all --worktree -C repo
  expect_status 0
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
