#!/usr/bin/env bash
# The foundation as a new user meets it: init, add, edit, add with a label,
# diff, render, rollback, log, show, list, references and their errors.
source "$(dirname "$0")/lib.sh"

case_ "version and help"
run genops --version
expect_exit 0; expect_out_contains "genops 0."
for cmd in "init" "prompt add" "prompt list" "prompt show" "prompt log" "prompt label" "prompt render" "prompt diff" "config show" "store info" "store verify"; do
  run genops $cmd --help
  expect_exit 0; expect_out_contains "Example:"
done

case_ "usage errors exit 2"
run genops prompt frobnicate
expect_exit 2; expect_err_contains "genops: error:"
run genops prompt add
expect_exit 2

case_ "no project"
mkdir empty && cd empty
run genops prompt list
expect_exit 3; expect_err_contains "no genops.yaml in"; expect_err_contains "genops init"
cd ..

case_ "init"
run genops init demo
expect_exit 0; expect_out_contains "genops.yaml"
expect_file demo/genops.yaml; expect_file demo/prompts/support-answer.yaml; expect_file demo/README.md
run genops init demo
expect_exit 3; expect_err_contains "already exists"
cd demo

case_ "first add"
run genops prompt add prompts/support-answer.yaml -m first
expect_exit 0; expect_out_contains "support-answer@1  added  sha:"
expect_file .genops/genops.db

case_ "identical content adds nothing"
run genops prompt add prompts/support-answer.yaml -m again
expect_exit 0; expect_out_contains "unchanged: identical to version 1"
run genops prompt log support-answer --json
expect_eq "$(jq '.versions | length' <<<"$out")" 1

case_ "edit and add with a label"
sed -i 's/temperature: 0.2/temperature: 0.5/; s/reply "No answer found"./reply "No answer found". Be brief./' prompts/support-answer.yaml
run genops prompt add prompts/support-answer.yaml -m "brief" --label production
expect_exit 0; expect_out_contains "support-answer@2  added"; expect_out_contains "label production -> support-answer@2"

case_ "diff"
run genops prompt diff support-answer@1 support-answer@2
expect_exit 0
expect_out_contains "--- support-answer@1"
expect_out_contains "+++ support-answer@2"
expect_out_contains '-Answer only from the context. If the answer is not there, reply "No answer found".'
expect_out_contains '+Answer only from the context. If the answer is not there, reply "No answer found". Be brief.'
expect_out_contains "~ temperature: 0.2 -> 0.5"
expect_out_lacks $'\x1b['
run genops prompt diff support-answer@1 support-answer@2 --json
expect_exit 0
expect_eq "$(jq -r '.model[0].path' <<<"$out")" "temperature"
expect_eq "$(jq -r '.model[0].after' <<<"$out")" "0.5"
expect_eq "$(jq '[.messages[].lines[] | select(.op == "+")] | length' <<<"$out")" 1
run genops prompt diff support-answer@2 support-answer@production
expect_exit 0; expect_out_contains "identical"

case_ "colour on a terminal, never with NO_COLOR"
run script -qec "env -u NO_COLOR TERM=xterm $GENOPS_BIN prompt diff support-answer@1 support-answer@2" /dev/null
expect_exit 0; expect_out_contains $'\x1b[32m+Answer only'
run script -qec "env NO_COLOR=1 TERM=xterm $GENOPS_BIN prompt diff support-answer@1 support-answer@2" /dev/null
expect_exit 0; expect_out_lacks $'\x1b['

case_ "render by label"
run genops prompt render support-answer@production --var question="How do I get a refund?"
expect_exit 0
expect_out_contains "[system]"
expect_out_contains "Question: How do I get a refund?"
run genops prompt render support-answer@production --var question="{{context}} & <b>" --json
expect_exit 0
expect_eq "$(jq -r '.messages[1].content' <<<"$out" | tail -1)" "Question: {{context}} & <b>"
echo '{"question": "From a file", "context": "ctx"}' > vars.json
run genops prompt render support-answer --vars-file vars.json --var question=override
expect_exit 0; expect_out_contains "Question: override"; expect_out_contains "ctx"

case_ "render errors"
run genops prompt render support-answer@production
expect_exit 3; expect_err_contains 'missing required variable "question"'
run genops prompt render support-answer --var questoin=x
expect_exit 3; expect_err_contains 'did you mean "question"?'
run genops prompt render support-answer --var novalue
expect_exit 2; expect_err_contains "expected NAME=VALUE"

