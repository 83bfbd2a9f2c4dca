#!/usr/bin/env bash
# The GitHub Action's script and the GitLab template's job, run with the variables those CIs set:
# a pull_request event, a push event, a shallow checkout, a merge-request pipeline.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLAN=docs/development/plans/migrate-storage.md
VALIDATE="$PLANCK_SOURCE_DIR/../shared/tools/validate-reports"

# origin.git with main holding a good plan, and a clone `work` whose branch `feature` breaks a log
# entry (an error) and adds an undated one.
pr_repos() {
  new_repo seed
  write README.md "# Project"
  write "$PLAN" "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "Start the storage plan"
  git clone -q --bare . "$case_dir/origin.git"
  cd "$case_dir"
  git clone -q "file://$case_dir/origin.git" work
  cd work
  git checkout -q -b feature
  write "$PLAN" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- undated entry")"
  commit_at 2025-10-30T10:30:00Z "Log without a time"
  git push -q origin feature
  base_sha=$(git rev-parse origin/main)
  head_sha=$(git rev-parse HEAD)
}

# github_env EVENT_NAME EVENT_JSON: the variables a GitHub Actions step sees.
github_env() {
  printf '%s' "$2" >"$case_dir/event.json"
  : >"$case_dir/github_output"
  : >"$case_dir/step_summary"
  export GITHUB_ACTIONS=true GITHUB_EVENT_NAME="$1" GITHUB_EVENT_PATH="$case_dir/event.json"
  export GITHUB_WORKSPACE="$PWD" GITHUB_OUTPUT="$case_dir/github_output" GITHUB_STEP_SUMMARY="$case_dir/step_summary"
  export GITHUB_SHA="$head_sha" GITHUB_REF=refs/pull/7/merge PLANCK_BIN="$PLANCK"
}

run_action() {
  local out_file="$case_dir/.stdout" err_file="$case_dir/.stderr"
  status=0
  bash "$PLANCK_SOURCE_DIR/ci/action-run.sh" >"$out_file" 2>"$err_file" || status=$?
  out=$(cat "$out_file")
  err=$(cat "$err_file")
}

expect_output() { grep -qx "$1" "$case_dir/github_output" || fail "GITHUB_OUTPUT lacks '$1': $(cat "$case_dir/github_output")"; }

case_action_on_a_pull_request() {
  pr_repos
  github_env pull_request "{\"pull_request\": {\"number\": 7, \"base\": {\"sha\": \"$base_sha\", \"ref\": \"main\"}, \"head\": {\"sha\": \"$head_sha\"}}}"
  run_action
  expect_status 0
  expect_output "exit-code=1"
  expect_out "$PLAN:22:3: error: Progress entry has no timestamp"
  expect_out "::error file=$PLAN,line=22"
}

case_action_fail_on_none_passes_the_step() {
  pr_repos
  github_env pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$base_sha\"}}}"
  PLANCK_INPUT_FAIL_ON=none run_action
  expect_output "exit-code=0"
}

case_action_on_a_push() {
  pr_repos
  github_env push "{\"before\": \"$base_sha\", \"after\": \"$head_sha\", \"repository\": {\"default_branch\": \"main\"}}"
  run_action
  expect_output "exit-code=1"
  expect_out "[timestamp-format]"
}

case_action_on_a_new_branch_push_compares_with_the_default_branch() {
  pr_repos
  github_env push "{\"before\": \"0000000000000000000000000000000000000000\", \"after\": \"$head_sha\", \"repository\": {\"default_branch\": \"main\"}}"
  run_action
  expect_output "exit-code=1"
  expect_out "[timestamp-format]"
}

case_action_shallow_checkout_says_fetch_depth() {
  pr_repos
  cd "$case_dir"
  git clone -q --depth 1 --branch feature "file://$case_dir/origin.git" shallow
  cd shallow
  github_env pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$base_sha\", \"ref\": \"main\"}}}"
  run_action
  expect_output "exit-code=2"
  expect_err "shallow"
  expect_err "fetch-depth: 0"
}

case_action_writes_sarif_for_upload() {
  pr_repos
  github_env pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$base_sha\"}}}"
  PLANCK_INPUT_SARIF="$case_dir/planck.sarif" run_action
  expect_output "exit-code=1"
  expect_output "sarif-written=true"
  if [ -x "$VALIDATE" ]; then
    "$VALIDATE" sarif "$case_dir/planck.sarif" >&2 || fail "the SARIF for upload does not validate"
  else
    echo "    (skipped the SARIF validator: $VALIDATE is absent)" >&2
  fi
}

case_action_input_base_wins_over_the_event() {
  pr_repos
  github_env pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$base_sha\"}}}"
  PLANCK_INPUT_BASE="$head_sha" run_action
  expect_output "exit-code=0"
}

case_gitlab_merge_request_pipeline() {
  pr_repos
  local line
  line=$(grep -F '.planck/ci/planck check' "$PLANCK_SOURCE_DIR/ci/planck.gitlab-ci.yml" | sed 's/^ *- //')
  [ -n "$line" ] || fail "the template's check command was not found"
  line=${line//.planck\/ci\/planck/\"\$PLANCK\"}
  export GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_DIFF_BASE_SHA="$base_sha"
  export CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_COMMIT_SHA="$head_sha" PLANCK_ARGS=""
  status=0
  eval "$line" >"$case_dir/.stdout" 2>"$case_dir/.stderr" || status=$?
  out=$(cat "$case_dir/.stdout")
  err=$(cat "$case_dir/.stderr")
  expect_status 1
  expect_out "[timestamp-format]"
  [ -s gl-code-quality-report.json ] || fail "no Code Quality report"
  [ -s planck-junit.xml ] || fail "no JUnit report"
  if [ -x "$VALIDATE" ]; then
    "$VALIDATE" codequality gl-code-quality-report.json >&2 || fail "Code Quality report does not validate"
    "$VALIDATE" junit planck-junit.xml >&2 || fail "JUnit report does not validate"
  else
    echo "    (skipped the validators: $VALIDATE is absent)" >&2
  fi
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
