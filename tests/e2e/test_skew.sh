#!/usr/bin/env bash
# genops skew and genops ingest (the skew-drift example is run by test_examples.sh).
source "$(dirname "$0")/lib.sh"

mkdir -p proj/data && cd proj || exit 2
cat >genops.yaml <<'YAML'
version: 1
store: .genops/genops.db
providers:
  echo: {kind: echo}
  embed: {kind: hash-embed, dims: 64}
YAML
topics=(refund delivery password invoice account)
tiers=(free pro team)
: >data/ref.jsonl; : >data/same.jsonl; : >data/shifted.jsonl
for i in $(seq 0 59); do
  printf '{"question": "How do I get help with my %s number %d?", "tier": "%s", "priority": %d}\n' \
    "${topics[i % 5]}" $((i % 7)) "${tiers[i % 3]}" $((i % 4)) >>data/ref.jsonl
done
for i in $(seq 100 399); do
  printf '{"ts": "2026-11-%02dT10:00:00Z", "question": "How do I get help with my %s number %d?", "tier": "%s", "priority": %d}\n' \
    $((10 + i % 10)) "${topics[i % 5]}" $((i % 7)) "${tiers[i % 3]}" $((i % 4)) >>data/same.jsonl
  if ((i % 2)); then
    printf '{"question": "Здравствуйте, у меня проблема с заказом номер %d, и я жду ответа уже очень долго", "tier": "enterprise", "priority": %d}\n' \
      "$i" $((i % 4)) >>data/shifted.jsonl
  else
    printf '{"question": "How do I get help with my %s number %d?", "tier": "%s", "priority": %d}\n' \
      "${topics[i % 5]}" $((i % 7)) "${tiers[i % 3]}" $((i % 4)) >>data/shifted.jsonl
  fi
done

case_ "files like the reference: no drift, exit 0 even with --gate"
run genops skew --reference file:data/ref.jsonl --current file:data/same.jsonl --gate
expect_exit 0
expect_out_contains "no drift: 0 of 4 columns drifted"
expect_out_contains "question   text       ok       -           3 of 5 features constant on both sides"
expect_out_contains "question.length"
expect_out_contains "tier                 category"
expect_out_contains "priority             number"
expect_err_empty

case_ "shifted inputs: drift; --gate exits 1"
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl
expect_exit 0; expect_out_contains "DRIFT:"
expect_out_contains "1 value not in the reference: enterprise"
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --gate
expect_exit 1
expect_err_contains "genops: error: skew: the current inputs drifted from the reference"
expect_err_contains "  hint: "

case_ "--json: verdicts, statistics, histograms, the farthest inputs"
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --json
expect_exit 0
expect_eq "$(jq -r .drift <<<"$out")" true
expect_eq "$(jq -r '.features[] | select(.name == "question.script") | .verdict' <<<"$out")" drift
expect_eq "$(jq -r '.features[] | select(.name == "tier") | .test' <<<"$out")" linf
expect_eq "$(jq -r '.features[] | select(.name == "priority") | .verdict' <<<"$out")" ok
expect_eq "$(jq -r '.features[] | select(.name == "question.length") | .tests.ks.method' <<<"$out")" exact
expect_eq "$(jq '.farthest | length' <<<"$out")" 10
expect_eq "$(jq -r '.farthest[0].input.tier' <<<"$out")" enterprise
expect_eq "$(jq -r '.embedding.verdict' <<<"$out")" drift
expect_eq "$(jq '[.. | numbers | select(isinfinite or isnan)] | length' <<<"$out")" 0

case_ "--output writes Markdown or JSON"
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --output report.md
expect_exit 0
expect_file report.md
expect_eq "$(head -1 report.md)" "## Input skew: drift"
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --output report.json --no-embedding
expect_exit 0
expect_eq "$(jq -r .embedding.computed report.json)" false
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --output report.txt
expect_exit 2; expect_err_contains '--output "report.txt": expected a .md or .json file'

