#!/usr/bin/env bash
# genops score: exact numbers from the reference projects' own docs and tests
# (sacreBLEU README.md, test/test_bleu.py, test/test_sentence_bleu.py,
# test/test_chrf.py; rouge-score rouge_scorer_test.py; rapidfuzz docstrings),
# and the usage/input errors with their exit codes.
source "$(dirname "$0")/lib.sh"

# Compares a JSON field of $out with a number: json_near FIELD EXPECTED TOLERANCE
json_near() {
  python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; sys.exit(0 if abs(v-float(sys.argv[3]))<=float(sys.argv[4]) else 1)' \
    "$out" "$1" "$2" "$3" && ok || bad "$1 is not $2 (within $3)"
}

printf '%s\n' 'The dog bit the man.' "It wasn't surprising." 'The man had just bitten him.' >hyp.txt
printf '%s\n' 'The dog bit the man.' 'It was not unexpected.' 'The man bit him first.' >ref1.txt
printf '%s\n' 'The dog had bit the man.' 'No one was surprised.' 'The man had bitten the dog.' >ref2.txt

case_ "bleu: sacreBLEU README corpus, two reference streams"
run genops score bleu --hyp hyp.txt --ref ref1.txt --ref ref2.txt
expect_exit 0
expect_eq "$out" "BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:genops-0.1 = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)"
expect_err_empty

case_ "bleu --json: test_bleu.py::test_corpus_bleu 48.530827"
run genops score bleu --hyp hyp.txt --ref ref1.txt --ref ref2.txt --json
expect_exit 0
json_near score 48.530827 1e-8
expect_out_contains '"signature": "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:genops-0.1"'
expect_out_contains '"metric": "bleu"'

case_ "bleu tokenize=intl: test_bleu.py 43.91623493"
run genops score bleu --hyp hyp.txt --ref ref1.txt --ref ref2.txt --param tokenize=intl --json
expect_exit 0
json_near score 43.91623493 1e-8

case_ "bleu tokenize=none: test_bleu.py 49.1919566"
run genops score bleu --hyp hyp.txt --ref ref1.txt --ref ref2.txt --param tokenize=none --json
json_near score 49.1919566 1e-8

case_ "bleu max_ngram_order=2: test_bleu.py::test_max_ngram_order 60.50"
run genops score bleu --hyp hyp.txt --ref ref1.txt --ref ref2.txt --param max_ngram_order=2
expect_out_contains " = 60.50 "

case_ "chrf: sacreBLEU README 59.73"
run genops score chrf --hyp hyp.txt --ref ref1.txt --ref ref2.txt
expect_exit 0
expect_eq "$out" "chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:genops-0.1 = 59.73"

case_ "chrf++ signature"
run genops score chrF++ --hyp hyp.txt --ref ref1.txt --ref ref2.txt --json
expect_out_contains '"name": "chrF2++"'
expect_out_contains '"signature": "nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|version:genops-0.1"'
json_near score 59.15310444399262 1e-9

# test_sentence_bleu.py, example from sacreBLEU #98
echo 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;' >sys_ro.txt
echo 'producţia de zahăr brut se exprimă în zahăr alb;' >ref_ro.txt

case_ "per-line bleu: test_sentence_bleu.py exp 8.493, effective order on"
run genops score bleu --hyp sys_ro.txt --ref ref_ro.txt --per-line --json
expect_exit 0
json_near score 8.493 1e-3
expect_out_contains '"signature":"nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:genops-0.1"'

case_ "per-line bleu: add-k 2 -> 21.389, char -> 40.8759, lowercase char -> 42.0267"
run genops score bleu --hyp sys_ro.txt --ref ref_ro.txt --per-line --json --param smooth_method=add-k --param smooth_value=2
json_near score 21.389 1e-3
run genops score bleu --hyp sys_ro.txt --ref ref_ro.txt --per-line --json --param tokenize=char
json_near score 40.8759 1e-3
run genops score bleu --hyp sys_ro.txt --ref ref_ro.txt --per-line --json --param tokenize=char --param lowercase=true
json_near score 42.0267 1e-3

case_ "per-line chrf eps_smoothing: test_chrf.py::test_chrf_sentence_level 39.14078509"
echo 'Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.' >cs_hyp.txt
echo 'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.' >cs_ref.txt
run genops score chrf --hyp cs_hyp.txt --ref cs_ref.txt --per-line --param eps_smoothing=true --json
json_near score 39.14078509 1e-4

case_ "--input JSONL with a variable number of references"
cat >rows.jsonl <<'JSONL'
{"hypothesis": "The dog bit the man.", "references": ["The dog had bit the man."]}
{"hypothesis": "It wasn't surprising.", "references": ["It was not unexpected.", "No one was surprised."]}
{"hypothesis": "The man had just bitten him.", "references": ["The man bit him first.", "The man had bitten the dog."]}
JSONL
run genops score bleu --input rows.jsonl
expect_exit 0
# sacreBLEU README "Variable Number of References": 29.44
expect_eq "$out" "BLEU|nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:genops-0.1 = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)"

