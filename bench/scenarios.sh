#!/usr/bin/env bash
# planck against its git floor, scenario by scenario. Each scenario is a repository shape
# (bench/generate.py, cached under OUT/repos/ by its parameters) and a check; for each, the script
# checks that planck reports exactly what the scenario injected (or nothing, for a clean one),
# times planck and the scenario's own floor (bench/scenario_floor.sh) with hyperfine (median),
# measures planck's peak RSS with GNU time, and writes a row of OUT/scenarios.md.
#
#   bench/scenarios.sh                         # the default sizes (2,000 plans; large-tree: 200,000 files)
#   bench/scenarios.sh --scenario-size tiny    # a smoke-size run, well under two minutes
#   bench/scenarios.sh --only rename-heading,pack-gc --runs 5
#   bench/scenarios.sh --prepare               # generate and check only, no timing (fills the cache)
#
# The scenarios:
#   baseline           bench/run.sh's repository and range (repacked as a clone has it), for reference
#   rename-heading     a changed plan's `## Decision Log` heading renamed away; the previous plan
#                      links to its #decision-log (sections-required, log-append-only, links-resolve)
#   rename-delete      plans renamed and deleted, PLANS.md updated, other links left behind
#                      (links-resolve at each broken link; plan-completion for a deleted unfinished plan)
#   long-branch        a range of 500 commits
#   large-tree-diff    200,000 files and 20,000 plans, 300 commits changing 25,000 files: diff-aware
#   large-tree-all     the same repository: --all
#   pack-gc            the default repository as `git gc` leaves it
#   pack-fast-import   the default repository straight out of `git fast-import`
# Floors: the range diff with renames and the changed Markdown blobs at base and head by object id;
# `git grep` over the documents planck checks (plans, registry, CHANGELOG, roadmap) for the changed
# documents' names where links into them must be screened (rename-heading, rename-delete); for
# --all, every Markdown blob planck checks, by id.
#
# planck runs with a config that names the AGDD pack (`extends: agdd`), so that every scenario
# checks the same rules: on the 20,000-plan tree the discovered layout is another one (what
# discovery costs is bench/run.sh's planck-diff against planck-diff-configured).
# PLANCK=/path/to/planck uses that binary; otherwise ci/planck builds a Release one. Exits 1 when a
# scenario's findings are not what it injected.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
# shellcheck source=ci/lib.sh
. "$root/ci/lib.sh"
# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

size=default
only=""
runs=""
out="$bench/out/scenarios"
seed=1
prepare=0
usage() { sed -n '2,34p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
  --scenario-size) size=$2; shift ;;
  --only) only=$2; shift ;;
  --runs) runs=$2; shift ;;
  --out) out=$2; shift ;;
  --seed) seed=$2; shift ;;
  --prepare) prepare=1 ;;
  -h | --help) usage; exit 0 ;;
  *) echo "bench/scenarios.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

case $size in
tiny)
  base=(--files 300 --plans 30 --entries 15 --commits 3 --changed-plans 10 --changed-files 20)
  moved=2
  long=50
  large=(--files 4000 --plans 400 --entries 15 --commits 30 --changed-plans 50 --changed-files 450)
  runs=${runs:-3}
  ;;
default)
  base=(--files 20000 --plans 2000 --entries 15 --commits 30 --changed-plans 300 --changed-files 1500)
  moved=10
  long=500
  large=(--files 200000 --plans 20000 --entries 15 --commits 300 --changed-plans 1000 --changed-files 24000)
  runs=${runs:-10}
  ;;
*) echo "bench/scenarios.sh: --scenario-size is tiny or default, not '$size'" >&2; exit 2 ;;
esac

# name|check (diff, diff+screen or all)|generator arguments
scenarios=(
  "baseline|diff|${base[*]}"
  "rename-heading|diff+screen|${base[*]} --rename-heading"
  "rename-delete|diff+screen|${base[*]} --rename-plans $moved --delete-plans $moved"
  "long-branch|diff|${base[*]} --commits $long"
  "large-tree-diff|diff|${large[*]}"
  "large-tree-all|all|${large[*]}"
  "pack-gc|diff|${base[*]} --pack gc"
  "pack-fast-import|diff|${base[*]} --pack fast-import"
)

bench_environment
bench_planck
export BENCH_SEED=$seed

mkdir -p "$out/repos"
out=$(cd "$out" && pwd)
rm -f "$out"/*.json "$out"/*.rss "$out"/*.verdict "$out"/*.findings "$out/scenarios.md"
printf 'extends: agdd\n' >"$out/agdd.yaml"

names=()
failed=0
for scenario in "${scenarios[@]}"; do
  IFS='|' read -r name check args <<<"$scenario"
  if [ -n "$only" ] && [[ ",$only," != *",$name,"* ]]; then
    continue
  fi
  names+=("$name")
  # shellcheck disable=SC2086
  repo=$(bench_repository "$out" $args)
  case $check in
  all)
    planck_args="check --all -q --config $out/agdd.yaml"
    floor_args="all feature docs/development PLANS.md CHANGELOG.md"
    ;;
  diff) planck_args="check --base main -q --config $out/agdd.yaml"; floor_args="diff main feature" ;;
  diff+screen)
    planck_args="check --base main -q --config $out/agdd.yaml"
    floor_args="diff main feature --screen docs/development/*.md PLANS.md CHANGELOG.md"
    ;;
  esac

  # planck's findings first: a timing means nothing if the answer is wrong.
  # shellcheck disable=SC2086
  (cd "$repo" && "$PLANCK" $planck_args >"$out/$name.findings" 2>&1) || true
  if [ "$check" = all ]; then
    # --all sees no range: only a clean scenario has a known answer there.
    printf '{"expected": []}\n' >"$out/$name.expected.json"
  else
    cp "$repo.json" "$out/$name.expected.json"
  fi
  if ! python3 "$bench/scenario_report.py" check "$out/$name.expected.json" "$out/$name.findings" >"$out/$name.verdict"; then
    failed=1
  fi
  say "$name: $(cat "$out/$name.verdict")"
  if [ "$prepare" -eq 1 ]; then
    continue
  fi

  say "$name: timing planck $planck_args and its floor ($runs runs)"
  (cd "$repo" && hyperfine --style basic --warmup 1 --runs "$runs" -N --ignore-failure \
    --export-json "$out/$name.json" \
    -n planck "$PLANCK $planck_args" \
    -n floor "bash $bench/scenario_floor.sh $floor_args" >&2)
  # shellcheck disable=SC2086
  (cd "$repo" && /usr/bin/time -q -f "%M" -o "$out/$name.rss" "$PLANCK" $planck_args >/dev/null 2>&1) || true
done

if [ "$prepare" -eq 1 ]; then
  exit "$failed"
fi
{
  echo "# planck scenarios ($size size)"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);"
  echo "$("$PLANCK" --version) with \`extends: agdd\`, $(git --version), median of $runs runs after one warm-up."
  echo
  python3 "$bench/scenario_report.py" table "$out" "${names[@]}"
} >"$out/scenarios.md"
cat "$out/scenarios.md"
if [ "$failed" -ne 0 ]; then
  echo "bench/scenarios.sh: a scenario's findings are not what it injected (see the findings column)" >&2
  exit 1
fi
