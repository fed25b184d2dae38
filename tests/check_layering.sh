#!/usr/bin/env bash
# The architecture as a test: the dependency direction of ARCHITECTURE.md
# (cli -> {chains, eval, providers} -> core) and each third-party header's one home.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
failures=0
fail() { echo "layering: $*"; failures=$((failures + 1)); }

sources() { find "$@" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) 2>/dev/null; }

# 1. Dependency direction between our own folders.
check_folder() {  # folder, forbidden folders...
  local dir=$1; shift
  for other in "$@"; do
    while IFS= read -r hit; do
      fail "$hit: $dir/ must not include $other/ (direction: cli -> chains/eval/providers/migrate -> core)"
    done < <(sources "$dir" | xargs -r grep -nE "#include *\"$other/" 2>/dev/null)
  done
}
check_folder core providers chains eval migrate cli tests
check_folder providers chains eval migrate cli
check_folder chains providers eval migrate cli
check_folder eval providers chains migrate cli
check_folder migrate providers chains eval cli

# 2. Each third-party header has one home.
check_home() {  # include regex, allowed path regex, library
  local pattern=$1 home=$2 lib=$3
  while IFS= read -r hit; do
    local file=${hit%%:*}
    [[ $file =~ $home ]] || fail "$hit: $lib may be included only under $home"
  done < <(sources core providers chains eval migrate cli | xargs -r grep -nE "#include *[<\"]$pattern" 2>/dev/null)
}
check_home 'curl/' '^providers/http/' libcurl
check_home 'yaml-cpp/' '^core/yaml/' yaml-cpp
check_home 'sqlite3\.h' '^core/lineage/sqlite_connection\.cpp$' SQLite
check_home 'libpq-fe\.h' '^core/lineage/pg_connection\.cpp$' libpq
check_home 'CLI/' '^cli/' CLI11
check_home 'kainjow/' '^core/prompt/template\.cpp$' kainjow-mustache
check_home 'dtl/' '^core/prompt/diff\.cpp$' dtl
check_home 'openssl/' '^core/hash_openssl\.cpp$' OpenSSL
check_home 'httplib\.h' '^cli/view/httplib_transport\.cpp$' cpp-httplib
check_home 'xxhash\.h' '^providers/hash_embed/' xxhash
check_home 're2/' '^core/regex\.cpp$' RE2
check_home 'utf8proc\.h' '^core/utf8\.cpp$' utf8proc

# 2a. The stores (core/prompt, chains/store, chains/index, eval/store,
# eval/skew/store, providers/cache) use only the facade (core/lineage/sqlite.hpp:
# Database/Statement); the backends' own headers stay inside core/lineage/.
while IFS= read -r hit; do
  fail "$hit: a backend header is included only inside core/lineage/; use core/lineage/sqlite.hpp (Database, Statement)"
done < <(sources core providers chains eval migrate cli | grep -v '^core/lineage/' | xargs -r grep -nE '#include *"core/lineage/(sqlite_connection|pg_connection|pg_sql|connection)\.hpp"' 2>/dev/null)

# 2a'. The composition root (cli/context.cpp) is the one place in cli/ that
# constructs a store: the others ask the Context for it.
while IFS= read -r hit; do
  fail "$hit: stores are constructed only in cli/context.cpp; ask the Context (store(), prompts(), indexes(), open_*)"
done < <(sources cli | grep -v '^cli/context\.cpp$' | xargs -r grep -nE '(PromptStore|IndexStore|EvalStore|RunRecorder|IndexRetriever|SqliteResponseCache|lineage::Store|lineage::Database)( +[a-z_]+ *[({]|>\(|\()' 2>/dev/null | grep -vE '^[^:]+:[0-9]+: *//' )

# 2b. One UTF-8 home: byte-level UTF-8 decoding (masks of 0xC0/0xE0/0xF0
# against lead and continuation bytes) lives in core/utf8.cpp alone.
while IFS= read -r hit; do
  fail "$hit: UTF-8 is decoded only in core/utf8.cpp; use core/utf8.hpp (decode, count, floor_boundary, repair)"
done < <(sources core providers chains eval migrate cli | grep -v '^core/utf8\.cpp$' | xargs -r grep -nE '& *0x[Cc]0\)? *[!=]= *0x80|& *0x[EeFf]0\)? *== *0x[CcEe]0' 2>/dev/null)

# 2c. One worker pool and one timer queue: threads are started only in
# core/concurrency/ (the pool, the timer queue) and by the libcurl multi loop.
while IFS= read -r hit; do
  fail "$hit: start threads through core/concurrency (ThreadPool, TimerQueue), not std::thread"
done < <(sources core providers chains eval migrate cli | grep -vE '^(core/concurrency/|providers/http/curl_client\.cpp$)' | xargs -r grep -nE 'std::(j)?thread *[a-z_]+ *[({;=]|std::(j)?thread\(|std::vector<std::(j)?thread>' 2>/dev/null | grep -E 'std::(j)?thread' )

# 3. No std::regex anywhere: it recurses per character (a stack overflow on
# 100 KB) and backtracks without bound. Every regex goes through core/regex.hpp.
while IFS= read -r hit; do
  fail "$hit: <regex> is forbidden (std::regex overflows the stack and backtracks); use core/regex.hpp (RE2)"
done < <(sources core providers chains eval cli | xargs -r grep -nE '#include *<regex>' 2>/dev/null)

# 4. main is one line.
lines=$(grep -cvE '^\s*$|^\s*#include|^\s*//' cli/main.cpp)
((lines == 1)) || fail "cli/main.cpp: main must be one line (found $lines lines of code)"

if ((failures)); then
  echo "layering: $failures problem(s)"
  exit 1
fi
echo "layering: ok"
