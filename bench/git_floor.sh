#!/usr/bin/env bash
# The git floor of a diff-aware check: the least any tool that checks a range's changed files
# must do with git itself. List the range's changes as a pull request sees them (merge base,
# renames followed), then read every changed blob, base and head side, through one
# `git cat-file --batch` process. Run inside the repository.
#
#   bench/git_floor.sh [BASE] [HEAD]        (defaults: main feature)
set -euo pipefail
base=${1:-main}
head=${2:-feature}
merge_base=$(git merge-base "$base" "$head")
git diff --name-status -M "$base...$head" |
  awk -F'\t' -v b="$merge_base" -v h="$head" '
    $1 ~ /^A/    { print h ":" $2; next }
    $1 ~ /^D/    { print b ":" $2; next }
    $1 ~ /^[RC]/ { print b ":" $2; print h ":" $3; next }
                 { print b ":" $2; print h ":" $2 }' |
  git cat-file --batch >/dev/null
