#!/usr/bin/env bash
# The end-to-end harness: runs the real genops binary in a fresh temp dir.
#   run genops ARGS...      -> $status, $out (stdout), $err (stderr)
#   expect_exit N, expect_out_contains TEXT, expect_err_contains TEXT, expect_err_file GOLDEN
# Each suite ends with `finish`, which prints "N passed, N failed".
set -uo pipefail
: "${GENOPS_BIN:?GENOPS_BIN must name the built genops binary}"
: "${GENOPS_SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export NO_COLOR=1 GENOPS_AUTHOR=e2e-tester
unset GENOPS_STORE GENOPS_PROVIDER GENOPS_LOG

E2E_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/genops-e2e-XXXXXX")
trap 'rm -rf "$E2E_ROOT"' EXIT
cd "$E2E_ROOT" || exit 2
passed=0
failed=0
current=""

genops() { "$GENOPS_BIN" "$@"; }

# write_slow_project, write_question_eval (shared with bench/).
source "$GENOPS_SOURCE_DIR/tests/support/projects.sh"

# Runs a command, capturing its exit status, stdout and stderr.
run() {
  "$@" >"$E2E_ROOT/.out" 2>"$E2E_ROOT/.err"
  status=$?
  out=$(cat "$E2E_ROOT/.out")
  err=$(cat "$E2E_ROOT/.err")
}

# Starts a named case.
case_() { current=$1; }

ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL [$current]: $*"
  echo "  stdout: ${out:0:2000}"
  echo "  stderr: ${err:0:2000}"
}

expect_exit() { [[ $status -eq $1 ]] && ok || bad "expected exit $1, got $status"; }
expect_out_contains() { [[ $out == *"$1"* ]] && ok || bad "stdout lacks: $1"; }
expect_out_lacks() { [[ $out != *"$1"* ]] && ok || bad "stdout should not contain: $1"; }
expect_err_contains() { [[ $err == *"$1"* ]] && ok || bad "stderr lacks: $1"; }
expect_err_empty() { [[ -z $err ]] && ok || bad "stderr should be empty"; }
expect_eq() { [[ $1 == "$2" ]] && ok || bad "expected [$2], got [$1]"; }
# Compares stderr with a golden file byte for byte.
expect_err_file() {
  if diff -u "$1" "$E2E_ROOT/.err" >"$E2E_ROOT/.diff"; then ok; else bad "stderr differs from $1:
$(cat "$E2E_ROOT/.diff")"; fi
}
expect_file() { [[ -e $1 ]] && ok || bad "missing file $1"; }
expect_no_file() { [[ ! -e $1 ]] && ok || bad "file should not exist: $1"; }


# A fresh, empty database on the test PostgreSQL server (ctest's `postgresql`
# fixture writes its URL to $GENOPS_TEST_PG_FILE); prints its URL.
pg_new_db() {
  local server name
  server=$(cat "${GENOPS_TEST_PG_FILE:?the postgresql fixture is not running}") || return 1
  name="genops_e2e_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  psql -q -X "$server" -c "CREATE DATABASE $name" >/dev/null || return 1
  echo "${server%/*}/$name"
}

# GENOPS_E2E_BACKEND=postgresql reruns a suite with its store in a fresh
# PostgreSQL database instead of .genops/genops.db.
if [[ ${GENOPS_E2E_BACKEND:-sqlite} == postgresql ]]; then
  GENOPS_STORE=$(pg_new_db) || { echo "cannot create a PostgreSQL database for the suite"; exit 1; }
  export GENOPS_STORE
fi

finish() {
  echo "$passed passed, $failed failed"
  ((failed == 0))
}
