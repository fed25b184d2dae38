#!/usr/bin/env bash
# Every project under examples/ runs offline, as its README says.
source "$(dirname "$0")/lib.sh"
examples="$GENOPS_SOURCE_DIR/examples"

use_example() {  # copies an example into the temp dir and enters it
  rm -rf "$E2E_ROOT/$1"
  cp -r "$examples/$1" "$E2E_ROOT/$1"
  cd "$E2E_ROOT/$1" || exit 2
}

case_ "every example is covered here"
out="" err=""
self="$GENOPS_SOURCE_DIR/tests/e2e/test_examples.sh"
for dir in "$examples"/*/; do
  name=$(basename "$dir")
  grep -q "^use_example $name\$" "$self" && ok || bad "examples/$name is not run by this suite"
done

case_ "classify-route"
use_example classify-route
run genops chain validate chains/route.yaml
expect_exit 0; expect_out_contains "ok: chains/route.yaml: chain route"
run genops run chains/route.yaml --var question="I was charged twice, can I get a refund?"
expect_exit 0
expect_out_contains "intent: billing"
expect_out_contains "reply: Refunds are issued within 14 days of the request."
run genops run chains/route.yaml --var question="hello there" --json
expect_exit 0
expect_eq "$(jq -r .outputs.reply <<<"$out")" "Hello! How can I help?"
expect_eq "$(jq -r .outputs.intent <<<"$out")" "smalltalk"
run genops runs trace last
expect_exit 0; expect_out_contains "answer (llm)  skipped"
run genops run chains/route.yaml --input-file questions.jsonl -j 3
expect_exit 0
expect_eq "$(jq -r '.row' <<<"$out" | tr '\n' ' ')" "0 1 2 "
expect_eq "$(jq -r '.outputs.intent' <<<"$out" | tr '\n' ' ')" "billing shipping smalltalk "
expect_err_contains "3 of 3 rows succeeded"
run genops prompt list
expect_out_contains "classify-intent"
expect_out_contains "support-answer"

case_ "map-reduce"
use_example map-reduce
run genops run chains/summarise.yaml --vars-file documents.json --json
expect_exit 0
expect_eq "$(jq -r .outputs.summary <<<"$out")" "Customers want faster refunds, clearer delivery dates and a working password reset."
expect_eq "$(jq -c .outputs.parts <<<"$out")" '["Refunds are too slow.","Delivery dates are unclear.","Password reset emails never arrive."]'
run genops runs trace last
expect_exit 0
expect_out_contains "each[2] (llm)"
expect_out_contains "combine (llm)"

case_ "agent-tools"
use_example agent-tools
run genops run chains/helper.yaml --var question="Where is order 42, and can I return it?"
expect_exit 0
expect_out_contains "refunds are issued within 14 days"
run genops runs trace last --json
expect_eq "$(jq '[.steps[] | select(.kind == "tool")] | length' <<<"$out")" 2
expect_eq "$(jq -r '[.steps[] | select(.kind == "tool") | .step] | join(",")' <<<"$out")" "lookup_order,refund_policy"
run genops run chains/helper.yaml --provider stubborn --var question="loop"
expect_exit 1
expect_err_contains "agent stopped at max_turns (4) while still calling tools: lookup_order"
expect_err_contains "hint: see its steps with: genops runs trace"

case_ "rag-support"
use_example rag-support
run genops run chains/support.yaml --var question="How long does a refund take?"
expect_exit 3; expect_err_contains 'index "support-docs" not found'
run genops index add support-docs docs/
expect_exit 0
run genops run chains/support.yaml --var question="How long does a refund take?" --json
expect_exit 0
expect_eq "$(jq -r .outputs.answer <<<"$out")" "Refunds are issued to the original payment method within 14 days of the request (docs/refunds.md)."
expect_eq "$(jq -r .outputs.sources <<<"$out" | cut -d' ' -f1)" "docs/refunds.md"
run genops run chains/support.yaml --var question="When will my parcel arrive?" --json
expect_eq "$(jq -r .outputs.answer <<<"$out")" "Parcels arrive within 3 working days; the tracking link is in the confirmation email (docs/shipping.md)."
run genops run chains/support.yaml --var question="What is the weather on Mars?" --json
expect_exit 0
expect_eq "$(jq -r .outputs.answer <<<"$out")" "No answer found"
run genops runs trace last
expect_exit 0
expect_out_contains "docs (retrieve)"
expect_out_contains "answer (llm)  skipped"

case_ "skew-drift"
use_example skew-drift
run genops ingest logs/prod-similar.jsonl --chain support
expect_exit 0; expect_out_contains "ingested 400 of 400 rows into runs:support"
run genops skew --reference eval:evals/support.yaml --current runs:support --since 2026-11-16 --gate
expect_exit 0; expect_out_contains "no drift: 0 of 3 columns drifted"
expect_out_contains "question   text       ok       -           1 of 5 features constant on both sides"
# The eval's gate.skew reads every ingested row: it does not depend on today's date.
run genops eval evals/support.yaml
expect_exit 0; expect_out_contains "pass  skew: 0 of 3 input columns drifted against runs:support"
run genops ingest logs/prod-shifted.jsonl --chain support-next
run genops skew --reference eval:evals/support.yaml --current runs:support-next --since 2026-11-16 --gate --json
expect_exit 1
expect_eq "$(jq -r '[.features[] | .name + "=" + .verdict] | join(" ")' <<<"$out")" \
  "question.length=drift question.words=drift question.non_letter=drift question.oov=drift question.script=drift tier=drift"
expect_eq "$(jq -r .embedding.verdict <<<"$out")" drift
expect_eq "$(jq -r '[.columns[] | .name + "=" + .verdict + ":" + .decided_by] | join(" ")' <<<"$out")" \
  "question=drift:question.script tier=drift:tier embedding=drift:embedding"
expect_err_contains "skew: the current inputs drifted from the reference (3 of 3 columns)"
run genops skew --reference eval:evals/support.yaml --current file:logs/prod-shifted.jsonl --output skew.md
expect_exit 0; expect_file skew.md

case_ "otlp-skew"
use_example otlp-skew
run genops ingest --format otlp collector/traces.jsonl --input-name question
expect_exit 0
expect_eq "$out" "ingested 192 of 192 GenAI span inputs into runs:support-answer (192 inputs; prompt versions 3), 2026-11-16T00:00:00.005Z to 2026-11-22T22:19:12.005Z"
expect_err_contains "genops: warning: 8 GenAI spans carry no captured content (gen_ai.input.messages); not stored"
expect_err_contains "200 other spans (not GenAI model calls) ignored"
run genops ingest --format otlp collector/traces.jsonl --input-name question --json
expect_eq "$(jq -r '"\(.added) \(.present)"' <<<"$out")" "0 192"
run genops skew --reference eval:evals/support.yaml --current runs:support-answer --feature question --gate --json
expect_exit 1
expect_eq "$(jq -r '[.columns[] | .name + "=" + .verdict + ":" + .decided_by] | join(" ")' <<<"$out")" \
  "question=drift:question.script embedding=drift:embedding"

case_ "support-eval"
use_example support-eval
run genops eval evals/support.yaml --label main -o report.md
expect_exit 0
expect_out_contains "5/7 results passed"
# A failing case is named by its first variables and its whole key (issue 11 A7).
expect_out_contains 'FAIL  question="How do I cancel my subscription?" (h5b1bb6e2658e9867) [local]: rougeL'
expect_file report.md
run genops eval evals/matrix.yaml --json
expect_exit 0
expect_eq "$(jq -r '.summary.results' <<<"$out")" "36"
# The CI workflow's eval commands run as written (with the built binary;
# tests/e2e/test_package.sh runs the example with the packaged one).
ci_commands=0
while IFS= read -r line; do
  cmd=${line#*run: genops }
  run genops $cmd
  expect_exit 0
  ci_commands=$((ci_commands + 1))
done < <(grep -E 'run: genops eval' ci/github-actions.yml)
expect_eq "$ci_commands" 2
grep -q 'apt-get install -y -qq /tmp/genops/genops.deb' ci/github-actions.yml && ok || bad "the workflow does not install the package"
grep -q 'scripts/package' ci/github-actions.yml && ok || bad "the workflow does not build the package"
expect_file junit.xml
expect_file report.html
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' junit.xml && ok || bad "junit.xml is not well-formed XML"

case_ "team-shards"
use_example team-shards
# The workflow's genops commands as written: four local processes stand in for
# the matrix runners (a copy of the checkout each), their stores are the
# artifacts the merge-and-gate job downloads.
mkdir -p "$E2E_ROOT/bin" && ln -sf "$GENOPS_BIN" "$E2E_ROOT/bin/genops"
workflow_commands() {  # JOB [SHARD]: the job's genops commands, ${{ }} filled in
  python3 - "$@" <<'PY'
import sys, yaml
job = yaml.safe_load(open("ci/github-actions.yml"))["jobs"][sys.argv[1]]
for step in job["steps"]:
    cmd = step.get("run", "")
    if not cmd.startswith("genops "): continue
    cmd = cmd.replace("${{ github.run_id }}", "4242")
    if len(sys.argv) > 2: cmd = cmd.replace("${{ matrix.shard }}", sys.argv[2])
    assert "${{" not in cmd, cmd
    print(cmd)
PY
}
shards=$(python3 -c 'import yaml; print(" ".join(map(str, yaml.safe_load(open("ci/github-actions.yml"))["jobs"]["shard"]["strategy"]["matrix"]["shard"])))')
expect_eq "$shards" "1 2 3 4"
pids=()
for i in $shards; do
  cp -r "$E2E_ROOT/team-shards" "$E2E_ROOT/runner-$i"
  (cd "$E2E_ROOT/runner-$i" && workflow_commands shard "$i" | PATH="$E2E_ROOT/bin:$PATH" bash -e >out.txt 2>err.txt) &
  pids+=($!)
done
for i in $shards; do
  wait "${pids[$((i - 1))]}" && ok || bad "shard $i failed: $(cat "$E2E_ROOT/runner-$i/err.txt")"
  grep -q "NOT GATED" "$E2E_ROOT/runner-$i/out.txt" && ok || bad "shard $i was gated"
  cp "$E2E_ROOT/runner-$i/shard-$i.db" .   # download-artifact
done
expect_eq "$(workflow_commands merge-and-gate | wc -l | tr -d ' ')" "2"
run env PATH="$E2E_ROOT/bin:$PATH" bash -c "$(workflow_commands merge-and-gate | head -1)"
expect_exit 0
expect_out_contains "merged shard-4.db into merged.db"
run env PATH="$E2E_ROOT/bin:$PATH" bash -c "$(workflow_commands merge-and-gate | tail -1)"
expect_exit 0
expect_out_contains "PASSED support-regression: 5/7 results passed"
expect_file report.md
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' junit.xml && ok || bad "junit.xml is not well-formed XML"
# The Kubernetes manifest: an Indexed Job of 4 whose pods know the count, into PostgreSQL, then a finish Job.
python3 - <<'PY' && ok || bad "ci/k8s-indexed-job.yaml is not the documented Indexed Job"
import yaml
docs = [d for d in yaml.safe_load_all(open("ci/k8s-indexed-job.yaml"))]
shards, finish = [d for d in docs if d["kind"] == "Job"]
spec = shards["spec"]
assert spec["completionMode"] == "Indexed" and spec["completions"] == 4
env = {e["name"]: e for e in spec["template"]["spec"]["containers"][0]["env"]}
assert env["JOB_COMPLETION_COUNT"]["value"] == "4" and "GENOPS_STORE" in env
assert finish["spec"]["template"]["spec"]["containers"][0]["command"][:3] == ["genops", "evals", "finish"]
PY
# ... and run as Kubernetes would run it: four pods (JOB_COMPLETION_INDEX 0-3)
# with the container's command and env as written, GENOPS_STORE (the secret)
# a fresh PostgreSQL database that the main branch's labelled run is already in.
k8s_container() {  # JOB_INDEX (0 = the shards, 1 = finish): "NAME=VALUE ..." then the command, $(VAR) filled in
  python3 - "$1" <<'PY'
import re, shlex, sys, yaml
jobs = [d for d in yaml.safe_load_all(open("ci/k8s-indexed-job.yaml")) if d["kind"] == "Job"]
c = jobs[int(sys.argv[1])]["spec"]["template"]["spec"]["containers"][0]
env = {e["name"]: e["value"] for e in c["env"] if "value" in e}
cmd = [re.sub(r"\$\((\w+)\)", lambda m: env[m.group(1)], a) for a in c["command"]]
print(" ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + " " + shlex.join(cmd))
PY
}
k8s_store=$(pg_new_db)
GENOPS_STORE=$k8s_store run genops eval evals/support.yaml --label main
expect_exit 0
pids=()
for i in 0 1 2 3; do
  cp -r "$E2E_ROOT/team-shards" "$E2E_ROOT/pod-$i"
  rm -f "$E2E_ROOT/pod-$i"/*.db
  (cd "$E2E_ROOT/pod-$i" && eval "env JOB_COMPLETION_INDEX=$i GENOPS_STORE=$k8s_store PATH=$E2E_ROOT/bin:\$PATH $(k8s_container 0)" >out.txt 2>err.txt) &
  pids+=($!)
done
for i in 0 1 2 3; do
  wait "${pids[$i]}" && ok || bad "pod $i failed: $(cat "$E2E_ROOT/pod-$i/err.txt")"
  grep -q "NOT GATED" "$E2E_ROOT/pod-$i/out.txt" && ok || bad "pod $i was gated"
done
rm -f report.md
run eval "env GENOPS_STORE=$k8s_store PATH=$E2E_ROOT/bin:\$PATH $(k8s_container 1)"
expect_exit 0
expect_out_contains "PASSED support-regression: 5/7 results passed"
expect_file report.md

finish
