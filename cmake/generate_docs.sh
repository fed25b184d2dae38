#!/bin/sh
# Writes the man page and the completion scripts from the built binary's own
# command table: generate_docs.sh GENOPS OUT_DIR. Run by the build.
set -e
genops=$1 out=$2
mkdir -p "$out"
"$genops" __man >"$out/genops.1"
gzip -9nf "$out/genops.1"
"$genops" completion bash >"$out/genops.bash"
"$genops" completion zsh >"$out/_genops"
