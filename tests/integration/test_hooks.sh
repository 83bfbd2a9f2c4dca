#!/usr/bin/env bash
# The pre-push hook through real `git push`es: it checks exactly the refs being pushed, each
# against what the remote already has, and never the work tree.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLANS=docs/development/plans

commit_now() {
  commit_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1"
}

# A repository with one good plan, pushed to a bare remote, and the hook installed.
pushed_repo() {
  git init -q --bare "$case_dir/remote.git"
  new_repo repo
  write README.md "# Project"
  commit_at 2025-10-30T09:00:00Z "Start"
  run_planck init
  expect_status 0
  run_planck new "Storage"
  expect_status 0
  commit_now "Plan"
  git remote add origin "$case_dir/remote.git"
  git push -q -u origin main 2>/dev/null || fail "the first push failed"
  run_planck hook install
  expect_status 0
}

# break_plan_in_work_tree: adds a Progress entry with no timestamp, uncommitted.
break_plan_in_work_tree() {
  printf -- '- not a timestamped entry\n' >"$case_dir/entry"
  sed -i "/Plan created\./r $case_dir/entry" "$PLANS/storage.md"
}

# break_plan: commits a Progress entry with no timestamp.
break_plan() {
  break_plan_in_work_tree
  commit_now "Break the log"
}

# push ARGS…: git push, its output in $push_out, its status in $push_status.
push() {
  push_status=0
  push_out=$(git push "$@" 2>&1) || push_status=$?
}

case_a_bad_commit_is_blocked_even_when_the_work_tree_fixes_it() {
  pushed_repo
  break_plan
  # The fix is left uncommitted: what would be pushed is still the bad commit.
  git show HEAD~1:"$PLANS/storage.md" >"$PLANS/storage.md"
  push origin main
  [ "$push_status" -ne 0 ] || fail "a bad commit was pushed because the work tree held its fix"
  grep -qF "Progress entry has no timestamp" <<<"$push_out" || fail "the hook did not report the finding: $push_out"
}

case_a_clean_push_is_not_blocked_by_an_unrelated_edit() {
  pushed_repo
  run_planck log storage progress "Good entry."
  commit_now "Log properly"
  # An uncommitted edit that would fail the check is not part of the push.
  break_plan_in_work_tree
  run_planck check --base origin/main --worktree
  expect_status 1
  push origin main
  [ "$push_status" -eq 0 ] || fail "a clean push was blocked by the work tree: $push_out"
}

case_pushing_another_branch_checks_that_branch() {
  pushed_repo
  git checkout -q -b broken
  break_plan
  git checkout -q main
  git checkout -q -b fine
  run_planck log storage progress "Good entry."
  commit_now "Log properly"
  # On `fine`, pushing `broken`: the pushed branch is what is checked.
  push origin broken
  [ "$push_status" -ne 0 ] || fail "pushing a broken branch from a clean one went through"
  grep -qF "Progress entry has no timestamp" <<<"$push_out" || fail "the finding was not reported: $push_out"
  git checkout -q broken
  push origin fine
  [ "$push_status" -eq 0 ] || fail "pushing a clean branch from a broken one was blocked: $push_out"
}

case_new_branches_deletions_and_several_refs_in_one_push() {
  pushed_repo
  git checkout -q -b good
  run_planck log storage progress "Good entry."
  commit_now "Log properly"
  git checkout -q -b bad main
  break_plan
  # A new branch is checked against the remote's default branch: the broken one is stopped.
  push origin good bad
  [ "$push_status" -ne 0 ] || fail "a push of a clean and a broken new branch went through"
  grep -qF "checking refs/heads/bad" <<<"$push_out" || fail "the hook did not check the broken branch: $push_out"
  grep -qF "checking refs/heads/good" <<<"$push_out" || fail "the hook did not check the clean branch: $push_out"
  push origin good
  [ "$push_status" -eq 0 ] || fail "a clean new branch was blocked: $push_out"
  # A deletion has nothing to check, even from a broken work tree.
  push origin --delete good
  [ "$push_status" -eq 0 ] || fail "deleting a branch was blocked: $push_out"
  git ls-remote --exit-code "$case_dir/remote.git" refs/heads/good >/dev/null && fail "the branch was not deleted"
  true
}

