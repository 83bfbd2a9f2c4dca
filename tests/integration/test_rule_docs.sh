#!/usr/bin/env bash
# docs/rules/ID.md is generated from the same source as `planck explain`: the two never drift.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case_every_rule_has_a_current_page() {
  run_planck rules --write-docs "$case_dir/pages"
  expect_status 0
  local ids
  ids=$("$PLANCK" rules | tail -n +2 | awk '{print $1}')
  local id
  for id in $ids; do
    [ -f "$PLANCK_SOURCE_DIR/docs/rules/$id.md" ] || fail "docs/rules/$id.md is missing; run ci/rule-docs"
    diff -u "$PLANCK_SOURCE_DIR/docs/rules/$id.md" "$case_dir/pages/$id.md" >&2 \
      || fail "docs/rules/$id.md is out of date; run ci/rule-docs"
  done
  local page
  for page in "$PLANCK_SOURCE_DIR"/docs/rules/*.md; do
    grep -qx "$(basename "$page" .md)" <<<"$ids" || fail "$page documents no rule"
  done
}

case_every_rule_is_explained_with_examples() {
  local id
  for id in $("$PLANCK" rules | tail -n +2 | awk '{print $1}'); do
    run_planck explain "$id"
    expect_status 0
    expect_out "How to fix"
    expect_out "Fails"
    expect_out "Passes"
  done
}

case_readme_lists_every_rule_with_its_page() {
  local id
  for id in $("$PLANCK" rules | tail -n +2 | awk '{print $1}'); do
    grep -qF "[\`$id\`](docs/rules/$id.md)" "$PLANCK_SOURCE_DIR/README.md" \
      || fail "README.md does not link rule $id to docs/rules/$id.md"
  done
}

if [ $# -gt 0 ]; then
  run_cases "$@"
else
  mapfile -t cases < <(all_cases)
  run_cases "${cases[@]}"
fi
