#!/usr/bin/env bash
# Hostile repositories, as a pull request from a fork may bring them: every case ends in a finding
# or one clear error line, in bounded time, with nothing written.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PLANS=docs/development/plans

base_repo() {
  new_repo repo
  write README.md "# Project"
  commit_at 2025-10-30T09:00:00Z "Initial"
  git checkout -q -b work
}

# check_bounded SECONDS ARGS…: runs planck check under a time limit; a time-out is a failure.
check_bounded() {
  local limit=$1
  shift
  local out_file="$case_dir/.stdout" err_file="$case_dir/.stderr"
  status=0
  timeout "$limit" "$PLANCK" check "$@" >"$out_file" 2>"$err_file" || status=$?
  out=$(cat "$out_file")
  err=$(cat "$err_file")
  [ "$status" -ne 124 ] || fail "planck check took more than ${limit}s"
  [ "$status" -lt 128 ] || fail "planck check died with signal $((status - 128))"
}

case_symlinked_plan_is_not_followed() {
  base_repo
  echo "secret outside the repository" >"$case_dir/outside.md"
  mkdir -p "$PLANS"
  ln -s "$case_dir/outside.md" "$PLANS/link.md"
  commit_at 2025-10-30T10:00:00Z "A plan that is a symlink"
  check_bounded 20 --base main
  expect_status 1
  expect_out "$PLANS/link.md:1:1: error: is not a regular file at head (a symbolic link"
  expect_no_out "secret"
  check_bounded 20 --base main --worktree
  expect_status 1
  expect_no_out "secret"
}

# peak_rss_kib ARGS…: runs planck ARGS… and prints its peak resident set size in KiB.
peak_rss_kib() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$PLANCK" "$@"
}

case_huge_plan_is_a_finding_not_a_stall() {
  base_repo
  mkdir -p "$PLANS"
  write "$PLANS/small.md" "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "A plan of ordinary size"
  local small_rss
  small_rss=$(peak_rss_kib check --base main)
  { plan_text; head -c 52428800 /dev/zero | tr '\0' 'a'; } >"$PLANS/huge.md"
  commit_at 2025-10-30T10:00:00Z "A 50 MB plan"
  check_bounded 60 --base main
  expect_status 1
  expect_out "$PLANS/huge.md:1:1: error: is 5"
  expect_out "limits.max_document_bytes"
  # The size comes from git's object header (and the file system, with --worktree): the 50 MB
  # are never read, so the peak stays near an ordinary run's, where reading them would add 50 MB.
  local huge_rss worktree_rss
  huge_rss=$(peak_rss_kib check --base main)
  worktree_rss=$(peak_rss_kib check --base main --worktree)
  echo "    peak RSS: ordinary plan ${small_rss} KiB; 50 MB plan ${huge_rss} KiB; with --worktree ${worktree_rss} KiB"
  [ "$huge_rss" -lt $((small_rss + 20480)) ] || fail "the 50 MB plan was read: peak RSS ${huge_rss} KiB"
  [ "$worktree_rss" -lt $((small_rss + 20480)) ] || fail "the 50 MB plan was read: peak RSS ${worktree_rss} KiB"
}

case_hundred_thousand_entries_are_bounded() {
  base_repo
  mkdir -p "$PLANS"
  python3 - >"$PLANS/long.md" <<'PY'
print("# Long\n\n## Progress\n")
for i in range(100000):
    print(f"- [2025-10-30 {i // 60 % 24:02d}:{i % 60:02d} UTC] entry {i}")
PY
  commit_at 2025-10-30T10:00:00Z "A plan with 100,000 entries"
  check_bounded 60 --base main
  expect_status 1
  expect_out "limits.max_elements"
  printf 'limits:\n  max_elements: 1000000\n' >planck.yaml
  check_bounded 60 --base main
  expect_status 1
  expect_out "limits.max_entries"
  printf 'limits:\n  max_entries: 200000\n  max_elements: 1000000\n' >planck.yaml
  check_bounded 120 --base main
  expect_status 1
  expect_out "[timestamps-monotonic]"
}

