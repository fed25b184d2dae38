#!/usr/bin/env bash
# genops import promptflow: flows in the shapes Prompt flow's examples use
# (tests/data/import/promptflow/), imported and validated, then run end to end:
# Python and prompt nodes alone, and llm nodes on a loopback OpenAI-compatible server.
source "$(dirname "$0")/lib.sh"
data=$GENOPS_SOURCE_DIR/tests/data/import/promptflow

case_ "a flow of prompt and python nodes: imported, validated, run without Prompt flow or a model"
run genops import promptflow "$data/greeting" --into greeting
expect_exit 0
expect_out_contains "Imported 3 node(s) into chains/greeting.yaml, 0 prompt file(s), 0 provider(s); 6 files written; chain validate: ok."
for f in chains/greeting.yaml chains/tools/_promptflow_runner.py chains/tools/shout.py chains/tools/tools/measure.py genops.yaml README.md; do
  expect_file "greeting/$f"
done
cd greeting || exit 2
run genops chain validate chains/greeting.yaml
expect_exit 0
grep -q 'template: Hello, {{inputs.name}}{{#inputs.excited}}!{{/inputs.excited}}{{^inputs.excited}}.{{/inputs.excited}}' chains/greeting.yaml && ok || bad "the Jinja2 if/else is not Mustache"
run genops run chains/greeting.yaml --var name=genops --var excited=true --json
expect_exit 0
expect_out_contains '"greeting": "HELLO, GENOPS! HELLO, GENOPS!"'
expect_out_contains '"length": 29'
expect_out_lacks "shouting"
cd .. || exit 2

case_ "chat flow, activate branches, variants: validated at import"
for flow in chat moderated classify; do
  run genops import promptflow "$data/$flow/flow.dag.yaml" --into "$flow"
  expect_exit 0
  expect_out_contains "chain validate: ok"
done
grep -q 'when: steps.safety_check.output == true' moderated/chains/moderated.yaml && ok || bad "activate is not when"
grep -A4 '^model:' chat/prompts/assistant.yaml | grep -q 'max_tokens: 256' && ok || bad "max_tokens given as a string is not a number"
grep -A5 '^model:' chat/prompts/assistant.yaml | grep -q 'temperature: 0.7' && ok || bad "temperature given as a string is not a number"
grep -q 'api_key_env: AZURE_OPENAI_API_KEY' classify/genops.yaml && ok || bad "an Azure connection is not noted"
expect_file classify/prompts/summarize.variant_1.yaml
grep -q 'genops prompt add prompts/summarize.variant_1.yaml --label variant_1' classify/README.md && ok || bad "variant labels not in the README"

python3 "$GENOPS_SOURCE_DIR/tests/support/openai_echo_server.py" seen.txt >port.txt &
server=$!
for _ in $(seq 1 100); do [[ -s port.txt ]] && break; sleep 0.1; done
for flow in chat moderated classify; do
  sed -i "s|^    kind: openai|    kind: openai\n    base_url: http://127.0.0.1:$(cat port.txt)/v1|" "$flow/genops.yaml"
done
export OPENAI_API_KEY=sk-promptflow-import-test AZURE_OPENAI_API_KEY=sk-azure-import-test

case_ "the branch of python and prompt nodes runs alone: no model call"
cd moderated || exit 2
run genops run chains/moderated.yaml --var "question=what is my password?"
expect_exit 0
expect_out_contains 'REFUSED: Sorry, I cannot help with "what is my password?".'
[[ ! -s ../seen.txt ]] && ok || bad "the refused branch called the model"

case_ "the other branch calls the model"
run genops run chains/moderated.yaml --var "question=what is genops?"
expect_exit 0
expect_out_contains "ECHO: what is genops?"
expect_eq "$(wc -l <../seen.txt)" 1
cd .. || exit 2

case_ "a chat flow with history"
cd chat || exit 2
run genops run chains/chat.yaml --var 'chat_history=[{"inputs":{"question":"hi"},"outputs":{"answer":"hello"}}]' --var question=why
expect_exit 0
expect_out_contains "ECHO: why"
run genops runs export last --format jsonl
expect_out_contains 'user:\nhi\nassistant:\nhello\n'
cd .. || exit 2

case_ "python, llm and variant nodes end to end; variants become labelled versions"
cd classify || exit 2
run genops run chains/classify.yaml --json
expect_exit 0
expect_out_contains '"category": "unknown"'
expect_out_contains '"summary": "ECHO: My invoice shows the wrong amount."'
run genops prompt add prompts/summarize.yaml --label variant_0
expect_exit 0
run genops prompt add prompts/summarize.variant_1.yaml --label variant_1
expect_exit 0
run genops prompt render summarize@variant_1 --var text=x
expect_exit 0
expect_out_contains "Ticket: x"
cd .. || exit 2
grep -q "Bearer sk-azure-import-test" seen.txt && ok || bad "the server never got the Azure key"
kill "$server" 2>/dev/null

case_ "unsupported items: exit 3 listing every one with its location, nothing written"
cp -r "$data/unsupported" unsupported && cd unsupported || exit 2
run genops import promptflow --into out
expect_exit 3
expect_err_contains "flow.dag.yaml: 7 item(s) have no genops counterpart"
expect_err_contains "flow.dag.yaml:3:1: additional_includes: the flow key \`additional_includes\` is not supported"
expect_err_contains "flow.dag.yaml:15:5: nodes[0].source: the package tool \`promptflow.tools.serpapi.SerpAPI.search\` is not supported; use an exec step"
expect_err_contains "answer.jinja2:4:1: Jinja2 filter \`{{ query | upper }}\` is not supported"
expect_err_contains "answer.jinja2:5:1: Jinja2 tag \`{% set n = 3 %}\` is not supported"
expect_err_contains "flow.dag.yaml:38:15: nodes[2].connection: a connection on a python node (custom connection) is not supported"
expect_err_contains "lookup.py:1:36: a custom connection is not supported"
expect_err_contains "flow.dag.yaml:46:16: nodes[3].aggregation: an aggregation node is not supported"
expect_err_contains "hint: rerun with --skip-unsupported"
expect_no_file out

case_ "--skip-unsupported imports the rest, validated, and lists what was left out in the README"
run genops import promptflow --into out --skip-unsupported
expect_exit 0
expect_err_contains "7 unsupported item(s) left out"
expect_out_contains "Imported 4 node(s) into chains/unsupported.yaml"
grep -q '## Left out (imported with --skip-unsupported)' out/README.md && ok || bad "no README section"
expect_eq "$(grep -c 'is not supported; use' out/README.md)" 7
cd .. || exit 2

case_ "no flow"
mkdir empty
run genops import promptflow empty --into x
expect_exit 3
expect_err_contains "empty: no flow.dag.yaml in this folder"
run genops import promptflow nowhere.dag.yaml --into x
expect_exit 3
expect_err_contains "nowhere.dag.yaml: no such file"
finish
