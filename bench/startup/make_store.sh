#!/usr/bin/env bash
# Makes a project whose store holds 10,000 prompt versions (100 prompts x 100
# versions, each version a `prompt add` of the 100 files), for `prompt list`.
# Usage: bench/startup/make_store.sh GENOPS DIR   (creates DIR/proj; prints nothing else)
set -euo pipefail
genops=$1
dir=$2
export GENOPS_AUTHOR=bench
mkdir -p "$dir"
cd "$dir"
"$genops" init proj >/dev/null
cd proj
mkdir -p many
for v in $(seq 1 100); do
  for p in $(seq 1 100); do
    printf 'version: 1\nname: p%03d\ninputs:\n  q: {type: string}\ntemplate: "v%d {{q}}"\n' "$p" "$v" >"many/p$p.yaml"
  done
  "$genops" prompt add many/*.yaml -m "v$v" >/dev/null
done
