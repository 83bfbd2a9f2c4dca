#!/usr/bin/env bash
# planck's time against the size of the range: the same 2,000-plan repository with ranges of 30,
# 300 and 3,000 commits (300 plans and 1,500 other files changed), and ranges of 30 commits that
# change 150, 1,500 and 15,000 other files. For each, the median of hyperfine's runs, the phases
# `-v` prints (one more run) and peak RSS, as a Markdown table in OUT/range_sizes.md: a phase that
# grows faster than its column's size shows up as a ratio to the row above larger than the size's.
#
#   bench/range_sizes.sh                  # the default sizes
#   bench/range_sizes.sh --size tiny      # 30 plans, ranges of 3, 30 and 300 commits: a smoke run
#   bench/range_sizes.sh --runs 3 --out DIR
#
# Repositories are generated with bench/generate.py and kept under OUT/repos/ by their parameters.
# PLANCK=/path/to/planck uses that binary; otherwise ci/planck builds a Release one. Exits 1 when
# planck does not pass one of the (clean) ranges.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
# shellcheck source=ci/lib.sh
. "$root/ci/lib.sh"
# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

size=default
runs=""
out="$bench/out/range_sizes"
usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
  --size) size=$2; shift ;;
  --runs) runs=$2; shift ;;
  --out) out=$2; shift ;;
  -h | --help) usage; exit 0 ;;
  *) echo "bench/range_sizes.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

case $size in
tiny)
  common=(--files 300 --plans 30 --entries 15)
  commits=(3 30 300); changed_plans=10; changed_files=(15 150 1500); fixed_commits=3; fixed_files=150
  runs=${runs:-3}
  ;;
default)
  common=(--files 20000 --plans 2000 --entries 15)
  commits=(30 300 3000); changed_plans=300; changed_files=(150 1500 15000); fixed_commits=30; fixed_files=1500
  runs=${runs:-5}
  ;;
*) echo "bench/range_sizes.sh: --size is tiny or default, not '$size'" >&2; exit 2 ;;
esac

bench_environment
bench_planck

mkdir -p "$out/repos"
out=$(cd "$out" && pwd)
printf 'extends: agdd\n' >"$out/agdd.yaml"

# row LABEL ARGS…: one line of the table for the repository these generator arguments make.
row() {
  local label=$1 repo verbose median rss
  shift
  repo=$(bench_repository "$out" "$@")
  cd "$repo"
  # The generated range is clean: a check that finds something (or fails) times the wrong thing.
  if ! "$PLANCK" check --base main -q --config "$out/agdd.yaml" >"$out/findings" 2>&1; then
    echo "bench/range_sizes.sh: planck did not pass the clean range in $repo:" >&2
    head -5 "$out/findings" >&2
    exit 1
  fi
  verbose=$("$PLANCK" check --base main -q -v --config "$out/agdd.yaml" 2>&1 >/dev/null || true)
  if ! hyperfine --style none --runs "$runs" -N --export-json "$out/run.json" \
    "$PLANCK check --base main -q --config $out/agdd.yaml" >"$out/hyperfine.log" 2>&1; then
    echo "bench/range_sizes.sh: a timed run of planck failed in $repo:" >&2
    tail -5 "$out/hyperfine.log" >&2
    exit 1
  fi
  median=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$out/run.json")
  /usr/bin/time -q -f "%M" -o "$out/rss" "$PLANCK" check --base main -q --config "$out/agdd.yaml" >/dev/null 2>&1 || true
  rss=$(tail -1 "$out/rss")
  cd - >/dev/null
  phase() { sed -n "s/^planck: $1 \([0-9]*\) ms.*/\1/p" <<<"$verbose" | head -1; }
  printf '| %s | %s ms | %s | %s | %s | %s | %s MiB |\n' "$label" "$median" \
    "$(phase 'range read in') ms" "$(phase 'rules run in') ms" "$(phase 'rule last-synced:') ms" \
    "$(phase 'rule links-resolve:') ms" "$((rss / 1024))"
}

{
  echo "# planck against the size of the range ($size size)"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);"
  echo "$("$PLANCK" --version) with \`extends: agdd\`, median of $runs runs; phases from one \`-v\` run."
  echo
  echo "| range | check | range read | rules | last-synced | links-resolve | peak RSS |"
  echo "|---|--:|--:|--:|--:|--:|--:|"
  for n in "${commits[@]}"; do
    row "$n commits, $changed_plans plans and $fixed_files files changed" \
      "${common[@]}" --commits "$n" --changed-plans "$changed_plans" --changed-files "$fixed_files"
  done
  for n in "${changed_files[@]}"; do
    [ "$n" = "$fixed_files" ] && [ "$fixed_commits" = "${commits[0]}" ] && continue   # the first row
    row "$fixed_commits commits, $changed_plans plans and $n files changed" \
      "${common[@]}" --commits "$fixed_commits" --changed-plans "$changed_plans" --changed-files "$n"
  done
} >"$out/range_sizes.md"
cat "$out/range_sizes.md"
