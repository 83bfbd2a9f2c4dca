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

# --install: downloads the release named by the `version` input, or by the action's own ref when
# that is a release tag, checks its SHA-256 and unpacks it; the `binary` output names it. With no
# release to use, `binary` is empty and the action builds planck. A release asked for by name that
# cannot be had is an error; one inferred from the ref falls back to the build.
if [ "${1:-}" = "--install" ]; then
  tag=${PLANCK_INPUT_VERSION:-}
  asked=1
  if [ -z "$tag" ] && [[ "${GITHUB_ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    tag=$GITHUB_ACTION_REF
    asked=0
  fi
  if [ -z "$tag" ]; then
    echo "planck: the action is used at '${GITHUB_ACTION_REF:-a commit}', not a release: planck is built from its source"
    output binary ""
    exit 0
  fi
  give_up() {
    if [ "$asked" -eq 1 ]; then
      echo "::error title=planck::cannot use planck $tag: $1"
      exit 2
    fi
    echo "::warning title=planck::cannot use planck $tag ($1); building it from the action's source instead"
    output binary ""
    exit 0
  }
  case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) arch=x86_64 ;;
  Linux-aarch64 | Linux-arm64) arch=aarch64 ;;
  *) give_up "releases are built for x86_64 and aarch64 Linux, not $(uname -s) $(uname -m)" ;;
  esac
  version=${tag#v}
  name="planck-$version-linux-$arch"
  base=${PLANCK_RELEASE_URL:-${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_ACTION_REPOSITORY:-planck/planck}/releases/download}
  dir="${RUNNER_TEMP:-$(mktemp -d)}/planck-$version"
  mkdir -p "$dir"
  cd "$dir" || exit 2
  curl -fsSL --retry 3 -o "$name.tar.gz" "$base/$tag/$name.tar.gz" || give_up "cannot download $base/$tag/$name.tar.gz"
  curl -fsSL --retry 3 -o "$name.tar.gz.sha256" "$base/$tag/$name.tar.gz.sha256" ||
    give_up "cannot download $name.tar.gz.sha256"
  sha256sum --quiet -c "$name.tar.gz.sha256" >/dev/null 2>&1 || give_up "$name.tar.gz does not match its SHA-256"
  tar -xzf "$name.tar.gz" || give_up "cannot unpack $name.tar.gz"
  "$dir/$name/planck" --version >/dev/null || give_up "the downloaded binary does not run here"
  echo "planck: using release $tag ($name, checksum verified)"
  output binary "$dir/$name/planck"
  exit 0
fi

# --build: builds planck from the action's source, saying so (the build takes a minute or two).
if [ "${1:-}" = "--build" ]; then
  echo "planck: building planck from source (Release, once per change of its sources; cached)"
  if ! "$root/ci/planck" --version; then
    echo "::error title=planck::planck could not be built; see the log above"
    exit 2
  fi
  exit 0
fi

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
