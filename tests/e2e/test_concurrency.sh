#!/usr/bin/env bash
# Several processes writing one store at once all succeed: 8 concurrent
# `prompt add` of different content get distinct, gapless version numbers.
source "$(dirname "$0")/lib.sh"

genops init proj >/dev/null
cd proj || exit 2
for i in $(seq 1 8); do
  mkdir -p "v$i"
  sed "s/Answer only from the context./Answer only from the context (variant $i)./" prompts/support-answer.yaml >"v$i/p.yaml"
done

case_ "8 concurrent adds"
for round in 1 2 3; do
  pids=()
  for i in $(seq 1 8); do
    sed -i "s/(variant $i[^)]*)/(variant $i round $round)/" "v$i/p.yaml"
    "$GENOPS_BIN" prompt add "v$i/p.yaml" -m "variant $i round $round" >"out.$i" 2>"err.$i" &
    pids+=($!)
  done
  failures=0
  for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
  expect_eq "$failures" 0
  cat err.* | grep -q . && bad "stderr: $(cat err.*)" || ok
done
run genops prompt log support-answer --json
expect_eq "$(jq -c '[.versions[].version] | sort' <<<"$out")" "[$(seq -s, 1 24)]"
expect_eq "$(jq '[.versions[].hash] | unique | length' <<<"$out")" 24
run genops store verify
expect_exit 0

finish
