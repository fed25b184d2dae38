#!/usr/bin/env bash
# genops import promptfoo: configs in the shapes promptfoo's examples use
# (tests/data/import/promptfoo/), imported, self-checked, and one run end to
# end against a loopback OpenAI-compatible server.
source "$(dirname "$0")/lib.sh"
data=$GENOPS_SOURCE_DIR/tests/data/import/promptfoo

case_ "a full config: every prompt, provider and test file"
cp -r "$data/full" full && cd full || exit 2
run genops import promptfoo --into ../full-out
expect_exit 0
expect_out_contains "Imported 5 prompt(s), 7 provider(s), 8 test(s) -> 13 case(s) per eval; 12 files written."
expect_out_contains "cd ../full-out && genops eval evals/prompt-1.yaml"
cd .. || exit 2
for f in genops.yaml README.md prompts/prompt-1.yaml prompts/chat.yaml prompts/variants-1.yaml prompts/variants-2.yaml \
         prompts/with-system.yaml evals/with-system.yaml; do
  expect_file "full-out/$f"
done
ev=full-out/evals/with-system.yaml

case_ "list vars expand: 3 languages x 2 texts = 6 cases of one test"
expect_eq "$(grep -c 'description: list vars expand into every combination' "$ev")" 6
expect_eq "$(grep -c '^  - ' <(sed -n '/^tests:/,$p' "$ev"))" 13

case_ "levenshtein keeps promptfoo's meaning: a max edit distance, with a comment"
grep -q '# promptfoo levenshtein threshold 3 = max edit distance: genops max_distance' "$ev" && ok || bad "no comment"
grep -q 'max_distance: 3' "$ev" && ok || bad "no max_distance 3"
grep -q 'max_distance: 4' "$ev" && ok || bad "CSV levenshtein(4) not mapped"

case_ "CSV shorthand, not-, defaultTest and its judge"
grep -q 'type: not-contains' "$ev" && ok || bad "no not-contains"
grep -A1 'type: equals' "$ev" | grep -q 'value: Gracias' && ok || bad "bare value is not equals"
grep -q 'judge: openai-chat-gpt-4o$' "$ev" && ok || bad "defaultTest.options.provider is not the judge"
grep -q 'type: rouge1' "$ev" && ok || bad "rouge-n not mapped"
grep -q 'openai-chat-gpt-4o:' full-out/genops.yaml && ok || bad "judge provider missing from genops.yaml"
grep -A2 'type: answer-relevance' "$ev" | grep -q 'provider: openai-gpt-4o-mini' && ok || bad "a test's options.provider reuses an equal provider"
grep -q 'its settings {"temperature":0} are not applied' full-out/README.md && ok || bad "judge settings not noted"

case_ "providers: config mapped, keys by variable name only"
grep -q 'base_url: http://127.0.0.1:8000/v1' full-out/genops.yaml && ok || bad "apiBaseUrl"
grep -q 'api_key_env: VLLM_API_KEY' full-out/genops.yaml && ok || bad "apiKeyEnvar"
grep -q 'presence_penalty' full-out/README.md && ok || bad "ignored config keys not listed"
grep -A3 '^model:' full-out/prompts/prompt-1.yaml | grep -q 'provider: openai-gpt-4o-mini' && ok || bad "model.provider"

case_ "prompts: Nunjucks to Mustache, chat files, --- split"
grep -q 'template: "Translate to {{language}} in a {{tone}} tone: {{text}}"' full-out/prompts/prompt-1.yaml && ok || bad "inline"
grep -q 'Glossary owner: {{meta.owner}}' full-out/prompts/with-system.yaml && ok || bad "yaml messages"
grep -q 'role: system' full-out/prompts/chat.yaml && ok || bad "json chat"
grep -q 'Render "{{text}}"' full-out/prompts/variants-2.yaml && ok || bad "--- split"

