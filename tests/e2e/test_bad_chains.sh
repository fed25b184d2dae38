#!/usr/bin/env bash
# Every chain file under tests/data/bad/chain/ (but _helpers) is rejected by
# `genops chain validate` and `genops run` with exit 3 and exactly the stderr
# in its .stderr file, and nothing is written to the store.
# UPDATE_GOLDEN=1 rewrites the .stderr files (review the diff before committing).
source "$(dirname "$0")/lib.sh"
data="$GENOPS_SOURCE_DIR/tests/data/bad/chain"

genops init proj >/dev/null
cd proj || exit 2
mkdir -p bad
cp "$data"/*.yaml bad/

for file in "$data"/*.yaml; do
  base=$(basename "$file" .yaml)
  [[ $base == _* ]] && continue
  golden="$data/$base.stderr"
  case_ "chain/$base validate"
  rm -rf .genops
  run genops chain validate "bad/$base.yaml"
  if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then cp "$E2E_ROOT/.err" "$golden"; fi
  expect_exit 3
  expect_err_file "$golden"
  expect_no_file .genops/genops.db
  case_ "chain/$base run"
  run genops run "bad/$base.yaml" --var question=x
  expect_exit 3
  expect_err_file "$golden"
done

case_ "an unknown prompt reference names the store's prompts"
genops prompt add prompts/support-answer.yaml >/dev/null
printf 'version: 1\nname: ref\nsteps:\n  - {id: a, kind: llm, prompt: support-answr@production}\n' > bad/ref.yaml
run genops chain validate bad/ref.yaml
expect_exit 3
expect_err_contains 'bad/ref.yaml:4:32: steps[0].prompt: unknown prompt "support-answr"'
expect_err_contains 'hint: did you mean "support-answer"?'
printf 'version: 1\nname: ref\nsteps:\n  - {id: a, kind: llm, prompt: support-answer@production}\n' > bad/label.yaml
run genops chain validate bad/label.yaml
expect_exit 3
expect_err_contains 'no label "production" on prompt support-answer'

case_ "an oversized chain file is refused fast"
python3 -c 'print("version: 1\nname: big\nsteps:\n  - {id: a, kind: transform, template: \"" + "x" * (64 * 1024 * 1024) + "\"}")' > bad/huge.yaml
run genops chain validate bad/huge.yaml
expect_exit 3
expect_err_contains "bad/huge.yaml"

finish
