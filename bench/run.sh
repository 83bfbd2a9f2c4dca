#!/usr/bin/env bash
# planck's benchmark, end to end, in one command: generates a synthetic AGDD monorepo
# (bench/generate.py), checks that planck finds it clean, then times on the same range and in the
# same run: planck diff-aware, planck --all, the git floor (bench/git_floor.sh), markdownlint-cli2
# on the changed Markdown files, and Danger (bench/dangerfile.js); measures planck's peak RSS and
# instruction counts (callgrind); and repeats the diff-aware check on a tree twice the size.
# Writes bench/out/results.md and prints it.
#
#   bench/run.sh                  # the default size (20,000 files, 2,000 plans, 30 commits)
#   bench/run.sh --tiny           # a smoke-size run: 300 files, 30 plans, 3 commits, no npm tools
#   bench/run.sh --runs 20 --slow-runs 5 --no-callgrind
#
# PLANCK=/path/to/planck uses that binary; otherwise ci/planck builds a Release one. hyperfine,
# GNU time, valgrind and (unless --no-tools) node/npm come from Debian; markdownlint-cli2 and
# danger are installed once into bench/.tools/ from npm.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)
# shellcheck source=ci/lib.sh
. "$root/ci/lib.sh"
# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

tiny=0
runs=""
slow_runs=""
tools=1
callgrind=1
out="$bench/out"
seed=1
usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
  --tiny) tiny=1 ;;
  --runs) runs=$2; shift ;;
  --slow-runs) slow_runs=$2; shift ;;
  --no-tools) tools=0 ;;
  --no-callgrind) callgrind=0 ;;
  --out) out=$2; shift ;;
  --seed) seed=$2; shift ;;
  -h | --help) usage; exit 0 ;;
  *) echo "bench/run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [ "$tiny" -eq 1 ]; then
  size=(--files 300 --plans 30 --entries 15 --commits 3 --changed-plans 10 --changed-files 20)
  big_files=600
  runs=${runs:-3}
  slow_runs=${slow_runs:-2}
  tools=0
else
  size=(--files 20000 --plans 2000 --entries 15 --commits 30 --changed-plans 300 --changed-files 1500)
  big_files=40000
  runs=${runs:-10}
  slow_runs=${slow_runs:-5}
fi

bench_environment valgrind
if [ "$tools" -eq 1 ] && ! command -v npm >/dev/null 2>&1; then
  planck_ensure_packages nodejs npm
fi

bench_planck

