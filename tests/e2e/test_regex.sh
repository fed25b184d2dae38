#!/usr/bin/env bash
# One regex engine (RE2, linear time) behind core/regex.hpp: the inputs that
# crashed or hung std::regex finish, and every invalid user regex is refused
# before anything runs (issue 11, B2 and A3).
source "$(dirname "$0")/lib.sh"
cp -r "$GENOPS_SOURCE_DIR/examples/support-eval" p
cd p || exit 2

# A JSON string of `count` copies of `char` after `prefix`, without a shell argument limit.
long_row() { python3 -c 'import json,sys; print(json.dumps({"question": sys.argv[1] + sys.argv[2] * int(sys.argv[3])}))' "$@"; }

case_ "genops run: a value of Bearer + 100 KB without spaces is redacted, no crash"
long_row "Bearer " x 102400 >bearer.jsonl
run genops run chains/support.yaml --input-file bearer.jsonl
expect_exit 0
expect_out_contains "Please contact support@example.com."
run genops runs show last --json
expect_exit 0
expect_out_contains "Bearer [REDACTED]"
expect_out_lacks "xxxxxxxxxxxxxxxx"

case_ "genops eval: the same value through an eval, no crash, redacted"
cat >evals/bearer.yaml <<'YAML'
version: 1
name: bearer
target: {chain: ../chains/support.yaml}
dataset: ../bearer.jsonl
defaults:
  assert:
    - {type: regex, value: "(?i)^please contact"}
YAML
run genops eval evals/bearer.yaml --json
expect_exit 0
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "1"
expect_out_lacks "xxxxxxxxxxxxxxxx"
expect_out_contains "Bearer [REDACTED]"

case_ "a mock rule (?i)refund.*policy on a 100 KB prompt"
cat >mocks/policy.yaml <<'YAML'
version: 1
responses:
  - match: {regex: "(?i)refund.*policy"}
    reply: "The refund policy matched."
  - default: true
    reply: "no match"
YAML
cat >>genops.yaml <<'YAML'
  policy: {kind: mock, responses: mocks/policy.yaml}
YAML
python3 -c 'import json; print(json.dumps({"question": "Refund " + "a" * 102400 + " POLICY"}))' >policy.jsonl
run genops run chains/support.yaml --input-file policy.jsonl --provider policy
expect_exit 0
expect_out_contains "The refund policy matched."

case_ "--filter '\w+!' on a 40 KB value"
{ long_row "" w 40960; echo '{"question": "hello refund!"}'; } >filter.jsonl
sed 's|../bearer.jsonl|../filter.jsonl|' evals/bearer.yaml >evals/filter.yaml
run genops eval evals/filter.yaml --filter '\w+!' --json
expect_exit 0
expect_eq "$(jq -r '.summary.results' <<<"$out")" "1"

case_ "when: inputs.q matches '(a+)+\$' on 29 characters finishes"
cat >chains/when.yaml <<'YAML'
version: 1
name: when
inputs:
  q: {type: string}
steps:
  - id: check
    kind: transform
    when: "inputs.q matches '(a+)+$'"
    template: "matched"
  - id: extract
    kind: transform
    input: "{{inputs.q}}"
    extract: {regex: "(a+)!", group: 1}
outputs:
  check: "{{steps.check.output}}"
  length: "{{steps.extract.output}}"
YAML
run genops run chains/when.yaml --var q=aaaaaaaaaaaaaaaaaaaaaaaaaaaa! --json
expect_exit 0
expect_eq "$(jq -r '.outputs.check' <<<"$out")" "null"
expect_eq "$(jq -r '.outputs.length | length' <<<"$out")" "28"

case_ "a transform extracts from a 100 KB input (the 4 KiB cap is gone)"
python3 -c 'import json; print(json.dumps({"q": "a" * 102400 + "!"}))' >q.jsonl
run genops run chains/when.yaml --input-file q.jsonl --json
expect_exit 0
expect_eq "$(jq -r '.outputs.length | length' <<<"$out")" "102400"

case_ "an invalid mock rule regex is exit 3, located"
printf 'version: 1\nresponses:\n  - match: {regex: "(unclosed"}\n    reply: x\n' >mocks/policy.yaml
run genops run chains/support.yaml --var question=hi --provider policy
expect_exit 3
expect_err_contains 'mocks/policy.yaml:3:20: responses[0].match.regex: invalid regular expression: missing ): (unclosed'
expect_err_contains 'hint: regexes use RE2 syntax'

case_ "an invalid --filter is a usage error (exit 2) before anything runs"
run genops eval evals/filter.yaml --filter '(unclosed'
expect_exit 2
expect_err_contains '--filter: invalid regular expression "(unclosed": missing ): (unclosed'
expect_err_contains 'hint: regexes use RE2 syntax'

finish
