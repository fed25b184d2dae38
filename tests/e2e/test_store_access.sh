#!/usr/bin/env bash
# Store access (issue 11, B6 B7 B8 C4): read commands never create a store,
# work on a read-only one, and writers name it; runs whose process was killed
# are shown and counted as abandoned; runs list --kind/--status; run --no-cache.
source "$(dirname "$0")/lib.sh"

case_ "B8: a read command on a store that does not exist is exit 5 and creates nothing"
for cmd in "prompt list" "runs list" "store info" "evals list" "index list" "index query docs refund" "prompt show x"; do
  run genops --store "$E2E_ROOT/nonexistent/dir/x.db" $cmd
  expect_exit 5
  expect_err_contains "genops: error: no store at $E2E_ROOT/nonexistent/dir/x.db"
  expect_err_contains "hint: create one with: genops init"
done
expect_no_file "$E2E_ROOT/nonexistent"

case_ "B8: a command that writes creates the store"
run genops --store "$E2E_ROOT/new/dir/x.db" prompt list
expect_exit 5
genops init proj >/dev/null
cd proj || exit 2
genops prompt add prompts/support-answer.yaml -m first >/dev/null 2>&1
run genops --store "$E2E_ROOT/new/dir/x.db" prompt add prompts/support-answer.yaml -m first
expect_exit 0
expect_file "$E2E_ROOT/new/dir/x.db"
run genops --store "$E2E_ROOT/new/dir/x.db" prompt list
expect_exit 0
expect_out_contains "support-answer"

# A chain whose rows take long enough to be killed in flight.
mkdir -p chains evals
cat >mocks/slow.yaml <<'YAML'
version: 1
responses:
  - default: true
    reply: "42"
    latency: 200ms
YAML
cat >>genops.yaml <<'YAML'
  slow: {kind: mock, responses: mocks/slow.yaml}
YAML
cat >chains/slow.yaml <<'YAML'
version: 1
name: slow
inputs: {question: {type: string}}
steps:
  - id: answer
    kind: llm
    provider: slow
    messages: [{role: user, content: "{{inputs.question}}"}]
YAML
cat >evals/slow.yaml <<'YAML'
version: 1
name: slow-eval
target: {chain: ../chains/slow.yaml}
dataset: ../rows.jsonl
defaults:
  assert: [{type: contains, value: "42"}]
YAML
for i in $(seq 1 200); do echo "{\"question\": \"q$i\"}"; done >rows.jsonl
db=.genops/genops.db
# Waits (polling the store, at most 30 s) until `sql` returns at least `n`.
wait_rows() {
  for _ in $(seq 1 600); do
    [[ $(sqlite3 "$db" "$1" 2>/dev/null || echo 0) -ge $2 ]] && return 0
    sleep 0.05
  done
  return 1
}

case_ "B6: runs of a kill -9'd genops run --input-file are abandoned"
"$GENOPS_BIN" run chains/slow.yaml --input-file rows.jsonl -j 4 >/dev/null 2>&1 &
pid=$!
wait_rows "SELECT COUNT(*) FROM runs WHERE name = 'slow' AND status = 'running'" 1 || bad "no running run appeared"
run genops runs list --status running --json
expect_exit 0
expect_eq "$(jq -r '.[0].status' <<<"$out")" running
{ kill -9 $pid && wait $pid; } 2>/dev/null
left=$(sqlite3 $db "SELECT COUNT(*) FROM runs WHERE name = 'slow' AND status = 'running'")
[[ $left -ge 1 ]] && ok || bad "expected runs left running by the kill, found $left"
run genops runs list --chain slow
expect_exit 0
expect_out_contains " abandoned "
run genops runs list --status abandoned --json
expect_exit 0
expect_eq "$(jq length <<<"$out")" "$left"
expect_eq "$(jq -r '[.[].status] | unique | join(",")' <<<"$out")" abandoned
run genops runs list --status running --json
expect_eq "$(jq length <<<"$out")" 0
id=$(sqlite3 $db "SELECT id FROM runs WHERE status = 'running' LIMIT 1")
run genops runs show "$id" --json
expect_eq "$(jq -r .status <<<"$out")" abandoned
run genops store info --json
expect_exit 0
expect_eq "$(jq -r .runs.abandoned <<<"$out")" "$left"
run genops store info
expect_out_contains "$left abandoned"

