#!/usr/bin/env bash
# The command line itself (issue 11 C1): global flags anywhere, did-you-mean
# for unknown commands and flags, and an example in every command's --help.
source "$(dirname "$0")/lib.sh"

genops init demo >/dev/null

case_ "--project and --store work after the subcommand"
run genops prompt add demo/prompts/support-answer.yaml -m first --project demo
expect_exit 0
run genops prompt list --project demo
expect_exit 0; expect_out_contains "support-answer"
run genops --project demo prompt list
expect_exit 0; expect_out_contains "support-answer"
run genops prompt add demo/prompts/support-answer.yaml -m first --project demo --store other.db
expect_exit 0
expect_file demo/other.db  # relative to the project, as before the subcommand
run genops store info --store other.db --project demo --json
expect_exit 0; expect_out_contains "demo/other.db"

case_ "an unknown command: did you mean"
run genops evl demo/evals/x.yaml
expect_exit 2
expect_err_contains 'genops: error: unknown command "evl"'
expect_err_contains 'hint: did you mean `genops eval`?'
run genops prompt lst --project demo
expect_exit 2
expect_err_contains 'genops: error: unknown command "lst"'
expect_err_contains 'hint: did you mean `genops prompt list`?'

case_ "an unknown flag: did you mean"
run genops prompt add demo/prompts/support-answer.yaml --labels main --project demo
expect_exit 2
expect_err_contains 'hint: did you mean --label?'
run genops prompt list --projct demo
expect_exit 2
expect_err_contains 'hint: did you mean --project?'

case_ "every command's --help has its own example"
# Walks the command tree from `genops --help`: each command's help lists its
# subcommands under "Subcommands:"; every one must show an example of itself
# (CLI11 hands a parent's footer down, so "Example:" alone proves nothing).
subcommands() {
  "$GENOPS_BIN" "$@" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}'
}
visited=0
walk() {
  local sub
  for sub in $(subcommands "$@"); do
    run genops "$@" "$sub" --help
    visited=$((visited + 1))
    local path="genops${*:+ $*} $sub" examples=${out#*Example:}
    if [[ $status -eq 0 && $out == *"Example:"* && $examples == *"$path"* ]]; then ok
    else bad "$path --help has no example of its own"; fi
    walk "$@" "$sub"
  done
}
walk
# The walk must have found the tree (a broken parse would pass vacuously).
((visited >= 30)) && ok || bad "only $visited commands found"

finish
