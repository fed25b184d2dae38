#pragma once
// BLEU exactly as sacreBLEU 2.x computes it (Papineni et al. 2002, with
// sacreBLEU's tokenizers, smoothing methods, effective order and closest
// reference length). Scores are 0-100.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.hpp"
#include "eval/metrics/bleu_tokenizers.hpp"

namespace genops::eval::metrics {

// sacreBLEU's smooth_method (Chen & Cherry 2014): none, floor (method 1),
// add-k (method 2), exp (method 3, mteval-v13a's; the default).
enum class BleuSmoothing { none, floor, add_k, exp };

std::string_view bleu_smoothing_name(BleuSmoothing smoothing);  // "none", "floor", "add-k", "exp"
core::Expected<BleuSmoothing> parse_bleu_smoothing(std::string_view name);

// sacreBLEU's BLEU() arguments under their own names.
struct BleuOptions {
  BleuTokenizer tokenize = BleuTokenizer::v13a;
  bool lowercase = false;
  BleuSmoothing smooth_method = BleuSmoothing::exp;
  std::optional<double> smooth_value;  // unset: 0.1 for floor, 1 for add-k
  int max_ngram_order = 4;             // 1 or more
  bool effective_order = false;        // sacreBLEU's sentence_bleu() and --sentence-level use true
};

// Sufficient statistics of one segment or a sum of segments: hypothesis and
// closest-reference lengths in tokens, clipped matches and hypothesis n-grams
// per order (index 0 = unigrams).
struct BleuStats {
  std::int64_t sys_len = 0;
  std::int64_t ref_len = 0;
  std::vector<std::int64_t> correct;
  std::vector<std::int64_t> total;

  BleuStats& operator+=(const BleuStats& other);
};

// A BLEU result as sacreBLEU's BLEUScore. `counts` and `totals` are doubles
// because add-k smoothing adds k to them for orders above 1, as sacreBLEU does.
struct BleuScore {
  double score = 0.0;                // 0-100
  std::vector<double> counts;
  std::vector<double> totals;
  std::vector<double> precisions;    // 0-100 per order
  double bp = 0.0;                   // brevity penalty, 0-1
  std::int64_t sys_len = 0;
  std::int64_t ref_len = 0;
};

// The statistics of one hypothesis against its references (at least one;
// an empty string is a real, empty reference as in sacreBLEU >= 2.2).
BleuStats bleu_segment_stats(std::string_view hypothesis, std::span<const std::string> references,
                             const BleuOptions& options);

// The score from (summed) statistics: sacreBLEU's BLEU.compute_bleu.
BleuScore compute_bleu(const BleuStats& stats, const BleuOptions& options);

// Corpus BLEU: statistics summed over segments; references[i] belongs to hypotheses[i].
// Throws core::Error (invalid_input) when the sizes differ.
BleuScore corpus_bleu(std::span<const std::string> hypotheses,
                      std::span<const std::vector<std::string>> references, const BleuOptions& options);

// Sentence BLEU with the options as given (sacreBLEU's sentence_bleu() sets
// effective_order = true; so does `genops score --per-line` unless told otherwise).
BleuScore sentence_bleu(std::string_view hypothesis, std::span<const std::string> references,
                        const BleuOptions& options);

// sacreBLEU's signature with our version marker, e.g.
// "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:genops-0.1".
std::string bleu_signature(const BleuOptions& options, std::string_view nrefs);

// sacreBLEU's verbose part: "82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)".
std::string bleu_verbose(const BleuScore& score);

}  // namespace genops::eval::metrics
