# Issue 14's table in one run: `MODE=table bench/eval/run.sh [GENOPS_BIN]` sources this
# after starting the mocks. Every row is a ratio measured in this run, with the load average
# (/proc/loadavg, 1 min) next to it; a row measured at a load above 1.0 is marked "loaded".
#
#   TABLE_SIZES="10000 100000 1000000"   cases at 0 ms, -j 100 (SQLite)
#   PG_SIZE=10000                         the same on a private PostgreSQL server (tests/support/pg_server.sh); 0: skip
#   SKEW_ROWS=1000000                     bench/skew's current rows; 0: skip
#   CHAIN_ROWS=10000                      bench/chains rows; 0: skip
# bench_http and bench_chains are looked up next to the binary (a -DGENOPS_BUILD_BENCH=ON build).
TABLE_SIZES=${TABLE_SIZES:-10000 100000 1000000}
PG_SIZE=${PG_SIZE:-10000}
SKEW_ROWS=${SKEW_ROWS:-1000000}
CHAIN_ROWS=${CHAIN_ROWS:-10000}
build_dir=$(dirname "$genops")

load1() { cut -d' ' -f1 /proc/loadavg; }
mark() { awk -v l="$1" 'BEGIN {print (l > 1.0) ? "loaded" : "quiet"}'; }
row() {  # what, figure, ratio, target, load
  printf '| %s | %s | %s | %s | %s (%s) |\n' "$1" "$2" "$3" "$4" "$5" "$(mark "$5")"
}

# One genops eval at 0 ms or LAT_MS: cases, jobs, port, store ("" = SQLite) -> "wall cases/s MB B/case"
eval_once() {
  local n=$1 j=$2 port=$3 store=${4:-} run="$work/table.run"
  rm -rf "$run" && mkdir -p "$run"
  cp -r "$here/project/." "$run/"
  sed "s/@PORT@/$port/" "$run/genops.yaml.in" >"$run/genops.yaml"
  [[ -f $work/cases.$n.jsonl ]] || python3 "$here/gen_cases.py" "$n" "$work/cases.$n.jsonl"
  cp "$work/cases.$n.jsonl" "$run/cases.jsonl"
  local env_store=()
  [[ -n $store ]] && env_store=(env "GENOPS_STORE=$store")
  (cd "$run" && "${env_store[@]}" "$genops" prompt add prompts/answer.yaml >/dev/null)
  (cd "$run" && "${env_store[@]}" /usr/bin/time -f "%e %M" -o "$run/time" \
    "$genops" eval evals/bench.yaml --no-cache -j "$j" >"$run/out" 2>"$run/err") ||
    { echo "genops failed:" >&2; tail -n 5 "$run/err" >&2; return 1; }
  local secs kb bytes=0
  read -r secs kb < <(tail -1 "$run/time")
  [[ -z $store ]] && bytes=$(du -cb "$run"/.genops/genops.db* | tail -1 | cut -f1)
  awk -v s="$secs" -v n="$n" -v kb="$kb" -v b="$bytes" 'BEGIN {printf "%.2f %.0f %.1f %.0f\n", s, n / s, kb / 1024, b / n}'
}

echo "## issue 14: every row as a ratio measured in this run"
echo "| what | figure | ratio | target | load (1 min) |"
echo "|---|---:|---:|---|---|"

# --version against /bin/true: the mean of 200 runs each, interleaved.
startup() {
  local t0 t1 g=0 t=0 i
  for ((i = 0; i < 200; i++)); do
    t0=$(date +%s%N); /bin/true; t1=$(date +%s%N); t=$((t + t1 - t0))
    t0=$(date +%s%N); "$genops" --version >/dev/null; t1=$(date +%s%N); g=$((g + t1 - t0))
  done
  awk -v g="$g" -v t="$t" 'BEGIN {printf "%.2f %.2f\n", g / 200e6, t / 200e6}'
}
l=$(load1); read -r g t < <(startup)
row "\`genops --version\` vs \`/bin/true\`" "$g ms vs $t ms" "+$(awk -v g="$g" -v t="$t" 'BEGIN {printf "%.2f", g - t}') ms" "≤ +2 ms" "$l"

