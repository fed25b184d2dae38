#!/usr/bin/env bash
# Working as a team: two project directories (two machines) share one
# PostgreSQL store through `store:`; prompts, labels and eval baselines made on
# one are seen on the other. Secrets and the URL's password never reach the
# store or the output. A server that goes away mid-eval stops the eval like an
# interruption (exit 5, results kept) and --resume completes it.
source "$(dirname "$0")/lib.sh"
store=$(pg_new_db) || { echo "no PostgreSQL test server"; exit 1; }
pg_count() { psql -X -Atq "$1" -c "$2" 2>/dev/null || echo -1; }

genops init alice >/dev/null
genops init bob >/dev/null
for d in alice bob; do sed -i "s#^store: .*#store: $store#" "$d/genops.yaml"; done

case_ "a prompt added and labelled on one machine is seen on the other"
cd alice
run genops prompt add prompts/support-answer.yaml -m first --label production
expect_exit 0; expect_out_contains "support-answer@1  added"
expect_no_file .genops/genops.db
cd ../bob
run genops prompt show support-answer@production
expect_exit 0; expect_out_contains "support-answer@1"
sed -i 's/temperature: 0.2/temperature: 0.5/' prompts/support-answer.yaml
run genops prompt add prompts/support-answer.yaml -m warmer --label production
expect_exit 0; expect_out_contains "support-answer@2  added"; expect_out_contains "label production -> support-answer@2"
cd ../alice
run genops prompt list --json
expect_exit 0
expect_eq "$(jq -r '.[0].versions' <<<"$out")" 2
run genops prompt label support-answer@1 production
expect_exit 0
cd ../bob
run genops prompt show support-answer@production
expect_exit 0; expect_out_contains "support-answer@1"

case_ "the same prompt content added on both machines is one version"
cd ../alice
sed -i 's/temperature: 0.2/temperature: 0.5/' prompts/support-answer.yaml
run genops prompt add prompts/support-answer.yaml -m same
expect_exit 0; expect_out_contains "unchanged: identical to version 2"

case_ "an eval labelled main on one machine is the baseline of a run on the other"
for d in ../alice ../bob; do (cd "$d" && write_question_eval q 20 "no answer"); done
run genops eval evals/q.yaml --label main
expect_exit 0
cd ../bob
run genops evals list --json
expect_exit 0
expect_eq "$(jq -r 'length' <<<"$out")" 1
run genops eval evals/q.yaml --baseline main --json
expect_exit 0
expect_eq "$(jq -r '.summary.results // .summary.total // empty' <<<"$out" | head -1 | grep -c .)" 1
expect_eq "$(pg_count "$store" "SELECT COUNT(*) FROM eval_results")" 40
expect_eq "$(pg_count "$store" "SELECT COUNT(DISTINCT eval_run_id) FROM eval_results")" 2

case_ "runs, store info and verify on the server"
run genops runs list --json
expect_exit 0
run genops store info --json
expect_exit 0
[[ $(jq -r '.schema_version' <<<"$out") -ge 7 ]] && ok || bad "schema version: $(jq -r '.schema_version' <<<"$out")"
expect_eq "$(jq -r '.tables.eval_results' <<<"$out")" 40
run genops store verify
expect_exit 0; expect_out_contains "ok: postgresql://"

case_ "a password written in the URL is never printed"
withpw="${store/postgres@/postgres:hunter2-canary@}"
GENOPS_STORE=$withpw run genops store info
expect_exit 0
expect_out_contains "postgres:***@"
[[ "$out$err" != *hunter2-canary* ]] && ok || bad "the password was printed"
GENOPS_STORE=$withpw run genops config show
[[ "$out$err" != *hunter2-canary* ]] && ok || bad "config show printed the password"

case_ "an API key echoed by a provider never reaches the PostgreSQL store"
key="sk-canary$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GENOPS_CANARY_KEY=$key
python3 "$GENOPS_SOURCE_DIR/tests/support/echo_key_server.py" seen.txt >port.txt &
server=$!
for _ in $(seq 1 100); do [[ -s port.txt ]] && break; sleep 0.1; done
cat >>genops.yaml <<YAML
  canary: {kind: openai, base_url: "http://127.0.0.1:$(cat port.txt)/v1", model: canary, api_key_env: GENOPS_CANARY_KEY, max_retries: 0}
YAML
genops prompt render support-answer --var question=q --run --provider canary >/dev/null 2>&1
genops prompt render support-answer --var question=q --run --provider canary --json >/dev/null 2>&1
kill $server 2>/dev/null
grep -q "$key" seen.txt && ok || bad "the loopback server never saw the key (the test proves nothing)"
dump=$(pg_dump -X "$store" 2>/dev/null || pg_dump "$store")
[[ -n $dump && $dump != *"$key"* ]] && ok || bad "the key is in the PostgreSQL store"

case_ "the server goes away mid-eval: exit 5 with the resume command; --resume completes it"
cd "$E2E_ROOT"
priv="$E2E_ROOT/pg-private"
bash "$GENOPS_SOURCE_DIR/tests/support/pg_server.sh" start "$priv" || bad "cannot start a private server"
trap 'bash "$GENOPS_SOURCE_DIR/tests/support/pg_server.sh" stop "$priv"; rm -rf "$E2E_ROOT"' EXIT
mkdir -p slow && cd slow
write_slow_project "$(cat "$priv/url")"
write_question_eval big 1000 42
GENOPS_STORE_RETRY_SECONDS=2 "$GENOPS_BIN" eval evals/big.yaml -j 4 >eval.out 2>eval.err &
pid=$!
for _ in $(seq 1 600); do
  n=$(pg_count "$(cat "$priv/url")" "SELECT COUNT(*) FROM eval_results")
  [[ ${n:-0} -ge 50 ]] && break
  sleep 0.05
done
bash "$GENOPS_SOURCE_DIR/tests/support/pg_server.sh" halt "$priv"
wait $pid
status=$?
err=$(cat eval.err)
expect_exit 5
expect_err_contains "--resume"
bash "$GENOPS_SOURCE_DIR/tests/support/pg_server.sh" resume "$priv"
kept=$(pg_count "$(cat "$priv/url")" "SELECT COUNT(*) FROM eval_results")
[[ $kept -ge 50 && $kept -lt 1000 ]] && ok || bad "expected the finished results kept, found $kept"
run genops eval evals/big.yaml -j 16 --resume last --json
expect_exit 0
expect_eq "$(pg_count "$(cat "$priv/url")" "SELECT COUNT(*) FROM eval_results")" 1000
expect_eq "$(pg_count "$(cat "$priv/url")" "SELECT COUNT(DISTINCT case_key) FROM eval_results")" 1000

finish
