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

cd "${GITHUB_WORKSPACE:-$PWD}" || exit 2
"$planck" "${args[@]}"
status=$?
output exit-code "$status"
if [ -n "${PLANCK_INPUT_SARIF:-}" ] && [ -s "$PLANCK_INPUT_SARIF" ]; then
  output sarif-written true
else
  output sarif-written false
fi
# The action's last step turns the status into the verdict, after the SARIF upload.
exit 0