# The curl-multi floor: bench_http's bare curl loop at 100 in flight, 100 connections.
floor=""
if [[ -x $build_dir/bench/http/bench_http ]]; then
  l=$(load1)
  read -r floor_g floor < <("$build_dir/bench/http/bench_http" --requests 10000 --levels 100 --connections 200 --repeat 1 |
    awk '$1 == "genops" {g = $7} $1 == "curl-multi" {c = $7} END {print g, c}')
  row "HTTP client alone vs curl-multi floor, 100 in flight" "$floor_g vs $floor req/s" \
    "$(awk -v a="$floor_g" -v b="$floor" 'BEGIN {printf "%.2f", a / b}')" "1.0" "$l"
else
  echo "(no $build_dir/bench/http/bench_http: build with -DGENOPS_BUILD_BENCH=ON for the curl-multi floor)" >&2
fi

first_rate=""
for n in $TABLE_SIZES; do
  l=$(load1)
  read -r wall rate mb bpc < <(eval_once "$n" 100 "$port0")
  first_rate=${first_rate:-$rate}
  row "eval, $n cases, 0 ms, -j 100 (SQLite)" "$rate cases/s, $wall s, $mb MB peak, $bpc B/case" \
    "$(awk -v r="$rate" -v f="$first_rate" 'BEGIN {printf "%.2f", r / f}') × the first size$([[ -n $floor ]] && awk -v r="$rate" -v f="$floor" 'BEGIN {printf "; %.2f × curl floor", r / f}')" \
    "≥ 20,000 cases/s, flat, < 64 MB, ≤ 600 B/case" "$l"
done

if ((PG_SIZE > 0)); then
  pg_state="$work/pg"
  if bash "$root/tests/support/pg_server.sh" start "$pg_state" >/dev/null 2>&1; then
    server=$(cat "$pg_state/url")
    psql -q -X "$server" -c "CREATE DATABASE evalbench" >/dev/null
    l=$(load1)
    read -r swall srate _ _ < <(eval_once "$PG_SIZE" 100 "$port0")
    read -r pwall prate pmb _ < <(eval_once "$PG_SIZE" 100 "$port0" "${server%/*}/evalbench")
    row "eval, $PG_SIZE cases, PostgreSQL vs SQLite" "$prate vs $srate cases/s" \
      "$(awk -v p="$prate" -v s="$srate" 'BEGIN {printf "%.2f", p / s}')" "both fast; SQLite the fastest" "$l"
    bash "$root/tests/support/pg_server.sh" stop "$pg_state" >/dev/null 2>&1
  else
    echo "(no PostgreSQL server: tests/support/pg_server.sh could not start one)" >&2
  fi
fi

l=$(load1)
read -r wall rate mb _ < <(eval_once "$LAT_CASES" 100 "$port_lat")
ideal=$(awk -v n="$LAT_CASES" -v ms="$LAT_MS" 'BEGIN {printf "%.2f", n / 100 * ms / 1000}')
row "eval, $LAT_CASES cases, $LAT_MS ms, -j 100" "$wall s (ideal $ideal s)" \
  "$(awk -v w="$wall" -v i="$ideal" 'BEGIN {printf "%.2f", w / i}') × ideal" "≤ 1.1 × ideal" "$l"

if ((CHAIN_ROWS > 0)) && [[ -x $build_dir/bench/chains/bench_chains ]]; then
  l=$(load1)
  per_step=$("$build_dir/bench/chains/bench_chains" "$CHAIN_ROWS" 32 | sed -n 's/.*(store: +\([0-9.]*\) us per step).*/\1/p')
  row "chain runs, 5 steps: the store's cost per step" "$per_step µs" \
    "$(awk -v s="$per_step" 'BEGIN {printf "%.2f", s / 20}') × target" "< 20 µs" "$l"
fi

if ((SKEW_ROWS > 0)); then
  l=$(load1)
  line=$(RUNS=1 bash "$root/bench/skew/run.sh" "$genops" "$SKEW_ROWS" | grep -m1 'ratio')
  row "skew, $SKEW_ROWS current rows vs python3 json.loads of them" "$(cut -d'|' -f1 <<<"$line")" \
    "$(cut -d'|' -f2 <<<"$line")" "< 1.0, < 300 MB" "$l"
fi
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
