#!/usr/bin/env bash
# `genops view` over a store filled by a real example project: every page in
# headless Chromium, filters and pages checked against the store itself
# (sqlite3, or psql in the PostgreSQL rerun), labels moved through the UI and
# seen by the CLI, hostile text kept as text, the token required, nothing
# fetched from outside.
source "$(dirname "$0")/lib.sh"
for tool in chromium curl jq; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/deps.sh installs it)"; exit 1; }
done
cp -r "$GENOPS_SOURCE_DIR/examples/support-eval" "$E2E_ROOT/p"
cd "$E2E_ROOT/p" || exit 2

# A test whose texts try to break out of the HTML (as in test_eval_html.sh):
# unescaped, either payload sets body[data-pwned] or adds <b id="injected">.
cat >"$E2E_ROOT/hostile.yaml" <<'YAML'
  - id: hostile-markup
    description: "</td><b id=\"injected\">bold</b>"
    vars:
      question: "<img src=x onerror=document.body.setAttribute('data-pwned',1)><script>document.body.setAttribute('data-pwned',2)</script>"
    expected: "</pre><b id=\"injected\">x</b>"
YAML
awk -v extra="$E2E_ROOT/hostile.yaml" '{ print } /^tests:$/ { while ((getline line < extra) > 0) print line }' \
  evals/support.yaml >evals/hostile.yaml
sed -i 's/^name: support-regression/name: support-hostile/' evals/hostile.yaml

# The store's answer to SQL, one row per line, columns joined by |.
store_sql() {
  if [[ -n ${GENOPS_STORE:-} ]]; then psql -X -q -A -t -F '|' "$GENOPS_STORE" -c "$1"
  else sqlite3 .genops/genops.db "$1"; fi
}

# Chromium with every host but 127.0.0.1 unresolvable and its own background
# traffic (updates, sign-in) off, so what it fetches is what the page asks for.
chrome() {
  timeout 120 chromium --headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-default-apps \
    --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" "$@"
}
browse() {  # URL -> the DOM after load, in $out
  run chrome --user-data-dir="$E2E_ROOT/chrome" --dump-dom "$1"
}
# The data-key attributes of the result rows in $out, in order, one per line.
result_keys() { grep -o '<tr class="result" data-key="[^"]*" data-provider="[^"]*" data-repeat="[0-9]*"' <<<"$out" |
  sed 's/.*data-key="\([^"]*\)" data-provider="\([^"]*\)" data-repeat="\([0-9]*\)"/\1|\2|\3/'; }

case_ "a store with eval runs, chain runs, two prompt versions and a skew report"
run genops eval evals/support.yaml --label main
[[ $status -le 1 ]] && ok || bad "eval: exit $status"
sed -i 's/Answer in at most two sentences./Answer in one or two short sentences./' prompts/answer.yaml
run genops eval evals/support.yaml --baseline main
[[ $status -le 1 ]] && ok || bad "eval: exit $status"
run genops eval evals/matrix.yaml
[[ $status -le 1 ]] && ok || bad "eval: exit $status"
run genops eval evals/hostile.yaml
[[ $status -le 1 ]] && ok || bad "eval: exit $status"
for i in $(seq 1 40); do echo "{\"question\": \"Where is parcel $i? It has been weeks and nobody answers my emails\"}"; done >prod.jsonl
run genops skew --reference eval:evals/support.yaml --current file:prod.jsonl --gate --no-embedding
expect_exit 1
expect_eq "$(store_sql "SELECT COUNT(*) FROM skew_reports")" "1"
first=$(store_sql "SELECT id FROM eval_runs WHERE suite = 'support-regression' ORDER BY started_at LIMIT 1")
second=$(store_sql "SELECT id FROM eval_runs WHERE suite = 'support-regression' ORDER BY started_at DESC LIMIT 1")
matrix=$(store_sql "SELECT id FROM eval_runs WHERE suite = 'support-matrix'")
hostile=$(store_sql "SELECT id FROM eval_runs WHERE suite = 'support-hostile'")
versions=$(store_sql "SELECT COUNT(*) FROM prompt_versions")
expect_eq "$versions" "2"