case_ "every generated prompt is valid for prompt add"
(cd full-out && run genops prompt add prompts/*.yaml -m imported && expect_exit 0)

case_ "a non-empty --into is refused"
cd full || exit 2
run genops import promptfoo --into ../full-out
expect_exit 3
expect_err_contains "../full-out is not empty"
cd .. || exit 2

case_ "unsupported items: exit 3 listing every one with its location, nothing written"
cp -r "$data/unsupported" unsupported && cd unsupported || exit 2
run genops import promptfoo --into out
expect_exit 3
expect_err_contains "promptfooconfig.yaml: 8 item(s) have no genops counterpart"
expect_err_contains "promptfooconfig.yaml:2:16: prompts[0]: Nunjucks filter \`{{ article | truncate(200) }}\` is not supported"
expect_err_contains "prompts.txt:1:1: Nunjucks tag \`{% if formal %}\` is not supported"
expect_err_contains "promptfooconfig.yaml:10:5: providers[1]: Azure OpenAI provider \`azureopenai:chat:my-deployment\`"
expect_err_contains "promptfooconfig.yaml:11:13: outputPath: the config key \`outputPath\` is not supported; use genops eval -o FILE"
expect_err_contains "tests.csv:2: __expected: assertion type \`python\` is not supported; use an \`exec\` assertion"
expect_err_contains "promptfooconfig.yaml:17:9: tests[1].assert[0]: assertion type \`javascript\` is not supported"
expect_err_contains "promptfooconfig.yaml:19:9: tests[1].assert[1].transform: assertion option \`transform\`"
expect_err_contains "hint: rerun with --skip-unsupported"
expect_no_file out

case_ "--skip-unsupported imports the rest and lists what was left out in the README"
run genops import promptfoo --into out --skip-unsupported
expect_exit 0
expect_err_contains "config.apiKey holds a literal key; it was NOT copied"
expect_err_contains "8 unsupported item(s) left out"
expect_out_contains "Imported 1 prompt(s), 1 provider(s), 3 test(s) -> 3 case(s) per eval"
grep -q '## Left out (imported with --skip-unsupported)' out/README.md && ok || bad "no README section"
expect_eq "$(grep -c 'is not supported; use' out/README.md)" 8
grep -rq 'sk-not-a-real-key' out && bad "the literal key was copied" || ok
cd .. || exit 2

case_ "a missing config"
run genops import promptfoo nowhere.yaml --into x
expect_exit 3
expect_err_contains "nowhere.yaml: no such file"

case_ "end to end: import, then genops eval on a loopback OpenAI-compatible server"
cp -r "$data/run" run && cd run || exit 2
python3 "$GENOPS_SOURCE_DIR/tests/support/openai_echo_server.py" seen.txt >port.txt &
server=$!
for _ in $(seq 1 100); do [[ -s port.txt ]] && break; sleep 0.1; done
sed -i "s/__PORT__/$(cat port.txt)/" promptfooconfig.yaml
run genops import promptfoo --into out
expect_exit 0
expect_out_contains "Imported 1 prompt(s), 1 provider(s), 4 test(s) -> 5 case(s) per eval"
cd out || exit 2
export GENOPS_IMPORT_TEST_KEY=sk-import-test-key
# Pass/fail per case from the JSON report: France, Spain, Japan pass; Italy, Peru fail.
verdicts() {
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join("%s=%s" % (x["vars"]["country"], x["pass"]) for x in sorted(r["results"], key=lambda x: x["vars"]["country"])))' "$1"
}
expected="France=True Italy=False Japan=True Peru=False Spain=True"
run genops eval evals/prompt-1.yaml -o direct.json
expect_exit 0
expect_out_contains "prompt-1: 3/5 results passed"
expect_eq "$(verdicts direct.json)" "$expected"
# The same prompt added to the store and named: runs on every build.
genops prompt add prompts/prompt-1.yaml -m imported >/dev/null
sed 's|prompt: ../prompts/prompt-1.yaml|prompt: prompt-1|' evals/prompt-1.yaml >evals/by-name.yaml
run genops eval evals/by-name.yaml -o by-name.json
expect_exit 0
expect_out_contains "prompt-1: 3/5 results passed"
expect_eq "$(verdicts by-name.json)" "$expected"
grep -q "Bearer sk-import-test-key" ../seen.txt && ok || bad "the server never got the key from apiKeyEnvar"
kill "$server" 2>/dev/null
cd ../.. || exit 2
finish
