#pragma once
// chrF (Popović 2015) and chrF++ (Popović 2017) exactly as sacreBLEU 2.x
// computes them: character n-grams up to char_order (whitespace removed),
// word n-grams up to word_order, F-beta averaged over orders. Scores are 0-100.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace genops::eval::metrics {

// sacreBLEU's CHRF() arguments under their own names. word_order 2 is chrF++.
struct ChrfOptions {
  int char_order = 6;
  int word_order = 0;
  int beta = 2;
  bool lowercase = false;
  bool whitespace = false;     // keep whitespace in character n-grams
  bool eps_smoothing = false;  // false: sacreBLEU's effective-order average (its default)
};

// The chrF++ defaults: ChrfOptions with word_order = 2.
ChrfOptions chrf_plus_plus_options();

// Per order (characters first, then words): hypothesis n-grams, reference
// n-grams, matches. Summed over segments for a corpus score.
struct ChrfStats {
  std::vector<std::int64_t> values;  // 3 * (char_order + word_order)

  ChrfStats& operator+=(const ChrfStats& other);
};

// The statistics of one hypothesis against its best reference (the one with the
// highest sentence score, the first on a tie). At least one reference.
ChrfStats chrf_segment_stats(std::string_view hypothesis, std::span<const std::string> references,
                             const ChrfOptions& options);

// The score (0-100) from (summed) statistics: sacreBLEU's CHRF._compute_f_score.
double compute_chrf(const ChrfStats& stats, const ChrfOptions& options);

// Corpus chrF: statistics summed over segments; references[i] belongs to hypotheses[i].
// Throws core::Error (invalid_input) when the sizes differ.
double corpus_chrf(std::span<const std::string> hypotheses,
                   std::span<const std::vector<std::string>> references, const ChrfOptions& options);

double sentence_chrf(std::string_view hypothesis, std::span<const std::string> references,
                     const ChrfOptions& options);

// sacreBLEU's score name: "chrF2", "chrF2++" (one "+" per word order).
std::string chrf_name(const ChrfOptions& options);

// e.g. "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:genops-0.1".
std::string chrf_signature(const ChrfOptions& options, std::string_view nrefs);

}  // namespace genops::eval::metrics
