#include "eval/metrics/score_files.hpp"

#include <cmath>
#include <cstdint>

#include "core/error.hpp"
#include "eval/metrics/levenshtein.hpp"
#include "eval/metrics/signature.hpp"

namespace genops::eval::metrics {
namespace {

using nlohmann::json;

// Counts are doubles (add-k smoothing adds k); whole ones print as integers.
json numbers(const std::vector<double>& values) {
  json out = json::array();
  for (const double value : values) {
    if (std::floor(value) == value && std::abs(value) < 9e15) {
      out.push_back(static_cast<std::int64_t>(value));
    } else {
      out.push_back(value);
    }
  }
  return out;
}

ScoreResult bleu_result(const BleuScore& score, const std::string& signature, ScoreMode mode) {
  const double ratio =
      score.ref_len != 0 ? static_cast<double>(score.sys_len) / static_cast<double>(score.ref_len) : 0.0;
  json fields = {{"metric", "bleu"},          {"name", "BLEU"},          {"score", score.score},
                 {"counts", numbers(score.counts)}, {"totals", numbers(score.totals)},
                 {"precisions", score.precisions},  {"bp", score.bp}, {"ratio", ratio},
                 {"sys_len", score.sys_len},    {"ref_len", score.ref_len}, {"verbose_score", bleu_verbose(score)},
                 {"signature", signature}};
  std::string text = mode == ScoreMode::corpus
                         ? "BLEU|" + signature + " = " + format_fixed(score.score, 2) + " " + bleu_verbose(score)
                         : format_fixed(score.score, 2);
  return {std::move(fields), std::move(text)};
}

ScoreResult chrf_result(double score, const ScoreSettings& settings, const std::string& signature, ScoreMode mode) {
  const std::string name = chrf_name(settings.chrf);
  json fields = {{"metric", settings.name}, {"name", name}, {"score", score}, {"signature", signature}};
  std::string text = mode == ScoreMode::corpus ? name + "|" + signature + " = " + format_fixed(score, 2)
                                               : format_fixed(score, 2);
  return {std::move(fields), std::move(text)};
}

ScoreResult rouge_result(const RougeScore& score, const ScoreSettings& settings, const std::string& signature,
                         ScoreMode mode) {
  json fields = {{"metric", settings.name},     {"score", score.fmeasure}, {"precision", score.precision},
                 {"recall", score.recall},      {"fmeasure", score.fmeasure}, {"signature", signature}};
  std::string text = mode == ScoreMode::corpus
                         ? settings.name + "|" + signature + " = precision " + format_fixed(score.precision, 4) +
                               " recall " + format_fixed(score.recall, 4) + " fmeasure " +
                               format_fixed(score.fmeasure, 4)
                         : format_fixed(score.precision, 4) + "\t" + format_fixed(score.recall, 4) + "\t" +
                               format_fixed(score.fmeasure, 4);
  return {std::move(fields), std::move(text)};
}

struct EditScore {
  double distance = 0.0;
  double similarity = 0.0;
};

// The best reference: the highest similarity (the first on a tie).
EditScore edit_score(const ScoreSettings& settings, const std::string& hypothesis,
                     const std::vector<std::string>& references) {
  EditScore best{0.0, -1.0};
  for (const auto& reference : references) {
    const bool indel = settings.metric == ScoreMetric::indel_ratio;
    const EditResult edit = indel ? indel_edit(hypothesis, reference, settings.edit)
                                  : levenshtein_edit(hypothesis, reference, settings.edit);
    const EditScore score{static_cast<double>(edit.distance), edit.similarity};
    if (score.similarity > best.similarity) best = score;
  }
  return best;
}

ScoreResult edit_result(const EditScore& score, const ScoreSettings& settings, const std::string& signature,
                        ScoreMode mode) {
  json fields = {{"metric", settings.name},   {"score", score.similarity}, {"similarity", score.similarity},
                 {"distance", score.distance}, {"signature", signature}};
  std::string text = mode == ScoreMode::corpus
                         ? settings.name + "|" + signature + " = similarity " + format_fixed(score.similarity, 4) +
                               " distance " + format_fixed(score.distance, 2)
                         : format_fixed(score.distance, 0) + "\t" + format_fixed(score.similarity, 4);
  return {std::move(fields), std::move(text)};
}

std::string signature_for(const ScoreSettings& settings, ScoreMode mode, const std::string& nrefs) {
  const std::string aggregate = mode == ScoreMode::corpus ? "|agg:mean" : "";
  switch (settings.metric) {
    case ScoreMetric::bleu: return bleu_signature(settings.bleu, nrefs);
    case ScoreMetric::chrf: return chrf_signature(settings.chrf, nrefs);
    case ScoreMetric::rouge:
      return "nrefs:" + nrefs + "|stem:" + (settings.rouge.use_stemmer ? "yes" : "no") + aggregate +
             "|version:" + std::string(k_metrics_version);
    case ScoreMetric::levenshtein:
    case ScoreMetric::indel_ratio: break;
  }
  std::string processor = settings.edit.processor == EditProcessor::none
                              ? ""
                              : "|processor:" + std::string(to_string(settings.edit.processor));
  return "nrefs:" + nrefs + "|unit:" + std::string(to_string(settings.edit.unit)) + processor + aggregate +
         "|version:" + std::string(k_metrics_version);
}

// ROUGE, Levenshtein and Indel: per-segment scores, or their mean.
std::vector<ScoreResult> averaged_results(const ScoreSettings& settings, ScoreMode mode, const ScoreInput& input,
                                          const std::string& signature) {
  std::vector<ScoreResult> results;
  RougeScore rouge_sum;
  EditScore edit_sum;
  const std::size_t n = input.hypotheses.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (settings.metric == ScoreMetric::rouge) {
      const RougeScore score =
          rouge_score_multi(settings.rouge_type, input.references[i], input.hypotheses[i], settings.rouge);
      rouge_sum = {rouge_sum.precision + score.precision, rouge_sum.recall + score.recall,
                   rouge_sum.fmeasure + score.fmeasure};
      if (mode == ScoreMode::per_line) results.push_back(rouge_result(score, settings, signature, mode));
    } else {
      const EditScore score = edit_score(settings, input.hypotheses[i], input.references[i]);
      edit_sum = {edit_sum.distance + score.distance, edit_sum.similarity + score.similarity};
      if (mode == ScoreMode::per_line) results.push_back(edit_result(score, settings, signature, mode));
    }
  }
  if (mode == ScoreMode::corpus) {
    const auto count = static_cast<double>(n);
    results.push_back(settings.metric == ScoreMetric::rouge
                          ? rouge_result({rouge_sum.precision / count, rouge_sum.recall / count,
                                          rouge_sum.fmeasure / count},
                                         settings, signature, mode)
                          : edit_result({edit_sum.distance / count, edit_sum.similarity / count}, settings,
                                        signature, mode));
  }
  return results;
}

}  // namespace

