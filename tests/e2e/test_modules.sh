#!/usr/bin/env bash
# Issue 14, start-up: libcurl and libpq (and their ~30 libraries), libsqlite3,
# libcrypto and cpp-httplib load only in commands that make HTTP calls, open a
# PostgreSQL or SQLite store, hash or serve `genops view`, from the modules
# lib/genops/genops_http.so, genops_postgresql.so, genops_sqlite.so,
# genops_crypto.so and genops_view_http.so next to the
# binary; a missing module is a clear error (exit 70) naming the files tried.
source "$(dirname "$0")/lib.sh"

genops init proj >/dev/null
cd proj || exit 2
# Port 0: the connection fails at once, after the client (and libcurl) loaded.
cat >>genops.yaml <<'YAML'
  nowhere: {kind: openai, base_url: "http://127.0.0.1:0/v1", model: m, max_retries: 0}
YAML
genops prompt add prompts/support-answer.yaml >/dev/null

# The shared objects a process loaded (LD_DEBUG=libs: one "calling init:" line
# each, modules included), by file name, sorted, on one line.
mapped_libraries() { grep -o 'calling init: [^ ]*' <<<"$err" | sed 's|.*/||' | sort -u | tr '\n' ' '; }

case_ "--version and --help map only the libraries every command needs"
# Each library costs every command its loading and relocation (bench/startup/README.md).
every_command="ld-linux-x86-64.so.2 libc.so.6 libgcc_s.so.1 libm.so.6 libstdc++.so.6 "
LD_DEBUG=libs run genops --version
expect_exit 0
expect_eq "$(mapped_libraries)" "$every_command"
LD_DEBUG=libs run genops --help
expect_exit 0
expect_eq "$(mapped_libraries)" "$every_command"

case_ "a SQLite store loads the SQLite module, and neither libcurl nor libpq"
LD_DEBUG=libs run genops prompt list
expect_exit 0
expect_err_contains "lib/genops/genops_sqlite.so"
expect_err_contains "libsqlite3.so"
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

case_ "genops view loads the view's HTTP module, and cpp-httplib with it; nothing else does"
# A port someone holds: the viewer loads its transport, fails to bind, exits 2
# (under `timeout`, so that a viewer which did bind ends the case).
mkfifo "$E2E_ROOT/held_port"
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
open(sys.argv[1], "w").write("%d\n" % s.getsockname()[1]); time.sleep(600)' "$E2E_ROOT/held_port" &
holder=$!
read -r held_port <"$E2E_ROOT/held_port"
LD_DEBUG=libs run timeout 60 "$GENOPS_BIN" view --no-open --port "$held_port"
expect_exit 2
expect_err_contains "lib/genops/genops_view_http.so"
expect_err_contains "libcpp-httplib.so"
kill "$holder"
LD_DEBUG=libs run genops prompt list
[[ $err != *httplib* ]] && ok || bad "prompt list loaded cpp-httplib"

case_ "a binary without its modules: exit 70, the files tried, a reinstall hint"
mkdir -p "$E2E_ROOT/bare/bin" "$E2E_ROOT/bare/lib/genops"
cp "$GENOPS_BIN" "$E2E_ROOT/bare/bin/genops"
run "$E2E_ROOT/bare/bin/genops" --version
expect_exit 0
run "$E2E_ROOT/bare/bin/genops" prompt list
expect_exit 70
expect_eq "$(head -1 <<<"$err")" "genops: error: genops_sqlite.so: the genops module cannot be loaded ($E2E_ROOT/bare/bin/lib/genops/genops_sqlite.so: not found; $E2E_ROOT/bare/lib/genops/genops_sqlite.so: not found)"
expect_err_contains "  hint: reinstall genops"
# With the store and hash modules back, the next module missing is HTTP's.
cp "$(dirname "$GENOPS_BIN")/lib/genops/genops_sqlite.so" "$(dirname "$GENOPS_BIN")/lib/genops/genops_crypto.so" \
  "$E2E_ROOT/bare/lib/genops/"
run "$E2E_ROOT/bare/bin/genops" prompt render support-answer --var question=q --run --provider nowhere
expect_exit 70
expect_eq "$(head -1 <<<"$err")" "genops: error: genops_http.so: the genops module cannot be loaded ($E2E_ROOT/bare/bin/lib/genops/genops_http.so: not found; $E2E_ROOT/bare/lib/genops/genops_http.so: not found)"
expect_err_contains "  hint: reinstall genops"
run "$E2E_ROOT/bare/bin/genops" --store postgresql://e2e@127.0.0.1:0/none prompt list
expect_exit 70
expect_err_contains "genops: error: genops_postgresql.so: the genops module cannot be loaded ($E2E_ROOT/bare/bin/lib/genops/genops_postgresql.so: not found;"
expect_err_contains "  hint: reinstall genops"

case_ "a broken module: the loader's own message"
echo "not an ELF file" >"$E2E_ROOT/bare/lib/genops/genops_http.so"
run "$E2E_ROOT/bare/bin/genops" prompt render support-answer --var question=q --run --provider nowhere
expect_exit 70
expect_err_contains "$E2E_ROOT/bare/lib/genops/genops_http.so: file too short)"

finish
