# Helpers for planck's integration suites: real repositories in a fresh temp dir, a clean
# environment with fixed dates, and the built binary. Sourced by tests/integration/test_*.sh.
#
#   PLANCK=/path/to/planck bash tests/integration/test_check.sh [case…]

set -u
: "${PLANCK:?set PLANCK to the planck binary}"
PLANCK_SOURCE_DIR=${PLANCK_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

suite_root=$(mktemp -d "${TMPDIR:-/tmp}/planck-it.XXXXXX")
passed=0
failed=0
failures=()

# A clean, reproducible environment: no user or system git config, no CI variables.
export HOME="$suite_root/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Ada Planner" GIT_AUTHOR_EMAIL="ada@example.com"
export GIT_COMMITTER_NAME="Ada Planner" GIT_COMMITTER_EMAIL="ada@example.com"
export GIT_AUTHOR_DATE="2025-10-30T12:00:00Z" GIT_COMMITTER_DATE="2025-10-30T12:00:00Z"
export TZ=UTC LC_ALL=C NO_COLOR=1
unset GITHUB_ACTIONS GITHUB_EVENT_PATH GITHUB_EVENT_NAME GITHUB_BASE_REF GITHUB_STEP_SUMMARY \
      GITLAB_CI CI_MERGE_REQUEST_DIFF_BASE_SHA CI_COMMIT_BEFORE_SHA GIT_DIR GIT_WORK_TREE
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# new_repo NAME: creates an empty repository and changes into it.
new_repo() {
  local dir="$case_dir/$1"
  mkdir -p "$dir"
  cd "$dir" || return 1
  git init -q
}

# write PATH CONTENT…: writes the file (printf %s of the joined arguments), creating folders.
write() {
  local path=$1
  shift
  mkdir -p "$(dirname "$path")"
  printf '%s' "$*" >"$path"
}

# commit_at DATE MESSAGE [git-commit args…]: commits everything at the given author and committer date.
commit_at() {
  local date=$1 message=$2
  shift 2
  git add -A
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git commit -q --allow-empty -m "$message" "$@"
}

# run_planck ARGS…: runs the binary; sets $out, $err and $status.
run_planck() {
  local out_file="$case_dir/.stdout" err_file="$case_dir/.stderr"
  status=0
  "$PLANCK" "$@" >"$out_file" 2>"$err_file" || status=$?
  out=$(cat "$out_file")
  err=$(cat "$err_file")
}

fail() {
  echo "    $*" >&2
  echo "    status: $status" >&2
  echo "    stdout: ${out//$'\n'/$'\n'            }" >&2
  echo "    stderr: ${err//$'\n'/$'\n'            }" >&2
  return 1
}

expect_status() { [ "$status" -eq "$1" ] || fail "expected exit status $1"; }
expect_out() { grep -qF -- "$1" <<<"$out" || fail "expected stdout to contain: $1"; }
expect_no_out() { ! grep -qF -- "$1" <<<"$out" || fail "expected stdout not to contain: $1"; }
expect_err() { grep -qF -- "$1" <<<"$err" || fail "expected stderr to contain: $1"; }
expect_out_empty() { [ -z "$out" ] || fail "expected no output on stdout"; }
expect_one_line_err() {
  [ "$(printf '%s\n' "$err" | grep -c .)" -eq 1 ] || fail "expected exactly one line on stderr"
  expect_err "planck: error: "
}

# plan_text [PROGRESS] [DECISIONS]: a plan with every canonical section of the default pack.
plan_text() {
  local progress=${1:-"- [2025-10-30 09:00 UTC] Started."}
  local decisions=${2:-"- [2025-10-30 09:05 UTC] Chose the plain approach."}
  cat <<PLAN
# Migrate storage

## Purpose / Big Picture

Move the catalog to Postgres.

## Context and Orientation

See the catalog.

## Plan of Work

Two phases.

## To-do

- [ ] Phase 1

## Progress

$progress

## Decision Log

$decisions

## Surprises & Discoveries

- [2025-10-30 09:10 UTC] Nothing yet.

## Concrete Steps

1. Run it.

## Validation and Acceptance

\`make test\`

## Idempotence and Recovery

Re-run.

## Outcomes & Retrospective

Pending.

## Artifacts and Notes

None.

## Interfaces and Dependencies

None.
PLAN
}

# registry_text PLAN_PATH…: a PLANS.md that lists each plan under Active Plans, in the entry form.
registry_text() {
  printf '# Plans\n\n## Active Plans\n\n'
  local plan
  for plan in "$@"; do
    printf -- '- [2025-10-30] %s – [%s](%s) – Ada Planner – in-progress\n' \
      "$(basename "$plan" .md)" "$(basename "$plan" .md)" "$plan"
  done
  printf '\n## Completed Plans\n'
}

# run_cases NAME…: runs each `case_NAME` function in its own folder; keeps the folder of a failure.
run_cases() {
  local name
  local selected=("$@")
  for name in "${selected[@]}"; do
    case_dir="$suite_root/$name"
    mkdir -p "$case_dir"
    # A subshell of its own, not an `if` condition, so that `set -e` holds inside the case.
    (set -e; cd "$case_dir"; "case_$name")
    if [ $? -eq 0 ]; then
      passed=$((passed + 1))
      echo "ok   $name"
      rm -rf "$case_dir"
    else
      failed=$((failed + 1))
      failures+=("$name")
      echo "FAIL $name (kept in $case_dir)"
    fi
  done
  echo
  echo "$passed passed, $failed failed"
  if [ "$failed" -eq 0 ]; then
    rm -rf "$suite_root"
    return 0
  fi
  return 1
}

# all_cases: every function named case_* in the calling script, by name.
all_cases() {
  declare -F | awk '{print $3}' | grep '^case_' | sed 's/^case_//'
}
