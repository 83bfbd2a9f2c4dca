#!/usr/bin/env bash
# The CI report formats end to end: SARIF, GitHub annotations and step summary, GitLab Code Quality
# and JUnit, on stdout and as --report files, from real repositories, each run through the shared
# validator (../shared/tools/validate-reports beside the repository) with no error and no warning.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

validator="$PLANCK_SOURCE_DIR/../shared/tools/validate-reports"
if [ ! -x "$validator" ]; then
  echo "SKIP report validation: $validator is absent (CI puts the shared tools beside the repository);" \
       "structure is still checked"
fi

# validate KIND FILE: the shared validator accepts FILE with no error and no warning. Skipped only when
# the validator is absent; a validator without its tools (`validate-reports setup`) is a failure.
validate() {
  local kind=$1 file=$2 report rc=0
  if [ ! -x "$validator" ]; then
    echo "    (skipped: validate-reports $kind, no validator)"
    return 0
  fi
  report=$("$validator" "$kind" "$file" 2>&1) || rc=$?
  if [ "$rc" -ne 0 ] || grep -qE ' warn |[1-9][0-9]* warning\(s\)' <<<"$report"; then
    printf '%s\n' "$report" >&2
    fail "validate-reports $kind rejected $file or warned about it (exit $rc)"
  fi
}

ODD="docs/development/plans/café 100%, plan.md"
ODD_URI="docs/development/plans/caf%C3%A9%20100%25%2C%20plan.md"

front_matter() {
  printf -- '---\ntitle: Café plan\nslug: cafe-plan\nstatus: "50%%: halfway, really"\nlast_synced: 2025-10-01\n---\n'
}

# A branch `work` whose range yields errors (timestamp-format, front-matter with a message holding
# `%`, `:` and `,`), a warning (last-synced) and a note (unused-suppression, after non-ASCII text)
# in a plan whose path has a space, a `%`, a comma and an `é`.
findings_repo() {
  new_repo repo
  write README.md "# Project"
  write "$ODD" "$(front_matter)
$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "Start the plan"
  git checkout -q -b work
  write "$ODD" "$(front_matter)
$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-02-30 10:00 UTC] Impossible day, café.
- [2025-10-30 10:00 UTC] Déjà vu <!-- planck-disable-next-line timestamp-format -->")"
  commit_at 2025-10-30T10:30:00Z "Log"
}

# A branch `work` that logs a well-formed entry in a registered plan: no findings.
clean_repo() {
  new_repo repo
  write PLANS.md "# Plans

## Active Plans

- [2025-10-30] Migrate storage – [Migrate storage](docs/development/plans/migrate-storage.md) – Ada – in-progress

## Completed Plans
"
  write docs/development/plans/migrate-storage.md "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "Start the plan"
  git checkout -q -b work
  write docs/development/plans/migrate-storage.md "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- [2025-10-30 10:00 UTC] Phase 1 done.")"
  commit_at 2025-10-30T10:30:00Z "Log"
}

# save FILE: writes the last run's stdout to FILE.
save() { printf '%s\n' "$out" >"$1"; }

