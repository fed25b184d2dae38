#!/usr/bin/env bash
# Issue 14, start-up: libcurl and libpq (and their ~30 libraries) load only in
# commands that make HTTP calls or open a PostgreSQL store, from the modules
# lib/genops/genops_http.so and genops_postgresql.so next to the binary; a
# missing module is a clear error (exit 70) naming the files tried.
source "$(dirname "$0")/lib.sh"

genops init proj >/dev/null
cd proj || exit 2
# Port 0: the connection fails at once, after the client (and libcurl) loaded.
cat >>genops.yaml <<'YAML'
  nowhere: {kind: openai, base_url: "http://127.0.0.1:0/v1", model: m, max_retries: 0}
YAML
genops prompt add prompts/support-answer.yaml >/dev/null

case_ "--version and a SQLite store load neither libcurl nor libpq"
LD_DEBUG=libs run genops --version
expect_exit 0
[[ $err != *libcurl* && $err != *libpq* && $err != *genops_http* ]] && ok || bad "--version loaded libcurl or libpq"
LD_DEBUG=libs run genops prompt list
expect_exit 0
[[ $err != *libcurl* && $err != *libpq* ]] && ok || bad "prompt list loaded libcurl or libpq"

case_ "a model call loads the HTTP module, and libcurl with it"
LD_DEBUG=libs run genops prompt render support-answer --var question=q --run --provider nowhere
expect_exit 4
expect_err_contains "lib/genops/genops_http.so"
expect_err_contains "libcurl.so"
[[ $err != *libpq* ]] && ok || bad "an HTTP call loaded libpq"

case_ "a PostgreSQL store loads the libpq module"
if url=$(pg_new_db); then
  LD_DEBUG=libs run genops --store "$url" prompt list
  expect_exit 0
  expect_err_contains "lib/genops/genops_postgresql.so"
  expect_err_contains "libpq.so"
  [[ $err != *libcurl* ]] && ok || bad "a PostgreSQL store loaded libcurl"
else
  bad "no PostgreSQL server for the suite"
fi

case_ "a binary without its modules: exit 70, the files tried, a reinstall hint"
mkdir -p "$E2E_ROOT/bare/bin"
cp "$GENOPS_BIN" "$E2E_ROOT/bare/bin/genops"
run "$E2E_ROOT/bare/bin/genops" --version
expect_exit 0
run "$E2E_ROOT/bare/bin/genops" prompt render support-answer --var question=q --run --provider nowhere
expect_exit 70
expect_eq "$(head -1 <<<"$err")" "genops: error: genops_http.so: the genops module cannot be loaded ($E2E_ROOT/bare/bin/lib/genops/genops_http.so: not found; $E2E_ROOT/bare/lib/genops/genops_http.so: not found)"
expect_err_contains "  hint: reinstall genops"
run "$E2E_ROOT/bare/bin/genops" --store postgresql://e2e@127.0.0.1:0/none prompt list
expect_exit 70
expect_err_contains "genops: error: genops_postgresql.so: the genops module cannot be loaded ($E2E_ROOT/bare/bin/lib/genops/genops_postgresql.so: not found;"
expect_err_contains "  hint: reinstall genops"

case_ "a broken module: the loader's own message"
mkdir -p "$E2E_ROOT/bare/lib/genops"
echo "not an ELF file" >"$E2E_ROOT/bare/lib/genops/genops_http.so"
run "$E2E_ROOT/bare/bin/genops" prompt render support-answer --var question=q --run --provider nowhere
expect_exit 70
expect_err_contains "$E2E_ROOT/bare/lib/genops/genops_http.so: file too short)"

finish