# An 8 MB plan of `- x` lines took 1.7 GiB in the parser before the entry limit rejected it; a
# 400 KB table 36 s in the table extension (its time is the square of the columns). Both are
# measured from the bytes and refused before parsing.
case_parser_bombs_are_refused_before_parsing() {
  base_repo
  mkdir -p "$PLANS"
  write "$PLANS/small.md" "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "A plan of ordinary size"
  local small_rss
  small_rss=$(peak_rss_kib check --base main)
  python3 -c 'import sys; sys.stdout.write("# Long\n\n## Notes\n\n" + "- x\n" * 2000000)' >"$PLANS/items.md"
  python3 -c 'import sys
row = "|" + "|".join(["a"] * 50000) + "|\n"
sys.stdout.write("# Wide\n\n" + row.replace("a", "-") + row * 3)' >"$PLANS/wide.md"
  python3 -c 'import sys
row = "|" + "|".join(["a"] * 201) + "|\n"
sys.stdout.write("# Wide\n\n" + row + row.replace("a", "-") + row * 3)' >"$PLANS/wide-201.md"
  commit_at 2025-10-30T10:00:00Z "Parser bombs"
  check_bounded 60 --base main
  expect_status 1
  expect_out "$PLANS/items.md:1:1: error: has about 6000002 Markdown elements, over the limit of 200000 (limits.max_elements); not parsed [invalid-document]"
  expect_out "$PLANS/wide.md:1:1: error: has about"
  expect_out "$PLANS/wide-201.md:1:1: error: has a table of 201 columns, over the limit of 200 (limits.max_table_columns); not parsed [invalid-document]"
  local bombs_rss
  bombs_rss=$(peak_rss_kib check --base main)
  echo "    peak RSS: ordinary plan ${small_rss} KiB; 8 MB of list items and two wide tables ${bombs_rss} KiB"
  # The 8 MB are read (they are under max_document_bytes) but not parsed: parsing them took 1.7 GiB.
  # Read, they cost 10-15 MB here and up to 80 MB under ThreadSanitizer's shadow memory.
  [ "$bombs_rss" -lt $((small_rss + 262144)) ] || fail "the bombs were parsed: peak RSS ${bombs_rss} KiB"
  printf 'limits:\n  max_table_columns: 300\n' >planck.yaml
  check_bounded 60 --base main --worktree
  expect_no_out "wide-201.md:1:1: error: has a table"
  expect_out "wide-201.md:1:1: error: has 0 of the 13 sections"   # parsed and checked
}

# libgit2 1.5 loops forever inflating a truncated loose object, where git fails at once: the
# object is read with its bounds checked, and the check stops naming the file.
case_truncated_or_corrupt_loose_object_is_exit_2() {
  base_repo
  mkdir -p "$PLANS"
  { plan_text; python3 -c 'import random; random.seed(1); print("".join("- note %d %x\n" % (i, random.getrandbits(64)) for i in range(2000)))'; } >"$PLANS/p.md"
  commit_at 2025-10-30T09:30:00Z "A plan"
  git branch -q -f main HEAD
  printf '\n- one more\n' >>"$PLANS/p.md"
  commit_at 2025-10-30T10:00:00Z "More"
  local object file
  object=$(git rev-parse "main:$PLANS/p.md")
  file=".git/objects/${object:0:2}/${object:2}"
  [ -f "$file" ] || fail "the base's plan is not a loose object"
  cp "$file" "$case_dir/object"
  chmod u+w "$file"
  truncate -s 1000 "$file"
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err "cannot read $PLANS/p.md at"
  expect_err "is damaged: the loose object file is truncated"
  # The same length, its middle overwritten: corrupt, not truncated.
  cp "$case_dir/object" "$file"
  printf 'garbage garbage garbage' | dd of="$file" bs=1 seek=500 conv=notrunc status=none
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err "is damaged: the loose object file"
  # The same for a commit: libgit2 reads those itself, and looped just the same.
  cp "$case_dir/object" "$file"
  local commit
  commit=$(git rev-parse main)
  file=".git/objects/${commit:0:2}/${commit:2}"
  [ -f "$file" ] || fail "main's commit is not a loose object"
  chmod u+w "$file"
  truncate -s 20 "$file"
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err "cannot read revision 'main': the loose object file is truncated (the repository is damaged"
}