case_ "rouge1 and rougeL: rouge_scorer_test.py"
echo 'testing' >r_hyp.txt
echo 'testing one two' >r_ref.txt
run genops score rouge1 --hyp r_hyp.txt --ref r_ref.txt
expect_eq "$out" "rouge1|nrefs:1|stem:no|agg:mean|version:genops-0.1 = precision 1.0000 recall 0.3333 fmeasure 0.5000"
echo 'testing two' >r_hyp.txt
run genops score rougeL --hyp r_hyp.txt --ref r_ref.txt --json
json_near fmeasure 0.8 1e-12
json_near recall 0.6666666666666666 1e-12

case_ "rougeLsum splits on newlines (JSONL): rouge_scorer_test.py::testRougeLsum"
echo '{"hypothesis": "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", "references": ["w1 w2 w3 w4 w5"]}' >lsum.jsonl
run genops score rougeLsum --input lsum.jsonl --json
json_near recall 0.8 1e-12
json_near precision 0.4 1e-12

case_ "levenshtein and indel-ratio per line: rapidfuzz docstrings"
echo 'lewenstein' >l_hyp.txt
echo 'levenshtein' >l_ref.txt
run genops score levenshtein --hyp l_hyp.txt --ref l_ref.txt --per-line
expect_eq "$out" $'2\t0.8182'
run genops score indel-ratio --hyp l_hyp.txt --ref l_ref.txt --json
json_near similarity 0.857142857142857 1e-12
json_near distance 3 0

case_ "levenshtein unit=word and processor=default_process (issue 11 A11)"
# rapidfuzz tests/distance/test_Levenshtein.py::test_word_error_rate:
# Levenshtein.distance(["aaaaa", "bbbb"], ["aaaaa", "cccc"]) == 1
echo 'aaaaa bbbb' >w_hyp.txt
echo 'aaaaa cccc' >w_ref.txt
run genops score levenshtein --hyp w_hyp.txt --ref w_ref.txt --param unit=word --json
expect_exit 0
json_near distance 1 0
json_near similarity 0.5 1e-12
expect_eq "$(jq -r .signature <<<"$out")" "nrefs:1|unit:word|agg:mean|version:genops-0.1"
# rapidfuzz tests/test_utils.py::test_fullProcess: "C'est la vie" -> "c est la vie"
echo "C'est la vie" >p_hyp.txt
echo 'c est la vie' >p_ref.txt
run genops score indel-ratio --hyp p_hyp.txt --ref p_ref.txt --param processor=default_process --json
json_near similarity 1 0
expect_eq "$(jq -r .signature <<<"$out")" "nrefs:1|unit:codepoint|processor:default_process|agg:mean|version:genops-0.1"
run genops score levenshtein --hyp p_hyp.txt --ref p_ref.txt --param unit=token
expect_exit 2
expect_err_contains 'genops: error: --param unit=token: expected codepoint or word, got "token"'

case_ "chrf whitespace=true: sacrebleu test/test_chrf.py::test_chrf_keep_whitespace"
echo 'Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.' >ws_hyp.txt
echo 'Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.' >ws_ref.txt
run genops score chrf --hyp ws_hyp.txt --ref ws_ref.txt --param whitespace=true --param beta=3 --json
json_near score 67.3481606 1e-4

case_ "unknown parameter: exit 2 with a did-you-mean"
run genops score bleu --hyp hyp.txt --ref ref1.txt --param tokenise=intl
expect_exit 2
expect_err_contains 'genops: error: --param tokenise=intl: bleu has no parameter "tokenise"'
expect_err_contains 'hint: did you mean "tokenize"?'

case_ "unknown metric: exit 2 with a did-you-mean"
run genops score bleau --hyp hyp.txt --ref ref1.txt
expect_exit 2
expect_err_contains 'genops: error: unknown metric "bleau"'
expect_err_contains 'hint: did you mean "bleu"?'

case_ "bad parameter value: exit 2"
run genops score bleu --hyp hyp.txt --ref ref1.txt --param smooth_method=expo
expect_exit 2
expect_err_contains 'unknown smooth_method "expo": did you mean "exp"?'

case_ "different line counts: exit 3 naming both files and counts"
printf 'a\nb\n' >short.txt
run genops score bleu --hyp hyp.txt --ref short.txt
expect_exit 3
expect_err_contains 'genops: error: short.txt: 2 lines, but hyp.txt has 3'

case_ "missing file: exit 3"
run genops score bleu --hyp nowhere.txt --ref ref1.txt
expect_exit 3

case_ "bad JSONL row: exit 3 naming file:line"
printf '{"hypothesis": "a", "references": ["a"]}\n{"hypothesis": "b"}\n' >bad.jsonl
run genops score chrf --input bad.jsonl
expect_exit 3
expect_err_contains 'bad.jsonl:2: missing "references"'

case_ "nothing to score, or both inputs: exit 2"
run genops score bleu --hyp hyp.txt
expect_exit 2
expect_err_contains 'nothing to score'
run genops score bleu --input rows.jsonl --hyp hyp.txt --ref ref1.txt
expect_exit 2
expect_err_contains '--input cannot be combined with --hyp or --ref'

case_ "--help states the conventions and an example"
run genops score --help
expect_exit 0
expect_out_contains 'sacreBLEU 2.x: tokenize=13a'
expect_out_contains 'Google rouge-score'
expect_out_contains 'genops score bleu --hyp sys.txt --ref ref1.txt --ref ref2.txt'

finish