case_ "genops view prints one URL on 127.0.0.1 with a token and serves it"
mkfifo "$E2E_ROOT/url"
"$GENOPS_BIN" view --no-open >"$E2E_ROOT/url" 2>"$E2E_ROOT/view.err" &
view_pid=$!
trap 'kill $view_pid 2>/dev/null; rm -rf "$E2E_ROOT"' EXIT
exec 3<"$E2E_ROOT/url"
read -r -t 60 url <&3
[[ $url =~ ^http://127\.0\.0\.1:([0-9]+)/\?token=([0-9a-f]{32})$ ]] && ok || bad "not one URL with a token: [$url]"
port=${BASH_REMATCH[1]}
token=${BASH_REMATCH[2]}
base="http://127.0.0.1:$port"
t="token=$token"

case_ "a request without the token, or with a wrong one, gets 403"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/")" "403"
wrong=${token%?}$([[ $token == *0 ]] && echo 1 || echo 0)   # one character off
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/evals?token=$wrong")" "403"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/prompts?token=")" "403"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d name=support-answer -d version=1 -d label=production "$base/label/prompt")" "403"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/?$t")" "200"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/nothing?$t")" "404"

case_ "every response forbids fetching from anywhere but itself"
run curl -s -D - -o /dev/null "$base/evals?$t"
expect_out_contains "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
expect_out_contains "Referrer-Policy: no-referrer"
run curl -s -D - -o /dev/null "$base/?token=wrong"
expect_out_contains "Content-Security-Policy: default-src 'none'"