# A repository with one registered plan and a CHANGELOG on main, branch `work` checked out.
registered_repo() {
  new_repo repo
  mkdir -p "$PLANS"
  write "$PLANS/p.md" "$(plan_text)"
  write PLANS.md "$(registry_text "$PLANS/p.md")"
  write CHANGELOG.md "# Changelog"
  commit_at 2025-10-30T09:30:00Z "A registered plan"
  git checkout -q -b work
}

case_all_reports_symlinked_plans_and_crosslinks() {
  registered_repo
  echo "secret outside the repository" >"$case_dir/outside.md"
  rm "$PLANS/p.md" CHANGELOG.md
  ln -s "$case_dir/outside.md" "$PLANS/p.md"
  ln -s "$case_dir/outside.md" CHANGELOG.md
  commit_at 2025-10-30T10:00:00Z "Links where documents were"
  git checkout -q main
  git reset -q --hard work   # --all on a branch the links are on, with no range to judge
  check_bounded 20 --all
  expect_status 1
  expect_out "$PLANS/p.md:1:1: error: is not a regular file at head (a symbolic link"
  expect_out "CHANGELOG.md:1:1: error: is not a regular file at head (a symbolic link"
  expect_no_out "secret"
}

case_plan_replaced_by_a_folder_is_a_finding() {
  registered_repo
  git rm -q "$PLANS/p.md"
  mkdir -p "$PLANS/p.md"
  write "$PLANS/p.md/notes.txt" "notes"
  commit_at 2025-10-30T10:00:00Z "A folder where the plan was"
  check_bounded 20 --base main
  expect_status 1
  expect_out "PLANS.md:5:22: error: registry entry links to '$PLANS/p.md', which this range replaced with a folder; remove the entry or restore the plan [registry-entry]"
  check_bounded 20 --all
  expect_status 1
  expect_out "PLANS.md:5:22: error: registry entry links to '$PLANS/p.md', which is a folder at head, not a plan file [registry-entry]"
}

# A damaged object is not a missing one: no fetch mends it, and the message says so.
case_damaged_commit_is_named_not_sent_to_fetch() {
  registered_repo
  write "$PLANS/p.md" "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] More.")"
  commit_at 2025-10-30T10:00:00Z "More"
  local commit file
  commit=$(git rev-parse main)
  file=".git/objects/${commit:0:2}/${commit:2}"
  [ -f "$file" ] || fail "main's commit is not a loose object"
  chmod u+w "$file"
  printf 'XXXXXXXXXXXXXXXXXXXX' | dd of="$file" bs=1 seek=40 conv=notrunc status=none
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err "cannot read revision 'main'"
  expect_err "the repository is damaged"
  grep -qF "fetch" <<<"$err" && fail "a damaged commit was taken for a missing one"
  true
}

# A tree the history walk cannot read (lost from the store, as a damaged or treeless clone has it)
# is an error: read as an absent folder, it made an unchanged plan look edited by the newest commit.
case_lost_folder_tree_inside_the_range_is_exit_2() {
  registered_repo
  local front="---
title: Migrate storage
slug: p
status: in-progress
last_synced: 2025-10-30
---
"
  write "$PLANS/p.md" "$front$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] More.")"
  commit_at 2025-10-30T10:00:00Z "More"
  local first lost
  first=$(git rev-parse HEAD)
  write "$PLANS/notes.txt" "not a plan"
  commit_at 2025-10-31T10:00:00Z "Notes beside the plans"
  lost=$(git rev-parse "$first:$PLANS")
  rm -f ".git/objects/${lost:0:2}/${lost:2}"
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err "cannot read folder $PLANS (tree ${lost:0:12})"
}

