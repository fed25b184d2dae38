#!/usr/bin/env bash
# genops store merge (issue 13 §3): unions stores; the same key with the same
# content is kept once, with different content reported (exit 1) and never
# overwritten; prompt versions are matched by content hash; merging twice
# changes nothing.
source "$(dirname "$0")/lib.sh"
cp -r "$GENOPS_SOURCE_DIR/examples/support-eval" "$E2E_ROOT/p"
cd "$E2E_ROOT/p" || exit 2
rows() { sqlite3 "$1" "SELECT (SELECT COUNT(*) FROM eval_runs) || ' ' || (SELECT COUNT(*) FROM eval_results) || ' ' ||
  (SELECT COUNT(*) FROM runs) || ' ' || (SELECT COUNT(*) FROM steps) || ' ' || (SELECT COUNT(*) FROM prompt_versions) || ' ' ||
  (SELECT COUNT(*) FROM blobs) || ' ' || (SELECT COUNT(*) FROM eval_labels)"; }
genops --store a.db eval evals/support.yaml --label main >/dev/null 2>&1
genops --store b.db eval evals/support.yaml --no-cache >/dev/null 2>&1
genops --store b.db prompt label support-answer@1 production >/dev/null 2>&1

case_ "two stores into a new one: every row once"
run genops store merge a.db b.db --into merged.db
expect_exit 0
expect_out_contains "merged a.db into merged.db:"
expect_out_contains ", 0 conflicts"
a=($(rows a.db)) b=($(rows b.db)) m=($(rows merged.db))
expect_eq "${m[0]} ${m[1]}" "$((a[0] + b[0])) $((a[1] + b[1]))"    # eval runs and results: different runs
expect_eq "${m[4]}" "1"                                         # support-answer@1, the same hash in both
expect_eq "$(sqlite3 merged.db "SELECT label FROM labels")" "production"
expect_eq "$(sqlite3 merged.db "PRAGMA foreign_key_check")" ""
expect_eq "$(sqlite3 merged.db "PRAGMA integrity_check")" "ok"
run genops --store merged.db evals list --json
expect_eq "$(jq length <<<"$out")" "2"

case_ "merging twice changes nothing"
before=$(rows merged.db)
run genops store merge a.db b.db --into merged.db --json
expect_exit 0
expect_eq "$(jq -r '[.sources[].added | to_entries[].value] | add // 0' <<<"$out")" "0"
expect_eq "$(jq -r '[.sources[].conflicts | length] | add' <<<"$out")" "0"
expect_eq "$(rows merged.db)" "$before"

case_ "the same key with another output is reported, never overwritten"
cp a.db c.db
sqlite3 c.db "UPDATE eval_results SET output = 'something else' WHERE case_key = 'refund-time-frame'"
run_id=$(sqlite3 a.db "SELECT id FROM eval_runs")
run genops store merge c.db --into merged.db
expect_exit 1
expect_out_contains "conflict: eval_results (eval_run_id=$run_id, case_key=refund-time-frame, provider=, repeat=0): output differ; the target's row is kept"
expect_err_contains "1 row has the key of a different row in merged.db; not merged"
expect_err_contains "hint: the target's rows are kept as they were"
expect_eq "$(sqlite3 merged.db "SELECT output != 'something else' FROM eval_results WHERE case_key = 'refund-time-frame' AND eval_run_id = '$run_id'")" "1"
expect_eq "$(rows merged.db)" "$before"

case_ "a prompt version number taken by another hash is a conflict"
mkdir -p other && cp -r prompts other/ && sed -i 's/Answer in at most two sentences./Answer briefly./' other/prompts/answer.yaml
genops --store d.db prompt add other/prompts/answer.yaml >/dev/null 2>&1
expect_eq "$(sqlite3 d.db "SELECT number FROM prompt_versions")" "1"
run genops store merge d.db --into merged.db
expect_exit 1
expect_out_contains "conflict: prompt_versions (prompt=support-answer, number=1): hash ("
expect_eq "$(sqlite3 merged.db "SELECT COUNT(*) FROM prompt_versions")" "1"

case_ "into the project's store by default; the target itself is refused"
run genops store merge a.db
expect_exit 0
expect_out_contains "into .genops/genops.db"
expect_eq "$(sqlite3 .genops/genops.db "SELECT COUNT(*) FROM eval_results")" "$(sqlite3 a.db "SELECT COUNT(*) FROM eval_results")"
run genops store merge .genops/genops.db
expect_exit 2
expect_err_contains "is the target store itself"
run genops store merge missing.db --into merged.db
expect_exit 5

finish
