#!/usr/bin/env bash
# A scenario's git floor: the least work with git's own plumbing that a correct answer needs.
# Run inside the repository.
#
#   bench/scenario_floor.sh diff BASE HEAD [--screen PATH…]
#       the range's changes with renames followed (`git diff --raw -M`, which names the blobs),
#       then the changed Markdown blobs, base and head side, by object id through one
#       `git cat-file --batch`; with --screen also one `git grep` over the Markdown files under
#       the PATHs at HEAD for the changed documents' file names: the documents that may link into
#       them. The names go in as one extended regular expression of alternatives: `git grep -F`
#       with many patterns tries each in turn and took 2.5 times as long on 500 names.
#   bench/scenario_floor.sh all HEAD PATH…
#       every Markdown blob under the PATHs at HEAD, by object id through one `git cat-file --batch`.
set -euo pipefail
mode=$1
shift
case $mode in
diff)
  base=$1 head=$2 screen=${3:-}
  shift 2
  [ $# -eq 0 ] || shift
  merge_base=$(git merge-base "$base" "$head")
  changes=$(git diff --raw -M --no-abbrev "$merge_base" "$head" -- '*.md')
  # `:mode mode old-id new-id status<TAB>path[<TAB>path]`; an all-zero id is a side that is absent.
  awk '{ if ($3 !~ /^0+$/) print $3; if ($4 !~ /^0+$/) print $4 }' <<<"$changes" | git cat-file --batch >/dev/null
  if [ "$screen" = --screen ]; then
    # The changed documents' file names (base side), dots escaped, as one alternation.
    names=$(cut -f2 <<<"$changes" | sed 's|.*/||; s|[.]|\\.|g' | sort -u | paste -sd'|')
    git grep -l -E -e "$names" "$head" -- "$@" >/dev/null || true
  fi
  ;;
all)
  head=$1
  shift
  git ls-tree -r "$head" -- "$@" | awk -F'\t' '$2 ~ /\.md$/ { split($1, f, " "); print f[3] }' |
    git cat-file --batch >/dev/null
  ;;
*) echo "scenario_floor.sh: unknown mode '$mode' (diff or all)" >&2; exit 2 ;;
esac