case_fifty_thousand_trailers_are_quoted_in_brief() {
  base_repo
  git checkout -q main
  write "$PLANS/p.md" "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "A plan"
  git checkout -q work
  git merge -q --ff-only main
  local i
  for i in $(seq 1 40); do write "src/f$i.c" "int f$i;"; done
  python3 - >"$case_dir/message" <<'PY'
print("Forty files\n")
for i in range(25000):
    print(f"Plan: no-such-plan-{i}")
    print(f"Plan-Exempt: reason {i}")
PY
  git add -A
  git commit -q -F "$case_dir/message"
  check_bounded 120 --base main
  expect_status 0
  expect_out "[plan-required]"
  expect_out "; and 24997 more \`Plan:\` trailers that did not count"
  expect_out "\`Plan-Exempt: reason 2\` and 24997 more"
  local longest
  longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' <<<"$out")
  [ "$longest" -lt 2000 ] || fail "a line of $longest characters"
}

case_deep_nesting_does_not_crash() {
  base_repo
  mkdir -p "$PLANS"
  python3 - >"$PLANS/deep.md" <<'PY'
print("# Deep\n\n## Progress\n")
print("- " * 10000 + "x\n")
print("> " * 10000 + "quote\n")
print("> - " * 5000 + "both")
PY
  commit_at 2025-10-30T10:00:00Z "Deep nesting"
  check_bounded 60 --base main
  expect_status 1
  expect_out "[sections-required]"
}

case_thousands_of_broken_anchors_stay_linear() {
  base_repo
  mkdir -p "$PLANS"
  python3 - >"$PLANS/anchors.md" <<'PY'
print("# Anchors\n\n## Progress\n")
for i in range(20000):
    print(f"<b>[a](#nope{i})</b> and [b](missing-{i}.md)\n")
PY
  commit_at 2025-10-30T10:00:00Z "20,000 broken anchors and links"
  check_bounded 60 --base main
  expect_status 1
  expect_out "[links-resolve]"
}

case_nul_bytes_and_invalid_utf8() {
  base_repo
  mkdir -p "$PLANS"
  printf '# Plan\n\n## Progress\n\n- [2025-10-30 09:00 UTC] ok\0bad\n' >"$PLANS/nul.md"
  printf '# Plan\n\n## Progress\n\n- [2025-10-30 09:00 UTC] caf\xe9\n' >"$PLANS/latin1.md"
  commit_at 2025-10-30T10:00:00Z "Bad bytes"
  check_bounded 20 --base main --format json
  expect_status 1
  python3 -c 'import json,sys; json.loads(sys.argv[1])' "$out" || fail "JSON output is not valid JSON"
  check_bounded 20 --base main
  expect_out "$PLANS/nul.md:5:"
  expect_out "[invalid-document]"
  expect_out "$PLANS/latin1.md:5:"
}

