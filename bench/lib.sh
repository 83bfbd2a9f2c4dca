# Shared by bench/run.sh, bench/scenarios.sh and bench/range_sizes.sh: the environment a timing
# needs, the planck binary to time, and generated repositories kept by their parameters.
# Sourced after ci/lib.sh, with `bench` (this folder) and `root` (the repository) set.
# shellcheck shell=bash disable=SC2154

say() { echo "bench: $*" >&2; }

# bench_environment [TOOLS…]: no CI variables or system git config to steer planck or git, the
# same time zone and locale every run, and the tools installed.
# shellcheck disable=SC2120
bench_environment() {
  export GIT_CONFIG_NOSYSTEM=1 TZ=UTC LC_ALL=C NO_COLOR=1
  unset GITHUB_ACTIONS GITHUB_EVENT_PATH GITHUB_EVENT_NAME GITHUB_BASE_REF GITHUB_STEP_SUMMARY \
        GITLAB_CI CI_MERGE_REQUEST_DIFF_BASE_SHA CI_COMMIT_BEFORE_SHA GIT_DIR GIT_WORK_TREE
  planck_ensure_packages git python3 hyperfine time "$@"
}

# bench_planck: PLANCK as an absolute path; unset, ci/planck builds a Release binary first.
bench_planck() {
  if [ -z "${PLANCK:-}" ]; then
    say "building planck (Release) with ci/planck"
    "$root/ci/planck" rules >/dev/null
    PLANCK="${PLANCK_BUILD_DIR:-$root/build/release}/planck"
  fi
  PLANCK=$(cd "$(dirname "$PLANCK")" && pwd)/$(basename "$PLANCK")
}

# bench_repository OUT ARGS…: the repository bench/generate.py makes with these arguments (and
# with --seed BENCH_SEED when that is set), generated once under OUT/repos/ and kept, keyed by the
# arguments and the generator's own text. Prints its path.
bench_repository() {
  local out=$1 key dir
  shift
  key=$( { printf '%s\n' ${BENCH_SEED:+"seed $BENCH_SEED"} "$@"; cat "$bench/generate.py"; } | sha1sum | cut -c1-12)
  dir="$out/repos/$key"
  if [ ! -f "$dir.json" ]; then
    say "generating $dir ($*)"
    python3 "$bench/generate.py" "$dir" --force ${BENCH_SEED:+--seed "$BENCH_SEED"} "$@" >"$dir.json.tmp"
    mv "$dir.json.tmp" "$dir.json"
  fi
  echo "$dir"
}