case_ "every page renders with the store's data"
browse "$base/?$t"
expect_out_contains "Eval runs by status"
browse "$base/prompts?$t"
expect_out_contains ">support-answer</a>"
browse "$base/prompt?$t&name=support-answer"
expect_out_contains "Diff two versions"
browse "$base/prompt/diff?$t&name=support-answer&a=1&b=2"
expect_out_contains '<span class="del">-You are a support agent. Answer in at most two sentences.</span>'
expect_out_contains '<span class="add">+You are a support agent. Answer in one or two short sentences.</span>'
expect_out_contains "eval support-regression"
expect_out_contains "pass rate (%)"
browse "$base/runs?$t"
runs_shown=$(grep -o '<tr class="run"' <<<"$out" | wc -l)
expect_eq "$runs_shown" "50"
browse "$base/runs?$t&chain=support&status=succeeded&limit=5"
expect_eq "$(grep -o '<tr class="run"' <<<"$out" | wc -l)" "5"
expected_runs=$(store_sql "SELECT id FROM runs WHERE name = 'support' AND status = 'succeeded' ORDER BY started_at DESC, id LIMIT 5" | sort)
expect_eq "$(grep -o 'data-run="[^"]*"' <<<"$out" | sed 's/data-run="\(.*\)"/\1/' | sort)" "$expected_runs"
chain_run=$(store_sql "SELECT run_id FROM eval_results WHERE eval_run_id = '$first' AND case_key = 'refund-time-frame'")
browse "$base/run?$t&id=$chain_run"
expect_out_contains '<tr class="step">'
expect_out_contains 'class="bar"'
browse "$base/step?$t&run=$chain_run&seq=1"
expect_out_contains 'Can I get my money back? I want a refund.'
expect_out_contains '<pre id="response">'
browse "$base/evals?$t"
expect_eq "$(grep -o '<tr class="eval-run"' <<<"$out" | wc -l)" "$(store_sql "SELECT COUNT(*) FROM eval_runs")"
expect_out_contains "main "
browse "$base/case?$t&run=$first&key=refund-time-frame"
expect_out_contains "llm-rubric"
expect_out_contains "Chain trace"
expect_out_contains '<tr class="step">'
browse "$base/compare?$t&a=$first&b=$second"
expect_out_contains 'id="mcnemar"'
expect_out_contains "<th>matched cases</th><td class=\"num\">7</td>"
expect_out_contains "<h2>New failures</h2>"
# One repeat per case: a new failure passed in the baseline and fails now, a fix the reverse.
flipped() {  # BASELINE-PASS CURRENT-PASS -> how many matched results went that way
  store_sql "SELECT COUNT(*) FROM eval_results r JOIN eval_results b ON b.eval_run_id = '$first' AND b.case_key = r.case_key AND b.provider = r.provider AND b.repeat = r.repeat WHERE r.eval_run_id = '$second' AND b.pass = $1 AND r.pass = $2"
}
expect_out_contains "<td class=\"num\" id=\"new-failures\">$(flipped 1 0)</td>"
expect_out_contains "<td class=\"num\" id=\"fixed\">$(flipped 0 1)</td>"
expect_eq "$(grep -o '<tr class="case"' <<<"$out" | wc -l)" "$(( $(flipped 1 0) + $(flipped 0 1) + $(flipped 0 0) ))"
browse "$base/skew?$t"
expect_eq "$(grep -o '<tr class="skew-report"' <<<"$out" | wc -l)" "1"
skew_id=$(store_sql "SELECT id FROM skew_reports")
browse "$base/skew/report?$t&id=$skew_id"
expect_out_contains 'class="histogram"'
expect_out_contains 'class="bar cur"'

case_ "filters and pages return the store's rows"
browse "$base/eval?$t&run=$matrix"
expect_eq "$(result_keys)" "$(store_sql "SELECT case_key, provider, repeat FROM eval_results WHERE eval_run_id = '$matrix' ORDER BY case_key, provider, repeat LIMIT 50")"
browse "$base/eval?$t&run=$matrix&size=10&page=1"
expect_eq "$(result_keys)" "$(store_sql "SELECT case_key, provider, repeat FROM eval_results WHERE eval_run_id = '$matrix' ORDER BY case_key, provider, repeat LIMIT 10 OFFSET 10")"
expect_out_contains '<table id="results" data-page="1" data-rows="10">'
expect_out_contains '<span id="next">'
browse "$base/eval?$t&run=$matrix&status=failed&provider=candidate"
expect_eq "$(result_keys)" "$(store_sql "SELECT case_key, provider, repeat FROM eval_results WHERE eval_run_id = '$matrix' AND pass = 0 AND provider = 'candidate' ORDER BY case_key, provider, repeat")"
browse "$base/eval?$t&run=$matrix&sort=-score&size=7&page=2"
expect_eq "$(result_keys)" "$(store_sql "SELECT case_key, provider, repeat FROM eval_results WHERE eval_run_id = '$matrix' ORDER BY score DESC, case_key, provider, repeat LIMIT 7 OFFSET 14")"
browse "$base/eval?$t&run=$first&status=errored"
expect_eq "$(result_keys)" "$(store_sql "SELECT case_key, provider, repeat FROM eval_results WHERE eval_run_id = '$first' AND error != '' ORDER BY case_key, provider, repeat")"
browse "$base/eval?$t&run=$second&status=changed&baseline=$first"
expect_eq "$(result_keys)" "$(store_sql "SELECT r.case_key, r.provider, r.repeat FROM eval_results r JOIN eval_results b ON b.eval_run_id = '$first' AND b.case_key = r.case_key AND b.provider = r.provider AND b.repeat = r.repeat WHERE r.eval_run_id = '$second' AND b.pass != r.pass ORDER BY r.case_key, r.provider, r.repeat")"
# An RE2 regex over vars and output: (?i) and an alternation no LIKE could say.
browse "$base/eval?$t&run=$matrix&q=%28%3Fi%29refund%7Cpassword&size=100"
matched=$(result_keys | wc -l)
expected=$(store_sql "SELECT COUNT(*) FROM eval_results WHERE eval_run_id = '$matrix' AND (LOWER(vars) LIKE '%refund%' OR LOWER(output) LIKE '%refund%' OR LOWER(vars) LIKE '%password%' OR LOWER(output) LIKE '%password%')")
expect_eq "$matched" "$expected"
[[ $matched -gt 0 ]] && ok || bad "the regex matched nothing"
run curl -s "$base/eval?$t&run=$matrix&q=%28unclosed"
expect_out_contains "q: not a regular expression (RE2): missing ): (unclosed"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/eval?$t&run=$matrix&q=%28unclosed")" "400"

case_ "injected markup in outputs and vars stays text"
browse "$base/eval?$t&run=$hostile&q=img"
expect_out_contains '&lt;img src=x onerror='
expect_out_lacks '<b id="injected">'
expect_eq "$(grep -c '<body[^>]*data-pwned' <<<"$out")" "0"
browse "$base/case?$t&run=$hostile&key=hostile-markup"
expect_out_contains '&lt;/td&gt;&lt;b id="injected"&gt;bold&lt;/b&gt;'
expect_out_contains '&lt;/pre&gt;&lt;b id="injected"&gt;x&lt;/b&gt;'
expect_out_lacks '<b id="injected">'
expect_out_lacks '<img src=x'
expect_eq "$(grep -c '<body[^>]*data-pwned' <<<"$out")" "0"

case_ "a run whose summary lacks some figures renders with those it has (a missing one crashed the server)"
store_sql "UPDATE eval_runs SET summary = '{\"results\": 9}' WHERE id = '$hostile'" >/dev/null
run curl -s -w '\n%{http_code}' "$base/eval?$t&run=$hostile"
expect_out_contains "· 9 results</p>"
expect_out_lacks "pass rate"
[[ $out == *$'\n'200 ]] && ok || bad "expected 200"

case_ "a prompt label moved in the UI shows up in genops prompt log, with its author"
run curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -X POST -d name=support-answer -d version=1 -d label=production "$base/label/prompt?$t"
[[ $out == "303 $base/prompt?$t&name=support-answer" ]] && ok || bad "expected a 303 back to the prompt, got [$out]"
run genops prompt log support-answer
expect_exit 0
expect_out_contains "production"
expect_eq "$(store_sql "SELECT l.label, v.number, l.author FROM label_history l JOIN prompt_versions v ON v.id = l.version_id WHERE l.label = 'production'")" "production|1|e2e-tester"
browse "$base/prompt?$t&name=support-answer"
expect_out_contains "<td>production</td><td>@1</td><td><span class=\"muted\">new</span></td><td>e2e-tester</td>"
run curl -s -X POST -d name=support-answer -d version=9 -d label=production "$base/label/prompt?$t"
expect_out_contains "support-answer@9"
run curl -s -o /dev/null -w '%{http_code}' -X POST -d name=support-answer -d version=1 -d 'label=bad label' "$base/label/prompt?$t"
expect_eq "$out" "400"

case_ "an eval label moved in the UI is the CLI's baseline, with its author"
run curl -s -o /dev/null -w '%{http_code}' -X POST -d "run=$second" -d label=main "$base/label/eval?$t"
expect_eq "$out" "303"
run genops evals list support-regression
expect_out_contains "main"
expect_eq "$(store_sql "SELECT eval_run_id, author FROM eval_labels WHERE label = 'main' ORDER BY created_at DESC LIMIT 1")" "$second|e2e-tester"
browse "$base/evals?$t&eval=support-regression"
expect_out_contains "<td>main</td><td><a href=\"/eval?token=$token&amp;run=$second\">$second</a></td><td>e2e-tester</td>"

case_ "nothing is fetched from outside: no outside URL in any page, and Chromium's network log names only the viewer"
for page in "/?$t" "/evals?$t" "/eval?$t&run=$hostile" "/case?$t&run=$hostile&key=hostile-markup" "/skew/report?$t&id=$skew_id"; do
  run curl -s "$base$page"
  expect_eq "$(grep -cE '(src|href|action)="(https?:)?//' <<<"$out")" "0"
done
chrome --user-data-dir="$E2E_ROOT/chrome2" --log-net-log="$E2E_ROOT/net.json" --dump-dom "$base/case?$t&run=$hostile&key=hostile-markup" >/dev/null 2>&1
# The requests made for the viewer's pages carry its origin as their network
# isolation key (Chromium's own update and sign-in traffic does not): each
# must go to the viewer.
run python3 - "$E2E_ROOT/net.json" "$port" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["events"]
page = [e["params"]["url"] for e in events
        if e.get("params", {}).get("network_isolation_key", "").startswith("http://127.0.0.1")]
print("requests %d" % len(page))
for url in page:
    if not url.startswith("http://127.0.0.1:%s/" % sys.argv[2]):
        print("outside: " + url)
PY
expect_exit 0
expect_out_lacks "outside:"
[[ $out =~ requests\ [1-9] ]] && ok || bad "the network log shows no request for the page"

case_ "--port on a port in use is a usage error naming it"
run genops view --no-open --port "$port"
expect_exit 2
expect_err_contains "--port $port: cannot listen on 127.0.0.1 there"

case_ "Ctrl-C stops the viewer cleanly"
kill -INT $view_pid
wait $view_pid
expect_eq "$?" "0"
exec 3<&-
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/?$t")" "000"

finish
