#!/usr/bin/env bash
# Secret canary: an API key (a long random one) that a loopback server echoes
# in its 401 error body and in a model reply never reaches stdout, stderr
# (debug log included) or the store and its -wal — while the server did get it.
source "$(dirname "$0")/lib.sh"

key="sk-canary$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GENOPS_CANARY_KEY=$key
python3 "$GENOPS_SOURCE_DIR/tests/support/echo_key_server.py" seen.txt >port.txt &
server=$!
for _ in $(seq 1 50); do [[ -s port.txt ]] && break; sleep 0.1; done
port=$(cat port.txt)

genops init proj >/dev/null
cd proj || exit 2
cat >>genops.yaml <<YAML
  canary: {kind: openai, base_url: "http://127.0.0.1:$port/v1", model: canary, api_key_env: GENOPS_CANARY_KEY, max_retries: 0}
YAML
genops prompt add prompts/support-answer.yaml -m first >/dev/null

case_ "401 echoing the key"
GENOPS_LOG=debug run genops prompt render support-answer --var question=q --run --provider canary
expect_exit 4
expect_err_contains "auth"
all="$out$err"

case_ "a reply containing the key"
GENOPS_LOG=debug run genops prompt render support-answer --var question=q --run --provider canary --json
expect_exit 0
all+="$out$err"
GENOPS_LOG=debug run genops providers check canary
all+="$out$err"

case_ "the server got the key; nothing else did"
grep -q "Bearer $key" ../seen.txt && ok || bad "the server never received the key"
b64=$(printf '%s' "$key" | base64 -w0 | tr -d '=')
for form in "$key" "${key:3}" "$b64"; do
  [[ $all != *"$form"* ]] && ok || bad "a form of the key reached stdout or stderr"
  for f in .genops/genops.db .genops/genops.db-wal; do
    [[ -f $f ]] || continue
    grep -qaF "$form" "$f" && bad "a form of the key is in $f" || ok
  done
done
kill "$server" 2>/dev/null
finish
