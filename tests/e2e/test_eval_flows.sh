#!/usr/bin/env bash
# genops eval flows a new user hits (issue 11, A1 A2 A6-A10): dataset columns
# and `vars:`, gate.skew without data, a prompt file as the target, how
# failing cases are named, .jsonl of a resumed run, -o checked first, pipes.
source "$(dirname "$0")/lib.sh"
mkdir -p p/prompts p/chains p/mocks
cd p || exit 2
db=.genops/genops.db
cat >genops.yaml <<'YAML'
version: 1
store: .genops/genops.db
defaults:
  provider: local
providers:
  local: {kind: mock, responses: mocks/answers.yaml}
YAML
cat >mocks/answers.yaml <<'YAML'
version: 1
responses:
  - match: {regex: "(?i)bill"}
    reply: "Your billing questions are answered in Settings."
  - default: true
    reply: "Please contact support."
YAML
cat >prompts/say.yaml <<'YAML'
version: 1
name: say
inputs:
  question: {type: string}
messages:
  - role: user
    content: "{{question}}"
YAML
cat >chains/say.yaml <<'YAML'
version: 1
name: say
inputs:
  question: {type: string}
steps:
  - id: answer
    kind: llm
    prompt: ../prompts/say.yaml
    vars: {question: "{{inputs.question}}"}
outputs:
  answer: "{{steps.answer.output}}"
YAML
cat >data.jsonl <<'JSONL'
{"q": "How do I pay my bill?", "category": "billing", "expected": "Settings"}
{"q": "Where is my parcel?", "category": "shipping", "expected": "tracking"}
JSONL
# The issue's reproduction: a prompt target with input `question`, `vars: {question: q}`.
cat >mapped.yaml <<'YAML'
version: 1
name: mapped
target: {prompt: say}
dataset: data.jsonl
vars: {question: q}
defaults:
  assert:
    - {type: icontains, value: "{{category}}"}
YAML
# The same cases without extra columns or `vars:` (the cases below do not depend on A1).
cat >plain.jsonl <<'JSONL'
{"question": "How do I pay my bill?"}
{"question": "Where is my parcel?"}
JSONL
cat >plain.yaml <<'YAML'
version: 1
name: plain
target: {chain: chains/say.yaml}
dataset: plain.jsonl
defaults:
  assert:
    - {type: icontains, value: billing}
YAML
runs() { sqlite3 $db "SELECT COUNT(*) FROM eval_runs" 2>/dev/null || echo 0; }
genops init >/dev/null 2>&1 || true
run genops prompt add prompts/say.yaml
expect_exit 0

case_ "A1: mapped columns arrive under their input names; other columns stay for assertions"
run genops eval mapped.yaml --json
expect_exit 0
expect_eq "$(jq -r '.summary.results, .summary.passes' <<<"$out" | tr '\n' ' ')" "2 1 "
expect_eq "$(jq -r '.results[0].vars | keys | join(",")' <<<"$out")" "category,question"
expect_eq "$(jq -r '[.results[].error] | join("")' <<<"$out")" ""
# The target got only its input.
expect_eq "$(sqlite3 $db "SELECT inputs FROM runs WHERE kind='chain' ORDER BY started_at LIMIT 1" | jq -r 'keys | join(",")')" "question"

case_ "A1: a required input no column provides is exit 3 before any case, naming the row and the column"
before=$(runs)
sed 's/vars: {question: q}/vars: {question: query}/' mapped.yaml >unmapped.yaml
run genops eval unmapped.yaml
expect_exit 3
expect_err_contains 'data.jsonl:1: missing column "query" (mapped to input question)'
expect_eq "$(runs)" "$before"
sed '/^vars:/d' mapped.yaml >nomap.yaml
run genops eval nomap.yaml
expect_exit 3
expect_err_contains 'data.jsonl:1: missing input "question"'
expect_eq "$(runs)" "$before"