case_sarif_on_stdout_is_valid_and_complete() {
  findings_repo
  run_planck check --base main --format sarif
  expect_status 1
  save "$case_dir/out.sarif"
  validate sarif "$case_dir/out.sarif"
  local rules
  rules=$("$PLANCK" rules | tail -n +2 | awk '{print $1}' | tr '\n' ' ')
  python3 - "$case_dir/out.sarif" "$ODD" "$ODD_URI" "$rules" "$PWD" <<'PY'
import json, sys, urllib.parse
sarif = json.load(open(sys.argv[1], encoding="utf-8"))
odd, odd_uri, rule_ids, root = sys.argv[2], sys.argv[3], set(sys.argv[4].split()), sys.argv[5]
run = sarif["runs"][0]
assert len(sarif["runs"]) == 1
assert run["automationDetails"]["id"] == "planck/", run["automationDetails"]
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + urllib.parse.quote(root) + "/", run["originalUriBaseIds"]
rules = run["tool"]["driver"]["rules"]
assert {r["id"] for r in rules} == rule_ids, ({r["id"] for r in rules}, rule_ids)
assert all(r["help"]["text"] and r["help"]["markdown"] for r in rules)
results = run["results"]
assert {r["level"] for r in results} == {"error", "warning", "note"}, [r["level"] for r in results]
for r in results:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"], r
    assert len(r["locations"]) == 1
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": odd_uri, "uriBaseId": "%SRCROOT%"}, loc
    assert urllib.parse.unquote(loc["artifactLocation"]["uri"]) == odd
    assert r["partialFingerprints"]["primaryLocationLineHash"], r
# The note sits after "Déjà vu ": its column counts UTF-16 units, not bytes.
lines = open(odd, encoding="utf-8").read().split("\n")
note = next(r for r in results if r["ruleId"] == "unused-suppression")
region = note["locations"][0]["physicalLocation"]["region"]
line = lines[region["startLine"] - 1]
prefix = line[: line.index("<!--")]
assert region["startColumn"] == len(prefix.encode("utf-16-le")) // 2 + 1, (region, prefix)
assert region["startColumn"] < len(prefix.encode("utf-8")) + 1
PY
  # The help GitHub shows for a rule is the one `planck explain` prints and docs/rules/ holds.
  python3 - "$case_dir/out.sarif" "$PLANCK" <<'PY'
import json, subprocess, sys
rules = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
for rule in rules:
    explain = lambda *args: subprocess.run([sys.argv[2], "explain", *args, rule["id"]], capture_output=True,
                                           text=True, check=True).stdout
    assert rule["help"]["text"] == explain(), rule["id"]
    assert explain("--markdown").endswith("-->\n\n" + rule["help"]["markdown"]), rule["id"]
PY
}

case_github_annotations_escape_paths_and_messages() {
  findings_repo
  run_planck check --base main --format github
  expect_status 1
  save "$case_dir/annotations.txt"
  validate annotations "$case_dir/annotations.txt"
  [ "$(grep -cv '^::' <<<"$out")" -eq 0 ] || fail "expected only workflow commands on stdout"
  expect_out "::error file=docs/development/plans/café 100%25%2C plan.md,line="
  expect_out "::warning file=docs/development/plans/café 100%25%2C plan.md,line=5,endLine=5,col=1,title=planck%3A last-synced::"
  expect_out "::notice file=docs/development/plans/café 100%25%2C plan.md,"
  expect_out "title=planck%3A front-matter::status '50%25: halfway, really' is not one of"
  expect_out "title=planck%3A timestamp-format::Progress entry timestamp '[2025-02-30 10:00 UTC]' is not a real date and time: "
  # Errors first, then warnings, then notices.
  [ "$(grep -o '^::[a-z]*' <<<"$out" | uniq | tr '\n' ' ')" = "::error ::warning ::notice " ] \
    || fail "expected errors, then warnings, then notices"
}

case_annotation_budget_holds_in_a_real_run() {
  local entries
  entries=$(printf -- '- undated %s\n' $(seq 1 14))
  new_repo repo
  write docs/development/plans/many.md "$(plan_text)"
  commit_at 2025-10-30T09:30:00Z "Start"
  git checkout -q -b work
  write docs/development/plans/many.md "$(plan_text "- [2025-10-30 09:00 UTC] Started.
$entries")"
  commit_at 2025-10-30T10:30:00Z "Undated entries"
  run_planck check --base main --format github
  expect_status 1
  save "$case_dir/annotations.txt"
  validate annotations "$case_dir/annotations.txt"
  [ "$(grep -c '^::error ' <<<"$out")" -eq 10 ] || fail "expected exactly 10 error annotations"
  [ "$(grep -c '^::notice ' <<<"$out")" -le 10 ] || fail "expected at most 10 notices"
  expect_out "::notice title=planck%3A more findings::"
  [ "$(tail -n 1 <<<"$out" | cut -c1-40)" = "::notice title=planck%3A more findings::" ] \
    || fail "expected the overflow notice last"
}