case_a_first_push_with_nothing_on_the_remote_checks_every_document() {
  git init -q --bare "$case_dir/remote.git"
  new_repo repo
  write README.md "# Project"
  commit_at 2025-10-30T09:00:00Z "Start"
  run_planck init
  run_planck new "Storage"
  break_plan
  git remote add origin "$case_dir/remote.git"
  run_planck hook install
  push origin main
  [ "$push_status" -ne 0 ] || fail "a first push of a broken plan went through"
  grep -qF "Progress entry has no timestamp" <<<"$push_out" || fail "the finding was not reported: $push_out"
}

# run_manifest_hook ID FROM TO: runs hook ID of .pre-commit-hooks.yaml as the pre-commit framework
# does (its entry split like a shell would, with the pushed range in PRE_COMMIT_FROM_REF and
# PRE_COMMIT_TO_REF; empty FROM for a branch whose every commit is new), planck on PATH.
run_manifest_hook() {
  local out_file="$case_dir/.stdout" err_file="$case_dir/.stderr"
  status=0
  PATH="$(dirname "$PLANCK"):$PATH" python3 - "$PLANCK_SOURCE_DIR/.pre-commit-hooks.yaml" "$@" \
    >"$out_file" 2>"$err_file" <<'PY' || status=$?
import os, shlex, subprocess, sys, yaml
manifest, hook_id, from_ref, to_ref = sys.argv[1:5]
hook = next(h for h in yaml.safe_load(open(manifest)) if h["id"] == hook_id)
assert hook["stages"] == ["pre-push"], hook["stages"]
assert hook["minimum_pre_commit_version"] == "3.2.0", hook
assert hook["pass_filenames"] is False and hook["language"] == "system", hook
env = dict(os.environ)
if from_ref:
    env["PRE_COMMIT_FROM_REF"] = from_ref
    env["PRE_COMMIT_TO_REF"] = to_ref
sys.exit(subprocess.run(shlex.split(hook["entry"]), env=env).returncode)
PY
  out=$(cat "$out_file")
  err=$(cat "$err_file")
}

case_the_pre_commit_manifest_checks_the_pushed_range() {
  pushed_repo
  local pushed
  pushed=$(git rev-parse HEAD)
  break_plan
  local bad
  bad=$(git rev-parse HEAD)
  git checkout -q -b fine "$pushed"
  run_planck log storage progress "Good entry."
  commit_now "Log properly"
  # The range pre-commit names is checked, whatever is checked out.
  run_manifest_hook planck "$pushed" "$bad"
  expect_status 1
  expect_out "Progress entry has no timestamp"
  git checkout -q main
  run_manifest_hook planck "$pushed" "$(git rev-parse fine)"
  expect_status 0
  # No FROM: a branch whose every commit is new; every document is checked.
  run_manifest_hook planck "" ""
  expect_status 1
  expect_out "Progress entry has no timestamp"
  run_manifest_hook planck-all "$pushed" "$(git rev-parse fine)"
  expect_status 0
}

# The framework itself, where it is new enough for the pre-push stage name (3.2.0); Debian 12
# ships 3.0.4, which refuses the manifest, and the case says so rather than passing in silence.
case_the_pre_commit_framework_runs_the_hook() {
  if ! command -v pre-commit >/dev/null; then
    echo "    skipped: pre-commit is not installed (ci/lib.sh installs it)"
    return 0
  fi
  local version
  version=$(pre-commit --version | awk '{print $2}')
  if [ "$(printf '%s\n3.2.0\n' "$version" | sort -V | head -1)" != "3.2.0" ]; then
    echo "    skipped: pre-commit $version is older than 3.2.0, which the pre-push stage name needs"
    return 0
  fi
  pushed_repo
  local pushed
  pushed=$(git rev-parse HEAD)
  break_plan
  status=0
  out=$(PATH="$(dirname "$PLANCK"):$PATH" pre-commit try-repo "$PLANCK_SOURCE_DIR" planck --hook-stage pre-push \
    --from-ref "$pushed" --to-ref HEAD 2>&1) || status=$?
  expect_status 1
  expect_out "Progress entry has no timestamp"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