case_ "render --run calls the provider once"
run genops prompt render support-answer@production --var question="How do I get a refund?" --run --no-cache
expect_exit 0; expect_out_contains "Refunds are issued within 14 days"
run genops prompt render support-answer --var question="anything else" --run --provider echo --json
expect_exit 0
expect_eq "$(jq -r .provider <<<"$out")" "echo"
expect_eq "$(jq -r .output <<<"$out" | tail -1)" "Question: anything else"
run genops prompt render support-answer --var question=x --run --provider nope
expect_exit 3; expect_err_contains 'unknown provider "nope"'

case_ "providers list and check"
run genops providers list --json
expect_exit 0
expect_eq "$(jq -r '[.[].name] | join(",")' <<<"$out")" "echo,embed,local"
run genops providers check local
expect_exit 0; expect_out_contains "ok: local (mock)"
run genops providers check embed --json
expect_eq "$(jq .dims <<<"$out")" 512

case_ "rollback"
run genops prompt label support-answer@1 production
expect_exit 0; expect_out_contains "support-answer@production -> @1 (was @2)"
run genops prompt show support-answer@production --json
expect_eq "$(jq .version <<<"$out")" 1
run genops prompt log support-answer
expect_exit 0
expect_out_contains "@2"; expect_out_contains "brief"; expect_out_contains "e2e-tester"
expect_out_contains "production -> @1 (was @2)"

case_ "references"
hash=$(genops prompt show support-answer@2 --json | jq -r .hash)
run genops prompt show "support-answer@sha:${hash:0:8}"
expect_exit 0; expect_out_contains "support-answer@2"
run genops prompt show support-answer
expect_exit 0; expect_out_contains "support-answer@2"
run genops prompt show support-answr@1
expect_exit 3; expect_err_contains 'unknown prompt "support-answr"'; expect_err_contains 'did you mean "support-answer"?'
run genops prompt show support-answer@9
expect_exit 3; expect_err_contains "has versions 1 to 2"
run genops prompt show support-answer@prodution
expect_exit 3; expect_err_contains 'did you mean "production"?'
run genops prompt show support-answer@sha:ffffffff
expect_exit 3; expect_err_contains "no version of support-answer has a hash starting with ffffffff"
run genops prompt show support-answer --source
expect_exit 0; expect_out_contains "version: 1"

case_ "list"
run genops prompt list
expect_exit 0; expect_out_contains "support-answer"; expect_out_contains "production=@1"
run genops prompt list --json
expect_eq "$(jq -r '.[0].latest' <<<"$out")" 2

case_ "config show"
run genops config show
expect_exit 0; expect_out_contains "genops.yaml:2"
GENOPS_STORE=/tmp/elsewhere.db run genops config show --json
expect_eq "$(jq -r '.settings[] | select(.key == "store") | .origin' <<<"$out")" "env GENOPS_STORE"
GENOPS_STORE=/tmp/elsewhere.db run genops --store "$E2E_ROOT/flag.db" config show --json
expect_eq "$(jq -r '.settings[] | select(.key == "store") | .origin' <<<"$out")" "flag --store"

case_ "store"
run genops store verify
expect_exit 0; expect_out_contains "ok:"
run genops store info --json
expect_eq "$(jq .tables.prompt_versions <<<"$out")" 2

case_ "a store newer than the binary is refused, untouched"
cp .genops/genops.db newer.db
sqlite3 newer.db "PRAGMA user_version=99"
before=$(sha256sum newer.db)
run genops --store newer.db prompt list
expect_exit 5; expect_err_contains "schema version 99, newer than this genops"
expect_eq "$(sha256sum newer.db)" "$before"

case_ "--project from elsewhere"
cd "$E2E_ROOT"
run genops --project demo prompt list
expect_exit 0; expect_out_contains "support-answer"

case_ "deeply nested sections are refused at load (issue 11 B4)"
deep=$(printf '{{#a}}%.0s' $(seq 10000))x$(printf '{{/a}}%.0s' $(seq 10000))
printf 'version: 1\nname: deep\ninputs:\n  a: {type: boolean, default: true}\ntemplate: "%s"\n' "$deep" >demo/prompts/deep.yaml
run genops --project demo prompt add demo/prompts/deep.yaml
expect_exit 3
expect_err_contains 'demo/prompts/deep.yaml:5:11: template: template error: sections nested deeper than 64 levels at offset 384'
run genops --project demo prompt list
expect_out_lacks "deep"

finish