case_ "--feature restricts and types; --method bonferroni; --threshold"
run genops skew --reference file:data/ref.jsonl --current file:data/same.jsonl --feature priority:category --json
expect_exit 0
expect_eq "$(jq -r '[.features[].name] | join(",")' <<<"$out")" "priority"
expect_eq "$(jq -r '.features[0].kind' <<<"$out")" category
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --method bonferroni --json --no-embedding
expect_eq "$(jq -r '.method, .drift' <<<"$out" | tr '\n' ' ')" "bonferroni true "
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --threshold linf=0.9 --threshold js=1 --json --feature tier
expect_eq "$(jq -r '.features[0].verdict' <<<"$out")" drift
expect_eq "$(jq -r '.columns[0].reason' <<<"$out")" "1 value not in the reference: enterprise (50 % of the current side > 10 %: drift on its own)"
run genops skew --reference file:data/ref.jsonl --current file:data/shifted.jsonl --threshold linf=0.9 --threshold js=1 \
  --threshold new_category=0.6 --json --feature tier
expect_eq "$(jq -r '.features[0].verdict' <<<"$out")" warn

case_ "ingest, then runs:CHAIN with --since/--until; re-ingesting adds nothing"
run genops ingest data/same.jsonl --chain support
expect_exit 0
expect_out_contains "ingested 300 of 300 rows into runs:support, 2026-11-10T10:00:00.000Z to 2026-11-19T10:00:00.000Z"
run genops ingest data/same.jsonl --chain support --json
expect_eq "$(jq -r '.added, .present' <<<"$out" | tr '\n' ' ')" "0 300 "
run genops skew --reference file:data/ref.jsonl --current runs:support --since 2026-11-15 --json
expect_exit 0
expect_eq "$(jq -r .current.rows <<<"$out")" 150
expect_eq "$(jq -r .drift <<<"$out")" false
run genops skew --reference file:data/ref.jsonl --current runs:support --until 2026-11-12 --json
expect_eq "$(jq -r .current.rows <<<"$out")" 60
run genops skew --reference file:data/ref.jsonl --current runs:support --embedding-provider embed --json
expect_exit 0
expect_eq "$(jq -r .embedding.provider <<<"$out")" embed