case_bom_crlf_and_lone_cr() {
  base_repo
  mkdir -p "$PLANS"
  { printf '\xef\xbb\xbf'; plan_text "- [2025-10-30 09:00 UTC] a
- undated"; } >"$PLANS/bom.md"
  plan_text "- [2025-10-30 09:00 UTC] a
- undated" | sed 's/$/\r/' >"$PLANS/crlf.md"
  plan_text "- [2025-10-30 09:00 UTC] a
- undated" | tr '\n' '\r' >"$PLANS/cr.md"
  commit_at 2025-10-30T10:00:00Z "Line endings"
  check_bounded 20 --base main
  expect_status 1
  expect_out "$PLANS/bom.md:22:3: error: Progress entry has no timestamp"
  expect_out "$PLANS/crlf.md:22:3: error: Progress entry has no timestamp"
  expect_out "$PLANS/cr.md:22:3: error: Progress entry has no timestamp"
}

case_non_utf8_file_name() {
  base_repo
  mkdir -p "$PLANS"
  plan_text "- undated" >"$PLANS/$(printf 'caf\xe9').md"
  commit_at 2025-10-30T10:00:00Z "A Latin-1 file name"
  check_bounded 20 --base main --format json
  expect_status 1
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["findings"], d' "$out" \
    || fail "JSON output with a non-UTF-8 path is not valid"
}

case_submodule_where_a_plan_should_be() {
  base_repo
  new_repo sub
  write x.md "# Sub"
  commit_at 2025-10-30T09:00:00Z "Sub"
  cd "$case_dir/repo"
  git -c protocol.file.allow=always submodule --quiet add "$case_dir/sub" "$PLANS/sub.md" 2>/dev/null
  commit_at 2025-10-30T10:00:00Z "A submodule named like a plan"
  check_bounded 20 --base main
  expect_status 1
  expect_out "$PLANS/sub.md:1:1: error: is not a regular file at head"
}

case_lfs_pointer_where_a_plan_should_be() {
  base_repo
  write "$PLANS/lfs.md" "version https://git-lfs.github.com/spec/v1
oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393
size 12345
"
  commit_at 2025-10-30T10:00:00Z "An LFS pointer"
  check_bounded 20 --base main
  expect_status 1
  expect_out "$PLANS/lfs.md:1:1: error: is a Git LFS pointer"
}

case_deleted_plan() {
  base_repo
  git checkout -q main
  write "$PLANS/gone.md" "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "A plan"
  git checkout -q work
  git merge -q --ff-only main
  git rm -q "$PLANS/gone.md"
  commit_at 2025-10-30T10:00:00Z "Delete it"
  check_bounded 20 --base main
  [ "$status" -le 1 ] || fail "exit status $status for a deleted plan"
}

case_empty_repository() {
  new_repo empty
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  check_bounded 20 --all
  expect_status 2
  expect_one_line_err
}

case_detached_head_and_base_equal_to_head() {
  base_repo
  write "$PLANS/p.md" "$(plan_text)"
  write PLANS.md "$(registry_text "$PLANS/p.md")"
  commit_at 2025-10-30T10:00:00Z "Plan"
  git checkout -q --detach HEAD
  check_bounded 20 --base main
  expect_status 0
  check_bounded 20 --base HEAD
  expect_status 0
  expect_err "no findings in 0 files checked"
}

case_config_cycles_and_bombs() {
  base_repo
  printf 'extends: ./planck.yaml\n' >planck.yaml
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err "cycle"
  python3 - >planck.yaml <<'PY'
print('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')
for i in range(1, 10):
    prev = chr(ord('a') + i - 1)
    cur = chr(ord('a') + i)
    print(f'{cur}: &{cur} [' + ",".join(["*" + prev] * 9) + ']')
PY
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  python3 -c 'print("# " + "x" * 2097152)' >planck.yaml
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  head -c 900000 /dev/zero | tr '\0' '[' >planck.yaml
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
}

case_config_that_is_a_dangling_link_or_a_loop_is_exit_2() {
  base_repo
  mkdir -p "$PLANS"
  plan_text >"$PLANS/p.md"
  commit_at 2025-10-30T10:00:00Z "A plan"
  ln -s missing.yaml planck.yaml
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err "planck.yaml"
  rm planck.yaml
  ln -s .planck.yaml .planck.yaml
  check_bounded 20 --base main
  expect_status 2
  expect_one_line_err
  expect_err ".planck.yaml"
}

case_check_writes_nothing_on_hostile_input() {
  base_repo
  mkdir -p "$PLANS"
  printf '# Plan\0\n' >"$PLANS/nul.md"
  ln -s /etc/passwd "$PLANS/passwd.md"
  commit_at 2025-10-30T10:00:00Z "Hostile"
  local before after
  before=$( (cd .git && find . -type f -print0 | sort -z | xargs -0 sha1sum); git status --porcelain)
  check_bounded 20 --base main --worktree --report "json=$case_dir/r.json"
  check_bounded 20 --all
  after=$( (cd .git && find . -type f -print0 | sort -z | xargs -0 sha1sum); git status --porcelain)
  [ "$before" = "$after" ] || fail "the repository changed during check"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