case_ "B6: another host's running run is not called abandoned"
sqlite3 $db "UPDATE runs SET host = 'elsewhere' WHERE id = '$id'"
run genops runs show "$id" --json
expect_eq "$(jq -r .status <<<"$out")" running

case_ "B6: a kill -9'd eval is abandoned in evals list, show and store info"
"$GENOPS_BIN" eval evals/slow.yaml -j 2 >/dev/null 2>&1 &
pid=$!
wait_rows "SELECT COUNT(*) FROM eval_results" 2 || bad "no eval result appeared"
{ kill -9 $pid && wait $pid; } 2>/dev/null
expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs")" running
run genops evals list
expect_exit 0
expect_out_contains " abandoned "
eval_id=$(sqlite3 $db "SELECT id FROM eval_runs")
run genops evals show "$eval_id" --json
expect_eq "$(jq -r .status <<<"$out")" abandoned
expect_eq "$(jq -r .resume <<<"$out")" "genops eval evals/slow.yaml --resume $eval_id"
run genops store info --json
expect_eq "$(jq -r .eval_runs.abandoned <<<"$out")" 1

case_ "C4: runs list --kind and every documented --status"
run genops runs list --kind judge --json
expect_exit 0
expect_eq "$(jq length <<<"$out")" 0
run genops runs list --kind chain --limit 1 --json
expect_eq "$(jq -r '.[0].chain' <<<"$out")" slow
for s in running succeeded failed budget_exceeded interrupted abandoned ingested; do
  run genops runs list --status "$s"
  expect_exit 0
done
run genops runs list --kind nonsense
expect_exit 2

case_ "C4: genops run --no-cache neither reads nor writes the response cache"
cached() { sqlite3 $db "SELECT COUNT(*) FROM response_cache"; }
before=$(cached)
run genops run chains/slow.yaml --var question=fresh-q --no-cache
expect_exit 0
expect_eq "$out" 42
expect_eq "$(cached)" "$before"
run genops run chains/slow.yaml --var question=fresh-q
expect_exit 0
expect_eq "$(cached)" "$((before + 1))"

case_ "B7: a read-only store (a read-only bind mount, which root cannot write either)"
# Needs a private mount namespace (unshare -m) and a bind mount; skipped where
# the sandbox forbids them (the unit tests cover ReadOnly and its fallback).
if unshare -m sh -c "mount --bind .genops .genops && mount -o remount,bind,ro .genops && ! touch .genops/probe" 2>/dev/null; then
  rm -f "$db-wal" "$db-shm"
  # Runs `genops ARGS` with .genops read-only; stdout, stderr and the status as run does.
  ro_genops() {
    unshare -m sh -c 'mount --bind .genops .genops && mount -o remount,bind,ro .genops && exec "$0" "$@"' \
      "$GENOPS_BIN" "$@" >"$E2E_ROOT/.out" 2>"$E2E_ROOT/.err"
    status=$?
    out=$(cat "$E2E_ROOT/.out")
    err=$(cat "$E2E_ROOT/.err")
  }
  for cmd in "store info" "store verify" "prompt list" "prompt show support-answer" "runs list" "evals list" "evals show last"; do
    ro_genops $cmd
    expect_exit 0
  done
  ro_genops store info --json
  expect_eq "$(jq -r .read_only <<<"$out")" true
  ro_genops prompt add prompts/support-answer.yaml -m again
  expect_exit 5
  expect_err_contains "genops: error: the store $PWD/.genops/genops.db is read-only (Read-only file system); this command writes to it"
  expect_err_contains "hint: commands that only read work on it"
  ro_genops run chains/slow.yaml --var question=x
  expect_exit 5
  expect_err_contains "is read-only"
  ro_genops evals label last main
  expect_exit 5
  expect_no_file .genops/probe
else
  echo "note: B7 read-only mount case skipped (unshare -m or mount --bind not permitted here)"
fi

finish
