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
  # Where people look: an error annotation, the step summary, and the failing Verdict step.
  expect_out "::error title=planck could not check::"
  grep -F "::error title=planck could not check::" <<<"$out" | grep -qF "fetch-depth: 0" ||
    fail "the annotation does not carry the fix"
  grep -qF "### planck could not check" "$case_dir/step_summary" || fail "the step summary does not say it"
  grep -qF "fetch-depth: 0" "$case_dir/step_summary" || fail "the step summary lacks the fix"
  grep -q "^error=.*fetch-depth: 0" "$case_dir/github_output" || fail "no error output for the Verdict step"
  local verdict
  verdict=$(python3 -c 'import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]
run = next(s["run"] for s in steps if s.get("name") == "Verdict")
print(run.replace("${{ steps.check.outputs.exit-code || 2 }}", "2"))' "$PLANCK_SOURCE_DIR/action.yml")
  status=0
  err=$(PLANCK_ERROR="$(sed -n 's/^error=//p' "$case_dir/github_output")" bash -c "$verdict" 2>&1) || status=$?
  expect_status 2
  expect_err "planck could not check: "
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

# A release as the release workflow publishes it, served from file://$case_dir/releases: the
# archive planck-VERSION-linux-ARCH.tar.gz holding the binary under test, and its .sha256.
fake_release() {
  local tag=$1 version=${1#v} arch
  arch=$(uname -m)
  [ "$arch" = arm64 ] && arch=aarch64
  local name="planck-$version-linux-$arch" dir="$case_dir/releases/$tag"
  mkdir -p "$dir/$name"
  cp "$PLANCK" "$dir/$name/planck"
  tar -C "$dir" -czf "$dir/$name.tar.gz" "$name"
  rm -rf "${dir:?}/$name"
  (cd "$dir" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
  release_archive="$dir/$name.tar.gz"
}

# run_install: the action's download step; the binary it names is in $installed.
run_install() {
  : >"$case_dir/github_output"
  status=0
  out=$(RUNNER_TEMP="$case_dir/runner-temp" PLANCK_RELEASE_URL="file://$case_dir/releases" \
    bash "$PLANCK_SOURCE_DIR/ci/action-run.sh" --install 2>&1) || status=$?
  installed=$(sed -n 's/^binary=//p' "$case_dir/github_output")
}

case_action_downloads_a_release_and_checks_with_it() {
  pr_repos
  github_env pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$base_sha\"}}}"
  fake_release v9.8.7
  # Asked for by name.
  PLANCK_INPUT_VERSION=v9.8.7 run_install
  expect_status 0
  expect_out "planck: using release v9.8.7"
  [ -x "$installed" ] || fail "no binary named by the install step: '$installed'"
  [[ "$installed" == "$case_dir/runner-temp/"* ]] || fail "the binary is not from the download: $installed"
  PLANCK_BIN="$installed" run_action
  expect_output "exit-code=1"
  expect_out "[timestamp-format]"
  # The action's own ref, a release tag, does the same.
  rm -rf "$case_dir/runner-temp"
  GITHUB_ACTION_REF=v9.8.7 run_install
  expect_status 0
  [ -x "$installed" ] || fail "the action's release ref was not downloaded"
  # A branch ref has no release: the action builds instead.
  GITHUB_ACTION_REF=main run_install
  expect_status 0
  [ -z "$installed" ] || fail "a branch ref named a binary: $installed"
  expect_out "not a release: planck is built from its source"
}

case_action_refuses_a_release_that_fails_its_checksum() {
  pr_repos
  github_env pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$base_sha\"}}}"
  fake_release v9.8.7
  printf 'tampered' >>"$release_archive"
  PLANCK_INPUT_VERSION=v9.8.7 run_install
  expect_status 2
  expect_out "::error title=planck::cannot use planck v9.8.7:"
  expect_out "does not match its SHA-256"
  [ -z "$installed" ] || fail "a tampered archive was installed"
  # Inferred from the ref, the same failure falls back to building, with a warning.
  GITHUB_ACTION_REF=v9.8.7 run_install
  expect_status 0
  expect_out "::warning title=planck::cannot use planck v9.8.7"
  [ -z "$installed" ] || fail "a tampered archive was installed"
  # A release that does not exist, asked for by name.
  PLANCK_INPUT_VERSION=v1.2.3 run_install
  expect_status 2
  expect_out "cannot download"
}

# gitlab_job VAR=VALUE…: runs the template's `planck` job as a GitLab runner would, in this
# directory: the template's top-level variables, then the top-level ones of the including project
# (given here: they win over the template's), then the job's own; before_script and script in one
# shell with `set -eo pipefail`. apt-get is a stand-in that does nothing (the image's packages are
# here). `.planck/bin/<commit>/planck` is seeded with the binary under test, as the cache would
# restore it, so the job does not build planck again. JOB_PATH, when set, is put first on PATH.
gitlab_job() {
  local rev
  if [ -n "${planck_src:-}" ]; then
    rev=$(git -C "$planck_src" rev-parse HEAD)
    mkdir -p ".planck/bin/$rev"
    cp "$PLANCK" ".planck/bin/$rev/planck"
  fi
  mkdir -p "$case_dir/shims"
  printf '#!/bin/sh\nexit 0\n' >"$case_dir/shims/apt-get"
  chmod +x "$case_dir/shims/apt-get"
  local out_file="$case_dir/.stdout" err_file="$case_dir/.stderr"
  status=0
  CASE_SHIMS="$case_dir/shims" python3 - "$PLANCK_SOURCE_DIR/ci/planck.gitlab-ci.yml" "$@" >"$out_file" 2>"$err_file" <<'PY' || status=$?
import os, subprocess, sys, yaml
template = yaml.safe_load(open(sys.argv[1]))
job = template["planck"]
assert ".planck/bin" in job["cache"]["paths"] and job["cache"].get("when") == "always", job["cache"]
variables = dict(template.get("variables") or {})
variables.update(arg.split("=", 1) for arg in sys.argv[2:])   # the project's top-level variables
variables.update(job.get("variables") or {})                 # the job's own win over both
lines = job["before_script"] + job["script"]
assert job["image"]["name"] == "$PLANCK_IMAGE" and job["image"]["entrypoint"] == [""], job["image"]
env = dict(os.environ)
env["PATH"] = os.pathsep.join(p for p in (env.get("JOB_PATH"), os.environ["CASE_SHIMS"], env["PATH"]) if p)
env.update({k: str(v) for k, v in variables.items()})
script = "set -eo pipefail\n" + "\n".join(lines) + "\n"
sys.exit(subprocess.run(["bash", "-c", script], env=env).returncode)
PY
  out=$(cat "$out_file")
  err=$(cat "$err_file")
}

# planck's own repository as a project would include it: a bare clone of this source tree.
planck_source_remote() {
  git clone -q --bare "$PLANCK_SOURCE_DIR" "$case_dir/planck.git"
  planck_src="$case_dir/planck.git"
}

case_gitlab_merge_request_pipeline() {
  pr_repos
  planck_source_remote
  export GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_DIFF_BASE_SHA="$base_sha"
  export CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_COMMIT_SHA="$head_sha"
  gitlab_job PLANCK_REPOSITORY="file://$planck_src" PLANCK_REF="$(git -C "$planck_src" symbolic-ref --short HEAD)"
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
  # The next pipeline starts with .planck restored from the cache: the job runs again as well.
  gitlab_job PLANCK_REPOSITORY="file://$planck_src" PLANCK_REF="$(git -C "$planck_src" symbolic-ref --short HEAD)"
  expect_status 1
  expect_out "[timestamp-format]"
}

case_gitlab_project_variables_set_the_repository() {
  pr_repos
  planck_source_remote
  export GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_DIFF_BASE_SHA="$base_sha"
  # Without it (and no planck on PATH), one clear line; with it at the top level, as the README
  # says, the job uses it.
  gitlab_job
  expect_status 2
  expect_err "planck: set PLANCK_IMAGE to planck's image, or PLANCK_REPOSITORY to where you keep planck"
  gitlab_job PLANCK_REPOSITORY="file://$planck_src" PLANCK_REF="$(git -C "$planck_src" symbolic-ref --short HEAD)"
  expect_status 1
  [ -d .planck/src/.git ] || fail "planck was not cloned from the project's PLANCK_REPOSITORY"
}

# In planck's image, planck is on PATH: the job runs it at once, with no clone and no build.
case_gitlab_job_in_the_planck_image_runs_planck_at_once() {
  pr_repos
  export GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_DIFF_BASE_SHA="$base_sha"
  mkdir -p "$case_dir/image-bin"
  ln -s "$PLANCK" "$case_dir/image-bin/planck"
  JOB_PATH="$case_dir/image-bin" gitlab_job PLANCK_IMAGE=registry.example/planck:0.1.0
  expect_status 1
  expect_out "planck: using $case_dir/image-bin/planck"
  expect_out "[timestamp-format]"
  [ ! -e .planck ] || fail "the job cloned or built planck in planck's image"
  [ -s gl-code-quality-report.json ] || fail "no Code Quality report"
}

case_gitlab_pipeline_with_no_merge_request_checks_everything() {
  pr_repos
  planck_source_remote
  # A scheduled pipeline on the branch: no merge request, no pushed range.
  export GITLAB_CI=true CI_PIPELINE_SOURCE=schedule CI_COMMIT_BEFORE_SHA=0000000000000000000000000000000000000000
  unset CI_MERGE_REQUEST_DIFF_BASE_SHA
  gitlab_job PLANCK_REPOSITORY="file://$planck_src" PLANCK_REF="$(git -C "$planck_src" symbolic-ref --short HEAD)"
  expect_status 1
  expect_out "planck: no merge request and no pushed range (a schedule pipeline): checking every document"
  expect_out "[timestamp-format]"
  # A push with a range checks the range.
  export CI_PIPELINE_SOURCE=push CI_COMMIT_BEFORE_SHA="$base_sha"
  gitlab_job PLANCK_REPOSITORY="file://$planck_src" PLANCK_REF="$(git -C "$planck_src" symbolic-ref --short HEAD)"
  expect_status 1
  expect_no_out "checking every document"
  expect_out "[timestamp-format]"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
