#!/usr/bin/env bash
# planck check end to end: real repositories, the real binary, exit codes and messages.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLAN=docs/development/plans/migrate-storage.md

# A repository with one good plan on main, and a branch `work` checked out.
base_repo() {
  new_repo repo
  write README.md "# Project"
  write "$PLAN" "$(plan_text)"
  write PLANS.md "$(registry_text "$PLAN")"
  commit_at 2025-10-30T09:30:00Z "Start the storage plan"
  git checkout -q -b work
}

case_clean_change_passes() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] Phase 1 done.")"
  commit_at 2025-10-30T10:30:00Z "Log phase 1"
  run_planck check --base main
  expect_status 0
  expect_out_empty
  expect_err "no findings in 1 file checked"
}

case_verbose_says_where_the_time_goes() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] Phase 1 done.")"
  commit_at 2025-10-30T10:30:00Z "Log phase 1"
  run_planck check --base main -v
  expect_status 0
  expect_out_empty
  expect_err "(commits: 1, changed files: 1)"
  expect_err "documents read and parsed while the range was diffed: "
  expect_err "(documents: 1)"
  expect_err "rule links-resolve: "
  expect_err "checked in "
}

# Plans in two folders: one the range creates, one where it edits a plan, deletes one and moves
# one out. What changed there is read while the range is diffed; the findings are the same.
case_plans_in_folders_the_range_creates_and_empties() {
  new_repo repo
  write planck.yaml "extends: agdd
plans:
  paths:
    - teams/a/plans/*.md
    - teams/b/plans/*.md
rules:
  registry-entry: off
  plan-completion: off
"
  write teams/a/plans/edit.md "$(plan_text)"
  write teams/a/plans/gone.md "$(plan_text)"
  write teams/a/plans/move.md "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "Team A's plans"
  git checkout -q -b work
  write teams/a/plans/edit.md "$(plan_text "- [2025-10-30 09:00 UTC] Started, but differently.")"
  git rm -q teams/a/plans/gone.md
  mkdir -p teams/b/plans
  git mv teams/a/plans/move.md teams/b/plans/move.md
  write teams/b/plans/new.md "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-29 09:00 UTC] Back in time.")"
  commit_at 2025-10-30T10:30:00Z "Reorganise the plans"
  run_planck check --base main
  expect_status 1
  expect_out "teams/a/plans/edit.md:21:3: error: Progress entry was edited; logs are append-only."
  expect_out "teams/b/plans/new.md:22:3: error: Progress entry at 2025-10-29 09:00 UTC goes backwards"
  [ "$(grep -c . <<<"$out")" -eq 2 ] || fail "expected exactly two findings"
  expect_err "in 3 files checked"
}

case_bad_timestamp_fails_with_location() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-02-30 10:00 UTC] Impossible day.")"
  commit_at 2025-10-30T10:30:00Z "Log"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:22:3: error: Progress entry timestamp '[2025-02-30 10:00 UTC]' is not a real date and time"
  expect_out "[timestamp-format]"
}

case_edited_log_entry_is_reported_with_base_text() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started, but differently.")"
  commit_at 2025-10-30T10:30:00Z "Rewrite history"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:21:3: error: Progress entry was edited; logs are append-only. At base it read: \"[2025-10-30 09:00 UTC] Started.\"; now: \"[2025-10-30 09:00 UTC] Started, but differently.\" [log-append-only]"
}

case_merge_base_semantics_ignore_changes_on_main() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] On the branch.")"
  commit_at 2025-10-30T10:30:00Z "Branch work"
  git checkout -q main
  write docs/development/plans/broken.md "# Broken plan"
  commit_at 2025-10-30T11:00:00Z "A broken plan lands on main"
  git checkout -q work
  run_planck check --base main
  expect_status 0
  expect_no_out broken.md
}

case_rename_is_followed_for_history() {
  base_repo
  git mv "$PLAN" docs/development/plans/storage-migration.md
  write docs/development/plans/storage-migration.md "$(plan_text "- [2025-10-30 09:00 UTC] Started over.")"
  commit_at 2025-10-30T10:30:00Z "Rename the plan and rewrite its log"
  run_planck check --base main
  expect_status 1
  expect_out "docs/development/plans/storage-migration.md:21:3: error: Progress entry was edited"
}

case_worktree_adds_uncommitted_changes() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- no timestamp")"
  run_planck check --base main
  expect_status 0
  run_planck check --base main --worktree
  expect_status 1
  expect_out "$PLAN:22:3: error: Progress entry has no timestamp"
  git add "$PLAN"
  run_planck check --base main --worktree
  expect_status 1
}

case_worktree_sees_untracked_plans() {
  base_repo
  write docs/development/plans/new-plan.md "# New plan without sections"
  run_planck check --base main --worktree
  expect_status 1
  expect_out "docs/development/plans/new-plan.md:1:1: error: has 0 of the 13 sections; missing 'Purpose / Big Picture'"
}

case_all_checks_unchanged_documents() {
  base_repo
  git checkout -q main
  write docs/development/plans/old.md "$(plan_text "- undated")"
  commit_at 2025-10-30T10:00:00Z "Old plan"
  write README.md "# Project, renamed"
  commit_at 2025-10-30T11:00:00Z "Unrelated"
  run_planck check --base HEAD~1
  expect_status 0
  run_planck check --all
  expect_status 1
  expect_out "docs/development/plans/old.md:21:3: error: Progress entry has no timestamp"
}

case_json_output_has_the_spec_shape() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  run_planck check --base main --format json
  expect_status 1
  python3 - "$out" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert doc["version"] == 1, doc
assert len(doc["base"]) == 40 and len(doc["head"]) == 40, doc
f = doc["findings"][0]
assert set(f) == {"rule", "severity", "path", "line", "column", "end_line", "message", "fingerprint"}, f
assert f["rule"] == "timestamp-format" and f["line"] == 22 and f["severity"] == "error", f
assert doc["summary"]["errors"] == 1 and doc["summary"]["files_checked"] == 1, doc["summary"]
PY
}

case_fail_on_controls_the_exit_status() {
  base_repo
  git checkout -q main
  write "$PLAN" "---
title: Migrate storage
slug: migrate-storage
status: in-progress
last_synced: 2025-10-01
---
$(plan_text)"
  commit_at 2025-10-30T09:40:00Z "Front matter"
  git checkout -q work
  git merge -q --ff-only main
  write "$PLAN" "---
title: Migrate storage
slug: migrate-storage
status: in-progress
last_synced: 2025-10-01
---
$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] More.")"
  commit_at 2025-10-30T10:30:00Z "Log without syncing"
  run_planck check --base main
  expect_status 0
  expect_out "$PLAN:5:1: warning: last_synced is 2025-10-01 but the document changed on 2025-10-30"
  run_planck check --base main --fail-on warning
  expect_status 1
  run_planck check --base main --fail-on none
  expect_status 0
}

case_bad_config_is_exit_2_with_place() {
  base_repo
  printf 'rules:\n  timestamp-format:\n    severty: error\n' >planck.yaml
  run_planck check --base main
  expect_status 2
  expect_one_line_err
  expect_err "planck.yaml:3:5: unknown key 'severty'"
  expect_err "did you mean 'severity'?"
}

case_negative_rule_option_is_exit_2_with_place() {
  base_repo
  printf 'rules:\n  plan-required:\n    trigger_files: -1\n' >planck.yaml
  run_planck check --base main
  expect_status 2
  expect_one_line_err
  expect_err "planck.yaml:3:20: 'trigger_files' must be at least 0"
  printf 'rules:\n  timestamps-monotonic:\n    backdate_tolerance_hours: -1\n' >planck.yaml
  run_planck check --base main
  expect_status 2
  expect_one_line_err
  expect_err "planck.yaml:3:31: 'backdate_tolerance_hours' must be at least 0"
  run_planck explain plan-required
  expect_out "trigger_files (integer, at least 0, default 40)"
}

case_glob_in_crosslinks_is_exit_2_naming_the_key() {
  base_repo
  printf 'plans:\n  crosslinks: [CHANGELOG.md, docs/*.md]\n' >planck.yaml
  run_planck check --base main
  expect_status 2
  expect_one_line_err
  expect_err "planck.yaml:2:30: 'plans.crosslinks' takes file paths, not globs: 'docs/*.md'"
}

case_config_changes_severity_and_turns_rules_off() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  printf 'rules:\n  timestamp-format: warning\n' >planck.yaml
  run_planck check --base main
  expect_status 0
  expect_out "warning: Progress entry has no timestamp"
  printf 'rules:\n  timestamp-format: off\n' >.planck.yaml
  rm planck.yaml
  run_planck check --base main
  expect_status 0
  expect_out_empty
  run_planck check --base main --config /nonexistent.yaml
  expect_status 2
  expect_one_line_err
}

case_unknown_base_is_exit_2() {
  base_repo
  run_planck check --base no-such-branch
  expect_status 2
  expect_one_line_err
  expect_err "no-such-branch"
}

case_shallow_clone_says_how_to_fetch() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] More.")"
  commit_at 2025-10-30T10:30:00Z "More"
  local base
  base=$(git rev-parse main)
  cd "$case_dir"
  git clone -q --depth 1 --branch work "file://$case_dir/repo" shallow
  cd shallow
  run_planck check --base "$base"
  expect_status 2
  expect_one_line_err
  expect_err "shallow"
  expect_err "fetch-depth: 0"
}

# A blobless clone (`git clone --filter=blob:none`, common in CI) lacks the base's version of a
# changed plan. Taken as "no document", a rewritten log passed; planck fetches what it needs from
# the promisor remote, as git does, and gives the full clone's verdict.
partial_clone_of_a_rewrite() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started, but differently.")"
  commit_at 2025-10-30T10:30:00Z "Rewrite history"
  git config uploadpack.allowFilter true
  git config uploadpack.allowAnySHA1InWant true
  cd "$case_dir"
  git clone -q --no-local --filter=blob:none --branch work "file://$case_dir/repo" partial
  cd partial
  git fetch -q origin main
  lacks_base_plan || fail "the clone already has the base's plan: not a partial clone"
}

# Whether the clone lacks the base's plan, asked without fetching it (cat-file would fetch it).
lacks_base_plan() {
  git rev-list --objects --missing=print origin/main | grep -qx "?$(git rev-parse "origin/main:$PLAN")"
}

case_partial_clone_fetches_what_it_lacks() {
  partial_clone_of_a_rewrite
  run_planck check --base origin/main
  expect_status 1
  expect_out "error: Progress entry was edited; logs are append-only. At base it read: \"[2025-10-30 09:00 UTC] Started.\""
  lacks_base_plan && fail "the base's plan was not fetched"
  [ -z "$(git status --porcelain)" ] || fail "the work tree changed"
}

case_partial_clone_whose_remote_is_gone_is_exit_2() {
  partial_clone_of_a_rewrite
  mv "$case_dir/repo" "$case_dir/moved"
  run_planck check --base origin/main
  expect_status 2
  expect_one_line_err
  expect_err "cannot read $PLAN at"
  expect_err "partial clone"
  expect_err "clone without --filter"
  # With a config, no discovery reads the base first: the check's own reads say the same.
  printf 'extends: agdd\n' >"$case_dir/agdd.yaml"
  run_planck check --base origin/main --config "$case_dir/agdd.yaml"
  expect_status 2
  expect_one_line_err
  expect_err "cannot read $PLAN at"
  expect_err "partial clone"
}

case_damaged_repository_is_exit_2_naming_the_file() {
  base_repo
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started, but differently.")"
  commit_at 2025-10-30T10:30:00Z "Rewrite history"
  local object
  object=$(git rev-parse "main:$PLAN")
  rm -f ".git/objects/${object:0:2}/${object:2}"
  run_planck check --base main
  expect_status 2
  expect_one_line_err
  expect_err "cannot read $PLAN at"
  expect_err "missing from this repository"
}

case_not_a_repository_is_exit_2() {
  mkdir plain
  cd plain
  run_planck check --base main
  expect_status 2
  expect_one_line_err
}

case_base_defaults_to_main_outside_ci() {
  base_repo
  write "$PLAN" "$(plan_text "- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  run_planck check
  expect_status 1
  expect_out "[log-append-only]"
}

case_base_from_github_pull_request_event() {
  base_repo
  local base
  base=$(git rev-parse main)
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  git branch -q -D main
  printf '{"pull_request": {"base": {"sha": "%s", "ref": "main"}}}' "$base" >"$case_dir/event.json"
  GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$case_dir/event.json" run_planck check
  expect_status 1
  expect_out "$PLAN:22:3: error: Progress entry has no timestamp"
}

case_base_from_gitlab_merge_request() {
  base_repo
  local base
  base=$(git rev-parse main)
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  git branch -q -D main
  GITLAB_CI=true CI_MERGE_REQUEST_DIFF_BASE_SHA="$base" run_planck check
  expect_status 1
  expect_out "[timestamp-format]"
}

case_merge_commit_as_head() {
  base_repo
  git checkout -q -b side main
  write docs/development/plans/side.md "# Side plan"
  commit_at 2025-10-30T10:00:00Z "Side plan"
  git checkout -q work
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] More.")"
  commit_at 2025-10-30T10:10:00Z "Work"
  GIT_AUTHOR_DATE=2025-10-30T10:20:00Z GIT_COMMITTER_DATE=2025-10-30T10:20:00Z git merge -q --no-edit side
  run_planck check --base main
  expect_status 1
  expect_out "docs/development/plans/side.md:1:1: error: has 0 of the 13 sections"
}

case_check_never_writes_to_the_repository() {
  base_repo
  write "$PLAN" "$(plan_text "- undated")"
  git add "$PLAN"
  write README.md "# Changed, unstaged"
  local before after
  before=$(cd .git && find . -type f -print0 | sort -z | xargs -0 sha1sum)
  touch "$case_dir/marker"
  sleep 1
  run_planck check --base main --worktree --format json
  run_planck check --all
  after=$(cd .git && find . -type f -print0 | sort -z | xargs -0 sha1sum)
  [ "$before" = "$after" ] || fail ".git changed during check"
  [ -z "$(find . -newer "$case_dir/marker" -not -path './.git*' -print -quit)" ] || fail "work tree changed during check"
}

case_crlf_plan_reports_real_lines() {
  base_repo
  plan_text "- [2025-10-30 09:00 UTC] Started.
- undated" | sed 's/$/\r/' >"$PLAN"
  commit_at 2025-10-30T10:30:00Z "CRLF"
  run_planck check --base main
  expect_status 1
  expect_out "$PLAN:22:3: error: Progress entry has no timestamp"
}

case_rules_and_explain() {
  run_planck rules
  expect_status 0
  for id in timestamp-format timestamps-monotonic log-append-only sections-required front-matter last-synced \
            unused-suppression; do
    expect_out "$id"
  done
  run_planck explain log-append-only
  expect_status 0
  expect_out "How to fix"
  expect_out "Fails"
  run_planck explain log-apend-only
  expect_status 2
  expect_one_line_err
  expect_err "did you mean 'log-append-only'?"
}

case_usage_errors_are_exit_2() {
  base_repo
  run_planck check --base main --format yaml
  expect_status 2
  expect_one_line_err
  run_planck check --no-such-flag
  expect_status 2
  expect_one_line_err
  run_planck
  expect_status 2
  # A mistyped command is named, with the closest one.
  run_planck chek --base main
  expect_status 2
  expect_one_line_err
  expect_err "'chek' is not a planck command (did you mean 'check'?)"
  run_planck hook instal
  expect_status 2
  expect_err "'instal' is not a planck hook command (did you mean 'install'?)"
  run_planck -v check --base main
  expect_status 0
}

case_color_value_is_checked_with_a_suggestion() {
  base_repo
  run_planck check --base main --color alway
  expect_status 2
  expect_one_line_err
  expect_err "--color must be auto, always or never, not 'alway' (did you mean 'always'?)"
  run_planck check --base main --color=rainbow
  expect_status 2
  expect_one_line_err
  expect_err "--color must be auto, always or never, not 'rainbow'"
  ! grep -q "did you mean" <<<"$err" || fail "a suggestion for a word that is not close"
  run_planck check --base main --color always
  expect_status 0
  run_planck check --base main --color never
  expect_status 0
}

case_report_files_are_written_alongside_stdout() {
  base_repo
  write "$PLAN" "$(plan_text "- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  run_planck check --base main --report "json=$case_dir/out.json"
  expect_status 1
  expect_out "[timestamp-format]"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["errors"] >= 1' "$case_dir/out.json"
}

# Safe stand-ins come first: a build that renamed over special files would replace a FIFO, a link
# and a device node of the case folder, and stop the case before it reaches /dev/null and /dev/full.
case_report_files_that_are_not_regular_files_are_written_in_place() {
  base_repo
  write "$PLAN" "$(plan_text "- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  mkfifo "$case_dir/fifo"
  timeout 20 cat "$case_dir/fifo" >"$case_dir/from-fifo" &
  local reader=$!
  run_planck check --base main --report "json=$case_dir/fifo"
  expect_status 1
  wait "$reader" || fail "the FIFO's reader got no report (exit $?)"
  [ -p "$case_dir/fifo" ] || fail "the FIFO was replaced"
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["findings"]' "$case_dir/from-fifo" \
    || fail "the FIFO's reader did not get the JSON report"
  echo old >"$case_dir/target.json"
  ln -s "$case_dir/target.json" "$case_dir/link.json"
  run_planck check --base main --report "json=$case_dir/link.json"
  expect_status 1
  [ -L "$case_dir/link.json" ] || fail "the symbolic link was replaced"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$case_dir/target.json" \
    || fail "the link's target does not hold the report"
  if [ "$(id -u)" -eq 0 ] && mknod "$case_dir/null" c 1 3 2>/dev/null; then
    run_planck check --base main --report "sarif=$case_dir/null"
    expect_status 1
    [ -c "$case_dir/null" ] || fail "a character device was replaced"
  fi
  run_planck check --base main --report "sarif=/dev/null"
  expect_status 1
  [ -c /dev/null ] || fail "/dev/null is no longer a character device"
  # /dev/stdout: after the text, whether stdout is a pipe or a file.
  status=0
  out=$("$PLANCK" check --base main --report "json=/dev/stdout" 2>/dev/null) || status=$?
  expect_status 1
  expect_out "[timestamp-format]"
  expect_out '"findings"'
  run_planck check --base main --report "json=/dev/stdout"
  expect_status 1
  expect_out "[timestamp-format]"
  expect_out '"findings"'
}

case_output_that_cannot_be_written_is_exit_2() {
  base_repo
  write "$PLAN" "$(plan_text "- undated")"
  commit_at 2025-10-30T10:30:00Z "Log"
  if [ "$(id -u)" -eq 0 ] && mknod "$case_dir/full" c 1 7 2>/dev/null; then
    run_planck check --base main --report "json=$case_dir/full"
    expect_status 2
    expect_one_line_err
    expect_err "$case_dir/full"
    [ -c "$case_dir/full" ] || fail "a character device was replaced"
  fi
  run_planck check --base main --report "sarif=/dev/full"
  expect_status 2
  expect_one_line_err
  expect_err "cannot write '/dev/full': No space left on device"
  [ -c /dev/full ] || fail "/dev/full is no longer a character device"
  status=0
  "$PLANCK" check --base main >/dev/full 2>"$case_dir/.stderr" || status=$?
  err=$(cat "$case_dir/.stderr")
  expect_status 2
  expect_one_line_err
  expect_err "cannot write to standard output: No space left on device"
  status=0
  "$PLANCK" check --base main >&- 2>"$case_dir/.stderr" || status=$?
  err=$(cat "$case_dir/.stderr")
  expect_status 2
  expect_one_line_err
  expect_err "cannot write to standard output"
  # Every command's output, not only check's report.
  local command
  for command in "rules" "explain timestamp-format" "config" "--version" "--help"; do
    status=0
    # shellcheck disable=SC2086
    "$PLANCK" $command >/dev/full 2>"$case_dir/.stderr" || status=$?
    err=$(cat "$case_dir/.stderr")
    [ "$status" -eq 2 ] || fail "planck $command into a full disk: exit $status, not 2"
    expect_one_line_err
    expect_err "cannot write to standard output"
  done
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