case_ "bad input: a clear message and exit code, never NaN"
run genops skew --reference file:data/ref.jsonl --current file:data/nope.jsonl
expect_exit 3; expect_err_contains "genops: error: file:data/nope.jsonl: file not found"
: >data/empty.jsonl
run genops skew --reference file:data/ref.jsonl --current file:data/empty.jsonl
expect_exit 3; expect_err_contains "genops: error: current file:data/empty.jsonl: no rows"
expect_err_contains "hint: store production inputs with: genops ingest FILE.jsonl --chain NAME"
run genops skew --reference file:data/ref.jsonl --current runs:billing
expect_exit 3; expect_err_contains "current runs:billing: no rows"
run genops skew --reference s3:bucket --current file:data/same.jsonl
expect_exit 2; expect_err_contains 'skew source "s3:bucket": unknown kind "s3"'
run genops skew --reference file:data/ref.jsonl --current file:data/same.jsonl --feature tier:colour
expect_exit 2; expect_err_contains 'unknown kind "colour"'
run genops skew --reference file:data/ref.jsonl --current runs:support --since soon
expect_exit 2; expect_err_contains '--since "soon": expected a span like 7d'
printf '{"priority": "high"}\n{"priority": "n/a"}\n' >data/words.jsonl
run genops skew --reference file:data/ref.jsonl --current file:data/words.jsonl --feature priority:number --json
expect_exit 0
expect_eq "$(jq -r '.features[0].verdict, .features[0].current_invalid' <<<"$out" | tr '\n' ' ')" "no data 2 "
printf '{"n": 5}\n{"n": 5}\n' >data/one.jsonl
run genops skew --reference file:data/one.jsonl --current file:data/one.jsonl --json
expect_exit 0
expect_eq "$(jq -r '.features[0].verdict, .features[0].note' <<<"$out" | tr '\n' ' ')" "constant constant: 5 on both sides (left out of the counts) "
expect_eq "$(jq -r '.tested, .drift, .columns[0].verdict' <<<"$out" | tr '\n' ' ')" "1 false constant "
printf '{"n": 6}\n{"n": 7}\n' >data/other.jsonl
run genops skew --reference file:data/one.jsonl --current file:data/other.jsonl --json --no-embedding
expect_exit 0
expect_eq "$(jq -r '.features[0].note' <<<"$out")" "the reference has a single value 5"
expect_eq "$(jq -r '.features[0].tests.wasserstein_normalised' <<<"$out")" null
printf '{"n": 1e999}\n' >data/huge.jsonl
run genops skew --reference file:data/huge.jsonl --current file:data/other.jsonl
expect_exit 3; expect_err_contains "data/huge.jsonl:1: invalid JSON: number overflow parsing '1e999'"
printf '{"n": NaN}\n' >data/nan.jsonl
run genops skew --reference file:data/nan.jsonl --current file:data/other.jsonl
expect_exit 3; expect_err_contains "data/nan.jsonl:1: invalid JSON"
printf '{"q": "a b"}\n' >data/q.jsonl
run genops skew --reference file:data/q.jsonl --current file:data/other.jsonl --json --no-embedding
expect_exit 0
expect_eq "$(jq -r '[.columns[] | .name + "=" + .verdict] | join(" ")' <<<"$out")" "q=missing n=new"
run genops skew --reference file:data/ref.jsonl --current file:data/same.jsonl --binning spss
expect_exit 2; expect_err_contains '--binning "spss": expected genops, evidently or tfdv'
run genops skew --reference file:data/ref.jsonl --current file:data/same.jsonl --threshold new_category=2
expect_exit 2; expect_err_contains '--threshold "new_category=2": expected new_category=NUMBER in [0, 1]' 
printf '{"ts": "yesterday", "question": "hi"}\n' >data/badts.jsonl
run genops ingest data/badts.jsonl --chain support
expect_exit 3; expect_err_contains 'data/badts.jsonl:1: ts "\"yesterday\"" is not a time'
printf 'not json\n' >data/bad.jsonl
run genops skew --reference file:data/bad.jsonl --current file:data/same.jsonl
expect_exit 3; expect_err_contains "data/bad.jsonl:1"
run genops skew --current file:data/same.jsonl
expect_exit 2; expect_err_contains "--reference is required"

case_ "issue 12: longer questions and a new tier drift; --gate exits 1"
# The issue's reproduction: 2,000 reference rows (4-12 words from a 10-word
# vocabulary, tier free|pro) against 5,000 current rows (20-60 words, 35 % enterprise).
cat >gen.py <<'PY'
import json, random, sys
kind, n, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
vocab = "refund order account password invoice delivery plan upgrade cancel help".split()
rng = random.Random(seed)
with open(out, "w") as f:
    for i in range(n):
        if kind == "ref":
            words = [rng.choice(vocab) for _ in range(rng.randint(4, 12))]
            tier = rng.choice(["free", "pro"])
        else:
            words = [rng.choice(vocab) for _ in range(rng.randint(20, 60))]
            tier = "enterprise" if rng.random() < 0.35 else rng.choice(["free", "pro"])
        f.write(json.dumps({"question": " ".join(words), "tier": tier}) + "\n")
PY
python3 gen.py ref 2000 1 data/issue-ref.jsonl
python3 gen.py shifted 5000 2 data/issue-cur.jsonl
run genops skew --reference file:data/issue-ref.jsonl --current file:data/issue-cur.jsonl --gate
expect_exit 1
expect_out_contains "DRIFT: 2 of 3 columns drifted (share 0.6667 >= 0.5)"
expect_out_contains "question   text       drift    question.words"
expect_out_contains "tier       category   drift    tier            1 value not in the reference: enterprise (34.12 % of the current side > 10 %: drift on its own)"
expect_out_contains "question.oov         text      psi   0          0.25       1         constant"
expect_err_contains "genops: error: skew: the current inputs drifted from the reference (2 of 3 columns)"
run genops skew --reference file:data/issue-ref.jsonl --current file:data/issue-cur.jsonl --json
expect_eq "$(jq -r '[.columns[] | .name + "=" + .verdict] | join(" ")' <<<"$out")" "question=drift tier=drift embedding=ok"
expect_eq "$(jq -r '[.features[] | select(.verdict == "constant") | .name] | join(" ")' <<<"$out")" \
  "question.non_letter question.oov question.script"