bin="$bench/.tools/node_modules/.bin"
if [ "$tools" -eq 1 ] && { [ ! -x "$bin/markdownlint-cli2" ] || [ ! -x "$bin/danger" ]; }; then
  say "installing markdownlint-cli2 and danger into bench/.tools (once)"
  npm install --prefix "$bench/.tools" --no-audit --no-fund --loglevel=error markdownlint-cli2 danger >&2
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)   # the script changes folders: keep the results where --out said
rm -f "$out"/*.json "$out"/*.callgrind "$out/results.md"
repo="$out/repo"
big="$out/repo-2x"

say "generating the repository (${size[*]})"
python3 "$bench/generate.py" "$repo" --force --seed "$seed" "${size[@]}" >"$out/repo.json"
say "generating the same range in a tree twice the size (--files $big_files)"
python3 "$bench/generate.py" "$big" --force --seed "$seed" "${size[@]}" --files "$big_files" >"$out/repo-2x.json"

# The benchmark only means something on a repository planck finds clean.
for dir in "$repo" "$big"; do
  for args in "--base main" "--all"; do
    # shellcheck disable=SC2086
    if ! (cd "$dir" && "$PLANCK" check $args -q >"$out/check.txt" 2>&1); then
      echo "bench/run.sh: planck check $args does not pass on $dir:" >&2
      head -20 "$out/check.txt" >&2
      exit 1
    fi
  done
done

# The changed Markdown files, for markdownlint-cli2 (':' marks a literal path, not a glob).
(cd "$repo" && git diff --name-only --diff-filter=d main...feature -- '*.md') | sed 's/^/:/' >"$out/changed-md.txt"
cat >"$out/markdownlint.sh" <<EOF
#!/usr/bin/env bash
# markdownlint-cli2 on the range's changed Markdown files (written by bench/run.sh).
mapfile -t files <"$out/changed-md.txt"
exec "$bin/markdownlint-cli2" "\${files[@]}" >/dev/null 2>&1
EOF
chmod +x "$out/markdownlint.sh"

hyper() {   # hyper JSON RUNS [hyperfine args…]: times the commands, median and spread into JSON
  local json=$1 n=$2
  shift 2
  hyperfine --style basic --warmup 1 --runs "$n" -N --export-json "$json" "$@" >&2
}

say "timing on $repo ($runs runs, $slow_runs for the node tools)"
cd "$repo"
# The generated repository has no planck.yaml, so planck-diff includes discovering the layout;
# planck-diff-configured names the pack instead: the difference is what discovery costs.
printf 'extends: agdd\n' >"$out/agdd.yaml"
hyper "$out/fast.json" "$runs" \
  -n planck-diff "$PLANCK check --base main -q" \
  -n planck-diff-configured "$PLANCK check --base main -q --config $out/agdd.yaml" \
  -n planck-all "$PLANCK check --all -q" \
  -n git-floor "bash $bench/git_floor.sh main feature"
if [ "$tools" -eq 1 ]; then
  # markdownlint-cli2 exits 1 when it has findings; that is a result, not a failed run.
  hyper "$out/slow.json" "$slow_runs" --ignore-failure \
    -n markdownlint-cli2 "bash $out/markdownlint.sh" \
    -n danger "$bin/danger local --base main --dangerfile $bench/dangerfile.js --text-only"
fi

rss() {   # rss NAME COMMAND…: peak resident set size in KiB, as GNU time reports it
  local name=$1
  shift
  /usr/bin/time -q -f "$name %M" -a -o "$out/rss.txt" "$@" >/dev/null 2>&1 || true
}
: >"$out/rss.txt"
rss planck-diff "$PLANCK" check --base main -q
rss planck-all "$PLANCK" check --all -q
rss git-floor bash "$bench/git_floor.sh" main feature
if [ "$tools" -eq 1 ]; then
  rss markdownlint-cli2 bash "$out/markdownlint.sh"
  rss danger "$bin/danger" local --base main --dangerfile "$bench/dangerfile.js" --text-only
fi

instructions() {   # instructions NAME DIR ARGS…: callgrind's total Ir for planck ARGS in DIR
  local name=$1 dir=$2
  shift 2
  (cd "$dir" && valgrind --tool=callgrind --callgrind-out-file="$out/$name.callgrind" \
    "$PLANCK" "$@" -q >/dev/null 2>"$out/$name.valgrind.txt") || true
  printf '%s %s\n' "$name" "$(sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' "$out/$name.valgrind.txt" | tr -d ,)" >>"$out/ir.txt"
}
: >"$out/ir.txt"
if [ "$callgrind" -eq 1 ]; then
  say "counting instructions with callgrind (slow: valgrind runs planck about 50 times slower)"
  instructions planck-diff "$repo" check --base main
  instructions planck-all "$repo" check --all
  instructions planck-diff-2x "$big" check --base main
  # The git floor's processes (git diff, git cat-file, awk, bash), added up.
  (cd "$repo" && valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out/git-floor.%p.callgrind" \
    bash "$bench/git_floor.sh" main feature 2>"$out/git-floor.valgrind.txt") || true
  printf 'git-floor %s\n' "$(sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' "$out/git-floor.valgrind.txt" | tr -d , |
    awk '{ total += $1 } END { print total }')" >>"$out/ir.txt"
fi

say "timing the diff-aware check on the tree twice the size"
cd "$big"
hyper "$out/scaling.json" "$runs" \
  -n planck-diff-1x "$PLANCK check -C $repo --base main -q" \
  -n planck-diff-2x "$PLANCK check --base main -q" \
  -n git-floor-2x "bash $bench/git_floor.sh main feature"
cd "$root"

python3 "$bench/report.py" "$out" "$PLANCK" >"$out/results.md"
cat "$out/results.md"
