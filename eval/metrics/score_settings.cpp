#include "eval/metrics/score_settings.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "core/strings.hpp"

namespace genops::eval::metrics {
namespace {

const std::array<std::string, 9> k_metric_names = {"bleu",   "chrf",      "chrf++",      "rouge1",     "rouge2",
                                                   "rougeL", "rougeLsum", "levenshtein", "indel-ratio"};
const std::array<std::string, 6> k_bleu_params = {"tokenize",        "smooth_method", "smooth_value",
                                                  "effective_order", "lowercase",     "max_ngram_order"};
const std::array<std::string, 6> k_chrf_params = {"char_order", "word_order", "beta",
                                                  "lowercase",  "whitespace", "eps_smoothing"};
const std::array<std::string, 1> k_rouge_params = {"use_stemmer"};
const std::array<std::string, 2> k_edit_params = {"processor", "unit"};

core::Expected<bool> parse_flag(std::string_view value) {
  const std::string lower = core::to_lower(value);
  if (lower == "true" || lower == "yes" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "0") return false;
  return core::unexpected("expected true or false, got " + core::quote(value));
}

core::Expected<int> parse_whole(std::string_view value, int min, int max) {
  int number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || number < min || number > max) {
    return core::unexpected("expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                            ", got " + core::quote(value));
  }
  return number;
}

core::Expected<double> parse_non_negative(std::string_view value) {
  double number = 0.0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(number) || number < 0) {
    return core::unexpected("expected a number of 0 or more, got " + core::quote(value));
  }
  return number;
}

// The value, or a usage error naming the whole argument.
template <typename T>
T require(core::Expected<T> parsed, std::string_view argument) {
  if (!parsed) {
    core::fail_usage("--param " + std::string(argument) + ": " + parsed.error());
  }
  return std::move(parsed).value();
}

ScoreSettings resolve_metric(std::string_view name) {
  ScoreSettings settings;
  const std::string lower = core::to_lower(name);
  for (const auto& canonical : k_metric_names) {
    if (core::to_lower(canonical) == lower) settings.name = canonical;
  }
  if (settings.name.empty() && lower.size() == 6 && core::starts_with(lower, "rouge") && lower[5] >= '3' &&
      lower[5] <= '9') {
    settings.name = lower;
  }
  if (settings.name.empty()) {
    core::fail_usage("unknown metric " + core::quote(name), {core::suggest(name, k_metric_names)});
  }
  if (settings.name == "bleu") settings.metric = ScoreMetric::bleu;
  if (settings.name == "chrf" || settings.name == "chrf++") settings.metric = ScoreMetric::chrf;
  if (settings.name == "chrf++") settings.chrf = chrf_plus_plus_options();
  if (settings.name == "levenshtein") settings.metric = ScoreMetric::levenshtein;
  if (settings.name == "indel-ratio") settings.metric = ScoreMetric::indel_ratio;
  if (auto rouge = parse_rouge_type(settings.name)) {
    settings.metric = ScoreMetric::rouge;
    settings.rouge_type = *rouge;
  }
  return settings;
}

void apply_bleu(BleuOptions& bleu, std::string_view key, std::string_view value, std::string_view argument) {
  if (key == "tokenize") bleu.tokenize = require(parse_bleu_tokenizer(value), argument);
  if (key == "smooth_method") bleu.smooth_method = require(parse_bleu_smoothing(value), argument);
  if (key == "smooth_value") bleu.smooth_value = require(parse_non_negative(value), argument);
  if (key == "effective_order") bleu.effective_order = require(parse_flag(value), argument);
  if (key == "lowercase") bleu.lowercase = require(parse_flag(value), argument);
  if (key == "max_ngram_order") bleu.max_ngram_order = require(parse_whole(value, 1, 100), argument);
}

void apply_chrf(ChrfOptions& chrf, std::string_view key, std::string_view value, std::string_view argument) {
  if (key == "char_order") chrf.char_order = require(parse_whole(value, 0, 100), argument);
  if (key == "word_order") chrf.word_order = require(parse_whole(value, 0, 100), argument);
  if (key == "beta") chrf.beta = require(parse_whole(value, 0, 1000), argument);
  if (key == "lowercase") chrf.lowercase = require(parse_flag(value), argument);
  if (key == "whitespace") chrf.whitespace = require(parse_flag(value), argument);
  if (key == "eps_smoothing") chrf.eps_smoothing = require(parse_flag(value), argument);
}

}  // namespace

std::span<const std::string> score_metric_names() { return k_metric_names; }

std::span<const std::string> score_parameter_names(ScoreMetric metric) {
  switch (metric) {
    case ScoreMetric::bleu: return k_bleu_params;
    case ScoreMetric::chrf: return k_chrf_params;
    case ScoreMetric::rouge: return k_rouge_params;
    case ScoreMetric::levenshtein:
    case ScoreMetric::indel_ratio: return k_edit_params;
  }
  return {};
}

ScoreSettings parse_score_settings(std::string_view metric, std::span<const std::string> params, ScoreMode mode) {
  ScoreSettings settings = resolve_metric(metric);
  // sacreBLEU's --sentence-level turns effective order on; an explicit parameter still wins.
  settings.bleu.effective_order = mode == ScoreMode::per_line;
  const auto names = score_parameter_names(settings.metric);
  std::set<std::string> seen;
  for (const auto& argument : params) {
    const auto equals = argument.find('=');
    if (equals == std::string::npos || equals == 0) {
      core::fail_usage("--param " + core::quote(argument) + ": expected NAME=VALUE", {"e.g. --param tokenize=intl"});
    }
    const std::string key = argument.substr(0, equals);
    const std::string value = argument.substr(equals + 1);
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      core::fail_usage("--param " + argument + ": " + settings.name + " has no parameter " + core::quote(key),
                       {names.empty() ? settings.name + " takes no parameters" : core::suggest(key, names)});
    }
    if (!seen.insert(key).second) {
      core::fail_usage("--param " + argument + ": " + core::quote(key) + " is given twice");
    }
    apply_bleu(settings.bleu, settings.metric == ScoreMetric::bleu ? key : "", value, argument);
    apply_chrf(settings.chrf, settings.metric == ScoreMetric::chrf ? key : "", value, argument);
    if (key == "use_stemmer") settings.rouge.use_stemmer = require(parse_flag(value), argument);
    if (key == "processor") settings.edit.processor = require(parse_edit_processor(value), argument);
    if (key == "unit") settings.edit.unit = require(parse_edit_unit(value), argument);
  }
  return settings;
}

}  // namespace genops::eval::metrics
