#!/usr/bin/env bash
# SIGTERM, SIGINT or SIGHUP after the last case has started (its request hangs
# on a loopback server): no new work, a short grace, every finished result
# committed, the run marked interrupted with the resume command, exit 130; a
# second signal ends the process at once and leaves the store intact.
source "$(dirname "$0")/lib.sh"

mkdir -p state p/evals p/chains && cd p || exit 2
python3 "$GENOPS_SOURCE_DIR/tests/support/hang_server.py" ../state 7 >../port.txt &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$E2E_ROOT"' EXIT
for _ in $(seq 1 100); do [[ -s ../port.txt ]] && break; sleep 0.1; done
port=$(cat ../port.txt)
cat >genops.yaml <<YAML
version: 1
store: .genops/genops.db
defaults: {provider: hang}
providers:
  hang: {kind: openai, base_url: "http://127.0.0.1:$port/v1", model: m, max_retries: 0}
YAML
write_question_eval ten 10 answer
db=.genops/genops.db

# Waits (polling observable state, bounded as a safety net) until `$1` holds.
wait_until() {
  for _ in $(seq 1 1200); do eval "$1" && return 0; sleep 0.05; done
  return 1
}
served() { cat ../state/count 2>/dev/null || echo 0; }
# Waits for process $1 to end, killing it after 60 s (a safety net only); sets $status.
wait_exit() {
  local pid=$1
  wait_until "! kill -0 $pid 2>/dev/null" || { kill -9 "$pid" 2>/dev/null; bad "the process did not end after the signal"; }
  wait "$pid"
  status=$?
}
# A fresh store and a fresh server (7 answers, then it holds every request)
# that genops.yaml points at.
restart() {
  rm -rf .genops
  kill $server; wait $server 2>/dev/null
  rm -f ../state/release ../state/count ../port2.txt
  python3 "$GENOPS_SOURCE_DIR/tests/support/hang_server.py" ../state 7 >../port2.txt &
  server=$!
  wait_until "[[ -s ../port2.txt ]]"
  sed -i "s#127.0.0.1:[0-9]*#127.0.0.1:$(cat ../port2.txt)#" genops.yaml
}

for sig in TERM INT HUP; do
  case_ "SIG$sig after the last case started: exit 130, run interrupted, finished results kept"
  restart  # cases 8-10 stay in flight
  "$GENOPS_BIN" eval evals/ten.yaml -j 4 >../out.txt 2>../err.txt &
  pid=$!
  wait_until '[[ $(served) -ge 10 ]]' || bad "the last case never started"
  wait_until '[[ $(sqlite3 $db "SELECT COUNT(*) FROM eval_results" 2>/dev/null) == 7 ]]' || bad "the 7 answered cases were not committed"
  kill -$sig $pid
  wait_exit $pid
  err=$(cat ../err.txt); out=$(cat ../out.txt)
  expect_exit 130
  expect_err_contains "interrupted; 7 results of run"
  expect_err_contains "--resume"
  expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs")" "interrupted"
  expect_eq "$(sqlite3 $db "SELECT COUNT(*), COUNT(DISTINCT case_key) FROM eval_results")" "7|7"
  expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM runs WHERE status = 'running'")" "0"
  expect_eq "$(served)" "10"  # nothing new started after the signal

  case_ "SIG$sig: --resume completes exactly the rest"
  touch ../state/release
  run genops eval evals/ten.yaml --resume last --json
  expect_exit 0
  expect_err_contains "3 to run (7 already recorded)"
  expect_eq "$(sqlite3 $db "SELECT COUNT(*), COUNT(DISTINCT case_key), SUM(pass) FROM eval_results")" "10|10|10"
  expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs")" "finished"
  expect_eq "$(served)" "13"
done

case_ "genops run --input-file: SIGTERM with the last rows in flight keeps every finished row"
restart
"$GENOPS_BIN" run chains/answer.yaml --input-file cases.jsonl -j 4 >../out.txt 2>../err.txt &
pid=$!
wait_until '[[ $(served) -ge 10 ]]' || bad "the last row never started"
kill -TERM $pid
wait_exit $pid
err=$(cat ../err.txt); out=$(cat ../out.txt)
expect_exit 130
expect_err_contains "interrupted after 7 rows"
expect_eq "$(grep -c '"status":"succeeded"' ../out.txt)" "7"
expect_eq "$(sqlite3 $db "SELECT status, COUNT(*) FROM runs WHERE kind = 'chain' GROUP BY status ORDER BY status")" "interrupted|3
succeeded|7"

case_ "a second signal ends the process at once; the store stays intact"
restart
"$GENOPS_BIN" eval evals/ten.yaml -j 4 >/dev/null 2>../err.txt &
pid=$!
wait_until '[[ $(served) -ge 10 ]]' || bad "the last case never started"
kill -INT $pid
kill -TERM $pid
wait_exit $pid
[[ $status -ne 0 ]] && ok || bad "expected a non-zero exit after two signals"
expect_eq "$(sqlite3 $db "PRAGMA integrity_check")" "ok"
saved=$(sqlite3 $db "SELECT COUNT(*) FROM eval_results")
[[ $saved -le 7 ]] && ok || bad "expected at most the 7 answered cases, found $saved"

finish
