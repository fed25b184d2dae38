#!/usr/bin/env bash
# bench/view: `genops view` over an eval run of N results (default 1,000,000)
# generated straight into a SQLite store (bench/view/README.md):
#   time to first render of the run's page, to each filter (failed, errored,
#   provider, a regex, sorted by latency, a deep page), the Compare page against
#   a second run of N, and the server's peak RSS.
# Usage: bench/view/run.sh path/to/genops   (N=…)
set -euo pipefail
genops=$(realpath "${1:?usage: run.sh path/to/genops}")
N=${N:-1000000}
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/support/projects.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/genops-bench-view-XXXXXX")
view_pid=
trap '[[ -n $view_pid ]] && kill $view_pid 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
write_slow_project
write_question_eval bench 2 "42"
"$genops" eval evals/bench.yaml >/dev/null 2>&1 || true   # creates and migrates the store
db=.genops/genops.db

# One eval run of N results: 10% failed, 1% errored, two providers, texts of a realistic size.
run=00000000b0000001
sqlite3 "$db" <<SQL
INSERT INTO eval_runs (id, suite, target, providers, status, started_at, ended_at, summary, gate_passed)
VALUES ('$run', 'big', 'chain:chains/answer.yaml', '["gpt","claude"]', 'finished', '2026-12-05T00:00:00.000Z',
        '2026-12-05T01:00:00.000Z', '{"results":$N,"passes":$((N * 9 / 10)),"pass_rate":0.9}', 1);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $N)
INSERT INTO eval_results (eval_run_id, case_key, provider, repeat, case_index, vars, output, pass, score, error,
                          latency_ms, cost_usd, assertions)
SELECT '$run', printf('case-%08d', i / 2), CASE i % 2 WHEN 0 THEN 'gpt' ELSE 'claude' END, 0, i / 2,
       printf('{"question":"Question number %d about %s?"}', i, CASE i % 7 WHEN 0 THEN 'refunds' ELSE 'shipping' END),
       printf('The answer to question %d is that it depends on the order; see the help page for details.', i),
       CASE WHEN i % 10 = 3 THEN 0 ELSE 1 END, (i % 100) / 100.0, CASE WHEN i % 100 = 7 THEN 'provider gpt: HTTP 500' ELSE '' END,
       (i * 7919) % 5000, 0.0001, '[{"type":"contains","metric":"contains","pass":true,"weight":1}]'
FROM n;
-- The baseline for the compare page: the same cases, every 50th verdict flipped.
INSERT INTO eval_runs (id, suite, target, providers, status, started_at, ended_at, summary, gate_passed)
VALUES ('${run%1}0', 'big', 'chain:chains/answer.yaml', '["gpt","claude"]', 'finished', '2026-12-04T00:00:00.000Z',
        '2026-12-04T01:00:00.000Z', '{"results":$N}', 1);
INSERT INTO eval_results (eval_run_id, case_key, provider, repeat, case_index, vars, output, pass, score, error,
                          latency_ms, cost_usd, assertions)
SELECT '${run%1}0', case_key, provider, repeat, case_index, vars, output,
       CASE WHEN case_index % 50 = 1 THEN 1 - pass ELSE pass END, score, error, latency_ms, cost_usd, assertions
FROM eval_results WHERE eval_run_id = '$run';
SQL
echo "store: $(du -h "$db" | cut -f1) for $N results; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

mkfifo url
"$genops" view --no-open >url 2>/dev/null &
view_pid=$!
exec 3<url
read -r -t 60 first_url <&3
base=${first_url%%/\?*}
token=${first_url##*token=}

# Seconds for one page, fetched whole; the rows it shows.
fetch() {  # NAME PATH-AND-QUERY
  local t0 t1 body
  t0=$(date +%s.%N)
  body=$(curl -s "$base$2&token=$token")
  t1=$(date +%s.%N)
  printf '%-34s %6.3f s  %3d rows\n' "$1" "$(echo "$t1 - $t0" | bc)" "$(grep -oE '<tr class="(result|case)"' <<<"$body" | wc -l)"
}
fetch "first render (page 1, key order)" "/eval?run=$run"
fetch "again (warm)" "/eval?run=$run"
fetch "failed" "/eval?run=$run&status=failed"
fetch "errored" "/eval?run=$run&status=errored"
fetch "provider claude, failed" "/eval?run=$run&status=failed&provider=claude"
fetch "regex (?i)refunds" "/eval?run=$run&q=%28%3Fi%29refunds"
fetch "regex, 1 match near the end" "/eval?run=$run&q=question%20$((N - 3))%5Cb"
fetch "sorted by latency, slowest first" "/eval?run=$run&sort=-latency"
fetch "failed, page 1000" "/eval?run=$run&status=failed&page=1000"
fetch "compare with the baseline run" "/compare?a=${run%1}0&b=$run"
fetch "evals list" "/evals?x="
fetch "case page" "/case?run=$run&key=case-00000042"
echo "server peak RSS: $(grep VmHWM /proc/$view_pid/status | awk '{print $2 / 1024 " MB"}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
