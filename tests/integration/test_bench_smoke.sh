#!/usr/bin/env bash
# The benchmark's repository generator (bench/generate.py), in its tiny configuration: planck finds
# the clean repository clean and the injected violations as findings, and the generator is
# reproducible; bench/scenarios.sh in its tiny size, every scenario finding what it injected; and
# bench/range_sizes.sh in its tiny size.
# No time is asserted: the benchmark itself is bench/run.sh, the scenarios bench/scenarios.sh.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TINY=(--files 300 --plans 30 --commits 3 --changed-plans 10 --changed-files 20)

# generate NAME [generate.py args…]: a tiny benchmark repository in the case folder; changes into it.
generate() {
  local name=$1
  shift
  python3 "$PLANCK_SOURCE_DIR/bench/generate.py" "$case_dir/$name" "${TINY[@]}" "$@" >"$case_dir/$name.json"
  cd "$case_dir/$name" || return 1
}

case_clean_repository_passes() {
  generate clean
  [ "$(git rev-parse --abbrev-ref HEAD)" = feature ] || fail "expected the work tree at feature"
  [ "$(git rev-list --count main..feature)" -eq 3 ] || fail "expected 3 commits in the range"
  [ "$(git diff --name-only main...feature -- docs/development/plans | wc -l)" -eq 10 ] || fail "expected 10 changed plans"
  [ "$(git ls-files docs/development/plans | wc -l)" -eq 31 ] || fail "expected 30 plans and the plans README"
  run_planck check --base main
  expect_status 0
  expect_out_empty
  expect_err "no findings in"
  run_planck check --all
  expect_status 0
  expect_out_empty
}

case_injected_violations_are_found() {
  generate injected --inject
  run_planck check --base main
  expect_status 1
  expect_out "Progress entry was edited; logs are append-only"
  expect_out "[log-append-only]"
  expect_out "'[2025-02-30 10:00 UTC]' is not a real date and time"
  expect_out "goes backwards"
  expect_out "missing section '## Idempotence and Recovery'"
  run_planck check --all
  expect_status 1
  expect_out "[sections-required]"
}

case_generator_is_reproducible_and_keeps_the_range_when_the_tree_grows() {
  generate first
  local head
  head=$(git rev-parse feature)
  generate second
  [ "$(git rev-parse feature)" = "$head" ] || fail "the same seed gave a different repository"
  generate other --seed 2
  [ "$(git rev-parse feature)" != "$head" ] || fail "another seed gave the same repository"
  generate larger --files 600
  [ "$(git ls-files | wc -l)" -gt "$(cd "$case_dir/first" && git ls-files | wc -l)" ] || fail "expected a larger tree"
  [ "$(git diff --name-status main...feature)" = "$(cd "$case_dir/first" && git diff --name-status main...feature)" ] ||
    fail "a larger tree changed the range"
}

case_generator_refuses_to_overwrite() {
  generate once
  cd "$case_dir" || return 1
  status=0
  python3 "$PLANCK_SOURCE_DIR/bench/generate.py" "$case_dir/once" "${TINY[@]}" >/dev/null 2>"$case_dir/err" || status=$?
  err=$(cat "$case_dir/err")
  out=""
  [ "$status" -ne 0 ] || fail "expected the generator to refuse an existing directory"
  expect_err "--force"
}

# The scenarios of bench/scenarios.sh in their tiny size: every scenario gets a row, and planck
# reports exactly what each one injected (a scenario that misses makes the script exit 1).
case_scenarios_find_what_they_inject_and_report_every_row() {
  status=0
  bash "$PLANCK_SOURCE_DIR/bench/scenarios.sh" --scenario-size tiny --runs 2 --out "$case_dir/scenarios" \
    >"$case_dir/.stdout" 2>"$case_dir/.stderr" || status=$?
  out=$(cat "$case_dir/.stdout")
  err=$(cat "$case_dir/.stderr")
  expect_status 0
  expect_out "| scenario | planck (ms) | floor (ms) | planck / floor | planck peak RSS (MiB) | findings |"
  local name row
  for name in baseline rename-heading rename-delete long-branch large-tree-diff large-tree-all pack-gc pack-fast-import; do
    row=$(grep -F "| $name |" <<<"$out") || fail "no row for scenario $name" || return 1
    case $name in
    rename-heading)
      for rule in sections-required log-append-only links-resolve; do
        grep -qF "$rule" <<<"$row" || fail "rename-heading: expected $rule in: $row" || return 1
      done
      ;;
    rename-delete)
      for rule in links-resolve plan-completion; do
        grep -qF "$rule" <<<"$row" || fail "rename-delete: expected $rule in: $row" || return 1
      done
      ;;
    *) grep -qF "clean, as generated" <<<"$row" || fail "$name: expected no findings in: $row" || return 1 ;;
    esac
  done
  expect_no_out "MISSED"
}

# bench/range_sizes.sh in its tiny size: a row for each range, each with the check's median, the
# phases -v printed and a peak RSS.
case_range_sizes_report_every_range_with_its_phases() {
  status=0
  bash "$PLANCK_SOURCE_DIR/bench/range_sizes.sh" --size tiny --runs 2 --out "$case_dir/sizes" \
    >"$case_dir/.stdout" 2>"$case_dir/.stderr" || status=$?
  out=$(cat "$case_dir/.stdout")
  err=$(cat "$case_dir/.stderr")
  expect_status 0
  expect_out "| range | check | range read | rules | last-synced | links-resolve | peak RSS |"
  local label row
  for label in "3 commits, 10 plans and 150 files" "30 commits, 10 plans and 150 files" \
               "300 commits, 10 plans and 150 files" "3 commits, 10 plans and 15 files" \
               "3 commits, 10 plans and 1500 files"; do
    row=$(grep -F "| $label changed |" <<<"$out") || fail "no row for: $label" || return 1
    grep -qE '^\| [^|]+ \| [0-9]+ ms \| [0-9]+ ms \| [0-9]+ ms \| [0-9]+ ms \| [0-9]+ ms \| [1-9][0-9]* MiB \|$' <<<"$row" ||
      fail "a figure is missing in: $row" || return 1
  done
  [ "$(grep -c '^| [0-9]' <<<"$out")" -eq 5 ] || fail "expected 5 rows, got: $out"
}

case_scenario_check_fails_when_an_injected_finding_is_missing() {
  generate heading --rename-heading
  run_planck check --base main -q
  expect_status 1
  grep -v "\[links-resolve\]" <<<"$out" >"$case_dir/findings.txt"
  status=0
  out=$(python3 "$PLANCK_SOURCE_DIR/bench/scenario_report.py" check "$case_dir/heading.json" "$case_dir/findings.txt") || status=$?
  expect_status 1
  expect_out "MISSED: rules found ['log-append-only', 'sections-required'], injected ['links-resolve', 'log-append-only', 'sections-required']"
  status=0
  out=$(python3 "$PLANCK_SOURCE_DIR/bench/scenario_report.py" check "$case_dir/heading.json" "$case_dir/.stdout") || status=$?
  expect_status 0
  expect_out "found: links-resolve ×1"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
