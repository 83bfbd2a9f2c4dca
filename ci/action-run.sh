#!/usr/bin/env bash
# The body of action.yml: builds (or reuses) planck, runs `planck check` in the workspace with the
# action's inputs, and records the exit status for the action's last step. Tested with the
# variables GitHub sets, by tests/integration/test_ci_emulation.sh.
#
# Inputs (environment): PLANCK_INPUT_BASE, PLANCK_INPUT_CONFIG, PLANCK_INPUT_FAIL_ON,
# PLANCK_INPUT_SARIF, PLANCK_INPUT_ARGS; PLANCK_BIN uses a ready binary instead of building.
#   ci/action-run.sh --source-key   prints a hash of the sources, the cache key of the build
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "${1:-}" = "--source-key" ]; then
  (cd "$root" && find CMakeLists.txt cmake src rules ci/lib.sh -type f -print0 | sort -z | xargs -0 sha256sum) \
    | sha256sum | cut -c1-16
  exit 0
fi

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "$1=$2" >>"$GITHUB_OUTPUT"
  fi
}

planck=${PLANCK_BIN:-}
if [ -z "$planck" ]; then
  # Build once; ci/planck prints nothing on stdout when the build is current.
  if ! "$root/ci/planck" --version >/dev/null; then
    echo "::error title=planck::planck could not be built; see the log above"
    output exit-code 2
    exit 2
  fi
  planck="$root/build/release/planck"
fi

args=(check --fail-on "${PLANCK_INPUT_FAIL_ON:-error}")
[ -n "${PLANCK_INPUT_BASE:-}" ] && args+=(--base "$PLANCK_INPUT_BASE")
[ -n "${PLANCK_INPUT_CONFIG:-}" ] && args+=(--config "$PLANCK_INPUT_CONFIG")
[ -n "${PLANCK_INPUT_SARIF:-}" ] && args+=(--report "sarif=$PLANCK_INPUT_SARIF")
if [ -n "${PLANCK_INPUT_ARGS:-}" ]; then
  read -r -a extra <<<"$PLANCK_INPUT_ARGS"
  args+=("${extra[@]}")
fi

# escape_data TEXT: TEXT as a workflow command's message may hold it.
escape_data() {
  local text=${1//%/%25}
  text=${text//$'\r'/%0D}
  printf '%s' "${text//$'\n'/%0A}"
}

cd "${GITHUB_WORKSPACE:-$PWD}" || exit 2
errors=$(mktemp)
"$planck" "${args[@]}" 2>"$errors"
status=$?
cat "$errors" >&2
output exit-code "$status"
if [ "$status" -eq 2 ]; then
  # planck could not check (a shallow clone, a bad config, …): this step stays green so that the
  # SARIF upload runs, so the reason goes where people look: an error annotation, the step
  # summary, and the Verdict step that fails (through the `error` output).
  reason=$(grep -m1 -E '^planck: error: ' "$errors" | sed 's/^planck: error: //')
  [ -n "$reason" ] || reason=$(grep -m1 . "$errors")
  [ -n "$reason" ] || reason="planck exited with status 2"
  echo "::error title=planck could not check::$(escape_data "$reason")"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '### planck could not check\n\n```text\n%s\n```\n' "$reason" >>"$GITHUB_STEP_SUMMARY"
  fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    # One line, so the output cannot be cut short by what it holds.
    echo "error=$(printf '%s' "$reason" | tr '\r\n' '  ')" >>"$GITHUB_OUTPUT"
  fi
fi
rm -f "$errors"
if [ -n "${PLANCK_INPUT_SARIF:-}" ] && [ -s "$PLANCK_INPUT_SARIF" ]; then
  output sarif-written true
else
  output sarif-written false
fi
# The action's last step turns the status into the verdict, after the SARIF upload.
exit 0
