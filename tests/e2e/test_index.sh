#!/usr/bin/env bash
# genops index add | list | query (the rag-support example is run by test_examples.sh).
source "$(dirname "$0")/lib.sh"

mkdir -p proj/docs && cd proj || exit 2
cat >genops.yaml <<'YAML'
version: 1
store: .genops/genops.db
providers:
  local: {kind: mock, responses: []}
  embed: {kind: hash-embed, dims: 128}
YAML
printf '# Refunds\n\nA refund is paid within 14 days. Refunds go to the original card.\n' >docs/refunds.md
printf '# Shipping\n\nParcels arrive within 3 working days. Ask for a refund if a parcel is lost.\n' >docs/shipping.md
printf 'Reset your password from the sign-in page.\n' >docs/account.txt

case_ "index add, then re-add unchanged"
run genops index add kb docs/refunds.md docs/shipping.md docs/account.txt
expect_exit 0
expect_out_contains "added: docs/refunds.md (1 chunk)"
expect_out_contains "added: docs/account.txt (1 chunk)"
run genops index add kb docs/refunds.md
expect_exit 0; expect_out_contains "unchanged: docs/refunds.md"

case_ "index list"
run genops index list
expect_exit 0; expect_out_contains "kb"
run genops index list --json
expect_eq "$(jq -r '.[0].name, .[0].documents, .[0].chunks, .[0].chunk_size' <<<"$out" | tr '\n' ' ')" "kb 3 3 800 "

case_ "bm25: the best hit first, positive scores"
run genops index query kb "how long does a refund take" --json
expect_exit 0
expect_eq "$(jq -r '.[0].source' <<<"$out")" "docs/refunds.md"
expect_eq "$(jq 'length' <<<"$out")" 2
expect_eq "$(jq '.[0].score > .[1].score and .[1].score > 0' <<<"$out")" true
expect_eq "$(jq -r '.[0].text' <<<"$out" | head -1)" "Refunds"
run genops index query kb "password" --top-k 1
expect_exit 0; expect_out_contains "1. docs/account.txt  score"
run genops index query kb "weather on mars" --json
expect_exit 0; expect_eq "$out" "[]"

case_ "a changed file replaces its chunks"
printf 'Passwords are reset by support only.\n' >docs/account.txt
run genops index add kb docs/account.txt
expect_exit 0; expect_out_contains "replaced: docs/account.txt (1 chunk)"
run genops index query kb "sign-in page" --json
expect_eq "$out" "[]"

case_ "vector and hybrid with hash-embed"
run genops index add kbv docs/ --embed embed --chunk-size 400 --overlap 50
expect_exit 0; expect_out_contains "added: docs/shipping.md"
run genops index query kbv "parcels arriving" --mode vector --json
expect_exit 0; expect_eq "$(jq -r '.[0].source' <<<"$out")" "docs/shipping.md"
run genops index query kbv "refund" --mode hybrid --top-k 3 --json
expect_exit 0
expect_eq "$(jq -r '.[0].source' <<<"$out")" "docs/refunds.md"
expect_eq "$(jq '.[0].score < 0.0328 and .[0].score > 0.016' <<<"$out")" true
run genops index list
expect_out_contains "embed (128 dims)"

case_ "errors"
run genops index query kv "refund"
expect_exit 3
expect_err_contains 'genops: error: index "kv" not found'
expect_err_contains 'hint: did you mean "kb"?'
expect_err_contains "hint: build it with: genops index add kv FILES..."
run genops index add kb docs/missing.md
expect_exit 3; expect_err_contains "file not found: docs/missing.md"
run genops index query kb "refund" --mode vector
expect_exit 3; expect_err_contains 'index "kb" has no embeddings; vector mode needs them'
run genops index add kb docs/refunds.md --chunk-size 300
expect_exit 3; expect_err_contains "its settings cannot change"
run genops index add kbv docs/refunds.md --embed nope
expect_exit 3
run genops index query kb "x" --mode fuzzy
expect_exit 2

case_ "chain validate: a retrieve step's missing index (issue 11 C5)"
mkdir -p chains
cat >chains/rag.yaml <<'YAML'
version: 1
name: rag
inputs:
  question: {type: string}
steps:
  - id: hits
    kind: retrieve
    index: kbb
    query: "{{inputs.question}}"
  - id: each
    kind: map
    over: "{{steps.hits.output}}"
    step: {kind: retrieve, index: kb, query: "{{item.text}}"}
YAML
run genops chain validate chains/rag.yaml
expect_exit 3
expect_err_contains 'genops: error: chains/rag.yaml:8:12: steps[0].index: index "kbb" not found'
expect_err_contains 'hint: did you mean "kb"?'
expect_err_contains "hint: build it with: genops index add kbb FILES..."
sed -i 's/index: kbb/index: kb/; s/index: kb,/index: kbx,/' chains/rag.yaml
run genops chain validate chains/rag.yaml
expect_exit 3
expect_err_contains 'genops: error: chains/rag.yaml:13:35: steps[1].step.index: index "kbx" not found'
sed -i 's/index: kbx,/index: kbv,/' chains/rag.yaml
run genops chain validate chains/rag.yaml
expect_exit 0
expect_out_contains "ok: chains/rag.yaml: chain rag"

case_ "chain validate reads the store and never creates it"
mkdir -p "$E2E_ROOT/nostore" && cp chains/rag.yaml "$E2E_ROOT/nostore/rag.yaml"
run genops --store "$E2E_ROOT/nostore/x.db" chain validate "$E2E_ROOT/nostore/rag.yaml"
expect_exit 3
expect_err_contains 'steps[0].index: index "kb" not found (there is no store yet)'
expect_err_contains "hint: build it with: genops index add kb FILES..."
expect_no_file "$E2E_ROOT/nostore/x.db"

finish
