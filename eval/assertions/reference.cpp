// levenshtein, bleu, chrf, rouge1/rouge2/rougeL/rougeLsum: the output against
// a reference (`value`, a string or a list of them, else the case's
// `expected`) with the reference-exact metrics of eval/metrics/. Scores 0..1.
#include <algorithm>

#include "core/strings.hpp"
#include "eval/assertions/family.hpp"
#include "eval/metrics/bleu.hpp"
#include "eval/metrics/chrf.hpp"
#include "eval/metrics/levenshtein.hpp"
#include "eval/metrics/py_text.hpp"
#include "eval/metrics/rouge.hpp"

namespace genops::eval::assertions {

namespace {

// The references, or nullopt when there is neither a value nor `expected`.
std::optional<std::vector<std::string>> references(const AssertionSpec& spec, const AssertionInput& input) {
  if (spec.value.is_array()) {
    std::vector<std::string> refs;
    for (const auto& item : spec.value) refs.push_back(value_text(item));
    if (refs.empty()) return std::nullopt;
    return refs;
  }
  auto one = reference_text(spec, input);
  if (!one) return std::nullopt;
  return std::vector<std::string>{*one};
}

Verdict no_reference(const AssertionSpec& spec) {
  return error_verdict(spec.type + " needs a reference: a value, or an expected output on the case");
}

}  // namespace

Verdict check_levenshtein(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  auto refs = references(spec, input);
  if (!refs) return no_reference(spec);
  metrics::EditOptions options;
  auto processor = metrics::parse_edit_processor(option_string(spec, "processor", "none"));
  if (!processor) return error_verdict("levenshtein: option processor: " + processor.error());
  auto unit = metrics::parse_edit_unit(option_string(spec, "unit", "codepoint"));
  if (!unit) return error_verdict("levenshtein: option unit: " + unit.error());
  options.processor = *processor;
  options.unit = *unit;
  // The closest reference decides, by distance (the first on a tie).
  auto closest = metrics::levenshtein_edit(input.output, refs->front(), options);
  for (std::size_t i = 1; i < refs->size(); ++i) {
    auto edit = metrics::levenshtein_edit(input.output, (*refs)[i], options);
    if (edit.distance < closest.distance) closest = edit;
  }
  std::size_t distance = closest.distance;
  double similarity = closest.similarity;
  if (spec.options.contains("max_distance")) {
    // promptfoo's reading: a ceiling on the edit distance in code points.
    double max_distance = option_number(spec, "max_distance", 0);
    Verdict v;
    v.pass = static_cast<double>(distance) <= max_distance;
    v.score = similarity;
    std::string shown = "levenshtein distance " + std::to_string(distance);
    v.reason = shown + " is above the maximum " + format_score(max_distance);
    v.holds = shown + " is within the maximum " + format_score(max_distance);
    return v;
  }
  Verdict v = floor_verdict("levenshtein similarity", similarity, spec.threshold.value_or(k_default_levenshtein_threshold));
  v.reason += " (distance " + std::to_string(distance) + ")";
  v.holds += " (distance " + std::to_string(distance) + ")";
  return v;
}

Verdict check_bleu(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  auto refs = references(spec, input);
  if (!refs) return no_reference(spec);
  metrics::BleuOptions options;
  options.effective_order = true;  // sacreBLEU's sentence_bleu()
  options.lowercase = option_bool(spec, "lowercase", false);
  auto tokenizer = metrics::parse_bleu_tokenizer(option_string(spec, "tokenize", "13a"));
  if (!tokenizer) return error_verdict("bleu: option tokenize: " + tokenizer.error());
  options.tokenize = *tokenizer;
  double score = metrics::sentence_bleu(input.output, *refs, options).score / 100.0;
  return floor_verdict("bleu", score, spec.threshold.value_or(k_default_bleu_threshold));
}

Verdict check_chrf(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  auto refs = references(spec, input);
  if (!refs) return no_reference(spec);
  metrics::ChrfOptions options;
  double word_order = option_number(spec, "word_order", 0);
  if (word_order != 0 && word_order != 1 && word_order != 2)
    return error_verdict("chrf: option word_order must be 0, 1 or 2 (2 is chrF++), got " + format_score(word_order));
  options.word_order = static_cast<int>(word_order);
  options.lowercase = option_bool(spec, "lowercase", false);
  options.whitespace = option_bool(spec, "whitespace", false);
  options.char_order = static_cast<int>(option_number(spec, "char_order", options.char_order));
  options.beta = static_cast<int>(option_number(spec, "beta", options.beta));
  double score = metrics::sentence_chrf(input.output, *refs, options) / 100.0;
  return floor_verdict(metrics::chrf_name(options), score, spec.threshold.value_or(k_default_chrf_threshold));
}

Verdict check_rouge(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices&) {
  auto type = metrics::parse_rouge_type(spec.type);
  if (!type) return error_verdict(type.error());
  auto refs = references(spec, input);
  if (!refs) return no_reference(spec);
  metrics::RougeOptions options;
  options.use_stemmer = option_bool(spec, "use_stemmer", false);
  double score = metrics::rouge_score_multi(*type, *refs, input.output, options).fmeasure;
  return floor_verdict(spec.type, score, spec.threshold.value_or(k_default_rouge_threshold));
}

}  // namespace genops::eval::assertions