std::vector<ScoreResult> score_segments(const ScoreSettings& settings, ScoreMode mode, const ScoreInput& input) {
  for (std::size_t i = 0; i < input.references.size(); ++i) {
    if (input.references[i].empty()) {
      core::fail_input("segment " + std::to_string(i + 1) + " has no reference");
    }
  }
  const std::string signature = signature_for(settings, mode, nrefs_label(input.references));
  std::vector<ScoreResult> results;
  if (settings.metric == ScoreMetric::bleu && mode == ScoreMode::corpus) {
    results.push_back(bleu_result(corpus_bleu(input.hypotheses, input.references, settings.bleu), signature, mode));
  } else if (settings.metric == ScoreMetric::bleu) {
    for (std::size_t i = 0; i < input.hypotheses.size(); ++i) {
      results.push_back(
          bleu_result(sentence_bleu(input.hypotheses[i], input.references[i], settings.bleu), signature, mode));
    }
  } else if (settings.metric == ScoreMetric::chrf && mode == ScoreMode::corpus) {
    results.push_back(
        chrf_result(corpus_chrf(input.hypotheses, input.references, settings.chrf), settings, signature, mode));
  } else if (settings.metric == ScoreMetric::chrf) {
    for (std::size_t i = 0; i < input.hypotheses.size(); ++i) {
      results.push_back(chrf_result(sentence_chrf(input.hypotheses[i], input.references[i], settings.chrf), settings,
                                    signature, mode));
    }
  } else {
    results = averaged_results(settings, mode, input, signature);
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (mode == ScoreMode::per_line) {
      results[i].json["line"] = i + 1;
    } else {
      results[i].json["segments"] = input.hypotheses.size();
    }
  }
  return results;
}

std::string_view score_conventions() {
  return R"(Metric conventions (scores equal the reference implementations'):
  bleu           sacreBLEU 2.x: tokenize=13a (also intl, char, none), smooth_method=exp
                 (also floor, add-k, none), closest reference length, 0-100; the corpus
                 score sums statistics over segments; --per-line uses effective_order=true
  chrf, chrf++   sacreBLEU: char_order=6, word_order=0 (2 for chrf++), beta=2,
                 whitespace removed, 0-100; best reference per segment
  rouge1, rouge2, rougeL, rougeLsum
                 Google rouge-score: lower-case, non-alphanumerics dropped,
                 use_stemmer=false (NLTK's Porter), precision/recall/fmeasure 0-1,
                 best reference by fmeasure; rougeLsum splits sentences on newlines;
                 the corpus score is the mean over segments
  levenshtein    distance in code points, similarity 1 - d/max(len) (rapidfuzz), 0-1
  indel-ratio    1 - indel/(len1+len2) (rapidfuzz fuzz.ratio / 100), 0-1
                 both: processor=default_process (rapidfuzz's), unit=word (word edits)
  Signatures end in version:genops-0.1 where sacreBLEU writes its own version.)";
}

}  // namespace genops::eval::metrics