case_step_summary_is_appended_with_every_finding() {
  findings_repo
  local summary="$case_dir/summary.md"
  printf '# Output of an earlier tool\n' >"$summary"
  GITHUB_STEP_SUMMARY="$summary" run_planck check --base main --format github
  expect_status 1
  validate summary "$summary"
  local findings
  findings=$("$PLANCK" check --base main --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
  [ "$(head -n 1 "$summary")" = "# Output of an earlier tool" ] || fail "the summary overwrote earlier content"
  grep -q '^## planck$' "$summary" || fail "expected the summary heading"
  [ "$(grep -cE '^\| (error|warning|note) \| ' "$summary")" -eq "$findings" ] || fail "expected one table row per finding"
  grep -qF "| docs/development/plans/café 100%, plan.md:" "$summary" || fail "expected the path in the table"
  grep -qF "status '50%: halfway, really' is not one of" "$summary" || fail "expected the message in the table"
}

case_github_actions_without_format_prints_text_and_annotations() {
  findings_repo
  local summary="$case_dir/summary.md"
  GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$summary" run_planck check --base main
  expect_status 1
  save "$case_dir/stdout.txt"
  validate annotations "$case_dir/stdout.txt"
  validate summary "$summary"
  expect_out "$ODD:5:1: warning: last_synced is 2025-10-01"
  expect_out "::warning file=docs/development/plans/café 100%25%2C plan.md,line=5,"
  expect_err "planck: "
  [ "$(head -n 1 <<<"$out" | cut -c1-2)" != "::" ] || fail "expected the text lines before the annotations"
  grep -q '^| error | ' "$summary" || fail "expected the step summary"

  GITHUB_ACTIONS=true run_planck check --base main --format json
  expect_status 1
  python3 -c 'import json,sys; json.loads(sys.argv[1])' "$out" || fail "an explicit --format json must stay pure JSON"

  run_planck check --base main
  expect_no_out "::error"
}

case_gitlab_code_quality_is_valid() {
  findings_repo
  run_planck check --base main --format gitlab
  expect_status 1
  save "$case_dir/gl-code-quality.json"
  validate codequality "$case_dir/gl-code-quality.json"
  python3 - "$case_dir/gl-code-quality.json" "$ODD" <<'PY'
import json, re, sys
issues = json.load(open(sys.argv[1], encoding="utf-8"))
assert {i["severity"] for i in issues} == {"major", "minor", "info"}, issues
assert len({i["fingerprint"] for i in issues}) == len(issues)
assert all(re.fullmatch("[0-9a-f]{32}", i["fingerprint"]) for i in issues)
assert all(i["location"]["path"] == sys.argv[2] and i["location"]["lines"]["begin"] >= 1 for i in issues)
assert any(i["check_name"] == "timestamp-format" and i["description"].startswith("timestamp-format: ") for i in issues)
PY
}

case_junit_has_a_case_per_rule_and_file() {
  findings_repo
  run_planck check --base main --format junit
  expect_status 1
  save "$case_dir/junit.xml"
  validate junit "$case_dir/junit.xml"
  python3 - "$case_dir/junit.xml" "$ODD" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
odd = sys.argv[2]
assert root.tag == "testsuites"
suite = root.find("testsuite")
cases = suite.findall("testcase")
failing = [c for c in cases if c.find("failure") is not None]
assert int(suite.get("tests")) == len(cases) and int(suite.get("failures")) == len(failing)
assert len({(c.get("classname"), c.get("name")) for c in cases}) == len(cases)
by_rule = {c.get("classname"): c for c in cases if c.get("name") == odd}
assert by_rule["timestamp-format"].find("failure").get("type") == "error"
assert by_rule["last-synced"].find("failure").get("type") == "warning"
assert by_rule["unused-suppression"].find("failure").get("type") == "note"
assert by_rule["sections-required"].find("failure") is None, "a rule without findings is a passing case"
text = by_rule["front-matter"].find("failure").text
assert odd + ":4:1: error: status '50%: halfway, really'" in text, text
PY
}

case_every_format_works_as_a_report_file() {
  findings_repo
  local summary="$case_dir/summary.md"
  GITHUB_STEP_SUMMARY="$summary" run_planck check --base main \
    --report "sarif=$case_dir/r.sarif" --report "github=$case_dir/r.github" --report "gitlab=$case_dir/r.gitlab.json" \
    --report "junit=$case_dir/r.junit.xml" --report "json=$case_dir/r.json" --report "text=$case_dir/r.txt"
  expect_status 1
  expect_out "$ODD:5:1: warning: last_synced"
  expect_no_out "::error"
  [ "$out" = "$(cat "$case_dir/r.txt")" ] || fail "the text report file should match stdout"
  validate sarif "$case_dir/r.sarif"
  validate annotations "$case_dir/r.github"
  validate codequality "$case_dir/r.gitlab.json"
  validate junit "$case_dir/r.junit.xml"
  validate summary "$summary"
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["summary"]["warnings"] == 1' "$case_dir/r.json" \
    || fail "expected the JSON report"
  grep -q '^::error file=' "$case_dir/r.github" || fail "expected annotations in the github report"
  # A JUnit report asked for only as a file still lists the rules that passed, not just the failures.
  python3 - "$case_dir/r.junit.xml" <<'PY' || fail "expected passing test cases in the JUnit report file"
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
assert int(suite.get("tests")) > int(suite.get("failures")) > 0, suite.attrib
PY
}

case_clean_run_reports_are_valid() {
  clean_repo
  local summary="$case_dir/summary.md"
  for format in sarif gitlab junit github; do
    GITHUB_STEP_SUMMARY="$summary" run_planck check --base main --format "$format"
    expect_status 0
    save "$case_dir/clean.$format"
  done
  validate sarif "$case_dir/clean.sarif"
  validate codequality "$case_dir/clean.gitlab"
  validate junit "$case_dir/clean.junit"
  validate summary "$summary"
  [ -z "$(cat "$case_dir/clean.github")" ] || fail "expected no annotations for a clean run"
  grep -qF "**No findings** in 1 file checked" "$summary" || fail "expected a clean step summary"
  python3 - "$case_dir" <<'PY'
import json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
assert json.load(open(d + "/clean.sarif"))["runs"][0]["results"] == []
assert json.load(open(d + "/clean.gitlab")) == []
suite = ET.parse(d + "/clean.junit").getroot().find("testsuite")
assert int(suite.get("tests")) > 0 and suite.get("failures") == "0", suite.attrib
PY
}

case_sarif_fingerprints_survive_unrelated_line_moves() {
  new_repo repo
  write docs/development/plans/moving.md "$(plan_text "- [2025-10-30 09:00 UTC] Started.
- undated")"
  commit_at 2025-10-30T09:30:00Z "Plan"
  run_planck check --all --format sarif
  expect_status 1
  save "$case_dir/before.sarif"
  plan_text "- [2025-10-30 09:00 UTC] Started.
- undated" | sed 's/^Move the catalog to Postgres\.$/Move the catalog to Postgres.\n\nThree more lines\nof context\nabove./' \
    >docs/development/plans/moving.md
  commit_at 2025-10-30T09:40:00Z "More context"
  run_planck check --all --format sarif
  expect_status 1
  save "$case_dir/after.sarif"
  python3 - "$case_dir/before.sarif" "$case_dir/after.sarif" <<'PY'
import json, sys
def entry(path):
    results = json.load(open(path))["runs"][0]["results"]
    r = next(r for r in results if r["ruleId"] == "timestamp-format")
    return r["locations"][0]["physicalLocation"]["region"]["startLine"], r["partialFingerprints"]["primaryLocationLineHash"]
(line_before, hash_before), (line_after, hash_after) = entry(sys.argv[1]), entry(sys.argv[2])
assert line_after == line_before + 4, (line_before, line_after)
assert hash_before == hash_after, (hash_before, hash_after)
PY
}

case_golden_files_pass_the_validator() {
  local golden="$PLANCK_SOURCE_DIR/tests/golden"
  status=0 out="" err=""
  validate annotations "$golden/report.github.txt"
  validate summary "$golden/report.summary.md"
  validate codequality "$golden/report.gitlab.json"
  validate junit "$golden/report.junit.xml"
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