case_ "A7: failing cases are named by their vars; the provider used is shown"
run genops eval plain.yaml -o report.md -o report.xml
expect_exit 0
expect_out_contains 'FAIL  question="Where is my parcel?" (h'
expect_out_contains "[local]"
expect_eq "$(grep -c 'question=' report.md)" "1"
expect_eq "$(grep -c '| local |' report.md)" "2"  # the summary row and the failing case
expect_eq "$(grep -c 'name="question=&quot;How do I pay my bill?&quot; (h' report.xml)" "1"
run genops eval mapped.yaml
expect_out_contains 'FAIL  category="shipping", question="Where is my parcel?" (h'

case_ "A6: a prompt file as the target is recorded as a content-hashed version"
sed 's|target: {chain: chains/say.yaml}|target: {prompt: prompts/say.yaml}|' plain.yaml >file.yaml
run genops eval file.yaml
expect_exit 0
expect_out_contains "2 results"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM prompt_versions")" "1"  # identical to say@1: nothing added
printf '  - role: system\n    content: Be brief.\n' >>prompts/say.yaml
run genops eval file.yaml --json
expect_exit 0
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM prompt_versions")" "2"
expect_eq "$(jq -r .run.target <<<"$out")" "prompt prompts/say.yaml (say@2)"
run genops eval file.yaml
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM prompt_versions")" "2"

case_ "A6: a prompt reference that looks like a path says the file was not found"
sed 's|target: {chain: chains/say.yaml}|target: {prompt: prompts/nope.yaml}|' plain.yaml >nofile.yaml
run genops eval nofile.yaml
expect_exit 3
expect_err_contains 'target.prompt: prompt file "prompts/nope.yaml" not found'
expect_err_contains "looked for prompts/nope.yaml"

case_ "A2: gate.skew with no current rows in its window is a skipped check"
cat >skew.yaml <<'YAML'
version: 1
name: skewed
target: {chain: chains/say.yaml}
dataset: plain.jsonl
gate:
  skew: {current: "runs:say", since: 7d}
YAML
run genops eval skew.yaml
expect_exit 0
expect_out_contains "skip  skew: skipped: no current inputs in runs:say in the last 7d; nothing to compare"
expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs WHERE suite='skewed'")" "finished"

case_ "A2: a missing skew source is exit 3 before any case runs"
before=$(runs)
sed 's|current: "runs:say", since: 7d|current: "file:nope.jsonl"|' skew.yaml >skew_missing.yaml
run genops eval skew_missing.yaml
expect_exit 3
expect_err_contains 'skew_missing.yaml: gate.skew.current: "file:nope.jsonl": file not found'
expect_eq "$(runs)" "$before"

case_ "A2: an eval that fails after it started is marked failed with the reason, its reports written"
echo '{"question": "hi"' >broken.jsonl
sed 's|current: "runs:say", since: 7d|current: "file:broken.jsonl"|' skew.yaml | sed 's/name: skewed/name: skew-broken/' >skew_broken.yaml
run genops eval skew_broken.yaml -o broken.json -o broken.md
expect_exit 3
expect_err_contains "broken.jsonl:1"
expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs WHERE suite='skew-broken'")" "failed"
expect_eq "$(sqlite3 $db "SELECT json_extract(summary, '\$.error') LIKE '%broken.jsonl:1%' FROM eval_runs WHERE suite='skew-broken'")" "1"
expect_eq "$(jq -r '.summary.results, .gate.pass' broken.json 2>/dev/null | tr '\n' ' ')" "2 false "
expect_file broken.md

case_ "A8: the .jsonl report of a resumed run covers every result"
run genops eval plain.yaml --limit 1 --json
id=$(jq -r .run.run_id <<<"$out")
run genops eval plain.yaml --resume "$id" -o all.jsonl -o all.json
expect_exit 0
expect_eq "$(wc -l <all.jsonl | tr -d ' ')" "2"
expect_eq "$(jq -r '.summary.results' all.json)" "2"

case_ "A9: -o paths are checked before any case runs"
before=$(runs)
run genops eval plain.yaml -o nodir/report.json
expect_exit 3
expect_err_contains "--output nodir/report.json: folder nodir does not exist"
touch plainfile
run genops eval plain.yaml -o plainfile/report.html
expect_exit 3
expect_err_contains "--output plainfile/report.html: plainfile is not a folder"
run genops eval plain.yaml -o .
expect_exit 2
expect_eq "$(runs)" "$before"

case_ "A10: --vars-file /dev/stdin, genops eval <(...), --input-file <(...) and a dataset on stdin"
run genops run chains/say.yaml --vars-file /dev/stdin <<<'{"question": "my bill?"}'
expect_exit 0
expect_out_contains "billing questions"
run genops eval <(cat plain.yaml) --json
expect_exit 0
expect_eq "$(jq -r .summary.results <<<"$out")" "2"
run genops run chains/say.yaml --input-file <(printf '{"question": "a bill"}\n{"question": "b"}\n')
expect_exit 0
expect_eq "$(grep -c . <<<"$out")" "2"
sed 's|dataset: plain.jsonl|dataset: /dev/stdin|' plain.yaml >stdin.yaml
run genops eval stdin.yaml --json < <(cat plain.jsonl)
expect_exit 0
expect_eq "$(jq -r .summary.results <<<"$out")" "2"

case_ "B10: a dataset line over 16 MiB is exit 3 naming the file, the line and the limit"
{ echo '{"question": "a bill"}'; printf '{"question": "'; head -c 17000000 /dev/zero | tr '\0' x; echo '"}'; } >long.jsonl
sed 's|dataset: plain.jsonl|dataset: long.jsonl|' plain.yaml >long.yaml
run genops eval long.yaml
expect_exit 3
expect_err_contains "long.jsonl:2: line longer than the limit of 16 MiB"
cp long.jsonl long_inputs.jsonl
run genops run chains/say.yaml --input-file long_inputs.jsonl
expect_exit 3
expect_err_contains "long_inputs.jsonl:2: line longer than the limit of 16 MiB"

finish