expect_eq "$(jq -r '.features[0].tests.ks | "\(.reference_n) \(.current_n) \(.method)"' <<<"$out")" "2000 5000 exact"
run genops skew --reference file:data/issue-ref.jsonl --current file:data/issue-cur.jsonl --method bonferroni --gate
expect_exit 1

case_ "issue 12: a current side drawn like the reference does not drift (several seeds)"
for seed in 11 12 13 14; do
  python3 gen.py ref 5000 "$seed" data/issue-same.jsonl
  run genops skew --reference file:data/issue-ref.jsonl --current file:data/issue-same.jsonl --gate --json
  expect_exit 0
  expect_eq "$(jq -r '"\(.drift) \(.tested) \(.drifted)"' <<<"$out")" "false 3 0"
done

case_ "identifiers (unique per row) are reported and left out of the verdict"
python3 - <<'PY'
import json
for name, n, off in (("id-ref", 200, 0), ("id-cur", 300, 10000)):
    with open("data/%s.jsonl" % name, "w") as f:
        for i in range(n):
            f.write(json.dumps({"user_id": "u%06d" % (i + off), "created_at": "2026-11-%02dT10:%02d:%02dZ" % (1 + i % 28, i // 60 % 60, i % 60) if name == "id-ref" else "2026-12-01T%02d:%02d:%02dZ" % (i // 3600, i // 60 % 60, i % 60),
                                "tier": ["free", "pro"][i % 2], "request_id": i + off}) + "\n")
PY
run genops skew --reference file:data/id-ref.jsonl --current file:data/id-cur.jsonl --gate --json
expect_exit 0
expect_eq "$(jq -r '[.columns[] | .name + "=" + .verdict] | join(" ")' <<<"$out")" \
  "created_at=identifier request_id=identifier tier=ok user_id=identifier embedding=ok"
expect_eq "$(jq -r '"\(.tested) \(.drifted)"' <<<"$out")" "2 0"
expect_eq "$(jq -r '.features[] | select(.name == "user_id") | .note' <<<"$out")" \
  "unique per row in 200 reference rows: an identifier, left out of the verdict (compare it anyway with --feature user_id)"
run genops skew --reference file:data/id-ref.jsonl --current file:data/id-cur.jsonl --feature user_id:category --json --no-embedding
expect_eq "$(jq -r '.columns[0].verdict' <<<"$out")" drift

case_ "--binning evidently|tfdv: those tools' tests decide"
run genops skew --reference file:data/issue-ref.jsonl --current file:data/issue-cur.jsonl --binning evidently --json --no-embedding
expect_exit 0
expect_eq "$(jq -r .binning <<<"$out")" evidently
expect_eq "$(jq -r '[.features[] | .name + "=" + .test + ":" + .verdict] | join(" ")' <<<"$out")" \
  "question.length=wasserstein:drift question.words=wasserstein:drift question.non_letter=psi:constant question.oov=psi:constant question.script=linf:constant tier=jensenshannon:drift"
run genops skew --reference file:data/issue-ref.jsonl --current file:data/issue-cur.jsonl --binning tfdv --json --no-embedding
expect_eq "$(jq -r '[.features[] | .name + "=" + .test + ":" + .verdict] | join(" ")' <<<"$out")" \
  "question.length=js_approx:drift question.words=js_approx:drift question.non_letter=psi:constant question.oov=psi:constant question.script=linf:constant tier=linf:drift"

finish
