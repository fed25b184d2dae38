// The table of assertion types: name -> check, allowed option keys; and the
// one entry point that applies not-, weight and metric around a check.
#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <exception>

#include "core/redact.hpp"
#include "core/strings.hpp"
#include "eval/assertions/assertion.hpp"
#include "eval/assertions/family.hpp"

namespace genops::eval::assertions {

namespace {

struct Entry {
  std::string_view type;
  CheckFn check;
  std::vector<std::string> options;
  AssertionTraits traits;
};

constexpr AssertionTraits k_valued{true, false, false, Uses::nothing};
constexpr AssertionTraits k_plain{false, false, false, Uses::nothing};
constexpr AssertionTraits k_scored{false, true, false, Uses::nothing};
constexpr AssertionTraits k_usage{false, false, true, Uses::nothing};

const std::vector<Entry>& table() {
  static const std::vector<Entry> k_table = {
      {"equals", check_equals, {}, k_valued},
      {"contains", check_contains, {}, k_valued},
      {"icontains", check_icontains, {}, k_valued},
      {"contains-any", check_contains_any, {}, k_valued},
      {"icontains-any", check_icontains_any, {}, k_valued},
      {"contains-all", check_contains_all, {}, k_valued},
      {"icontains-all", check_icontains_all, {}, k_valued},
      {"regex", check_regex, {}, k_valued},
      {"starts-with", check_starts_with, {}, k_valued},
      {"is-json", check_is_json, {}, k_plain},
      {"contains-json", check_contains_json, {}, k_plain},
      {"json-schema", check_json_schema, {}, k_valued},
      {"levenshtein", check_levenshtein, {"max_distance", "processor", "unit"}, k_scored},
      {"bleu", check_bleu, {"tokenize", "lowercase"}, k_scored},
      {"chrf", check_chrf, {"word_order", "lowercase", "whitespace", "char_order", "beta"}, k_scored},
      {"rouge1", check_rouge, {"use_stemmer"}, k_scored},
      {"rouge2", check_rouge, {"use_stemmer"}, k_scored},
      {"rougeL", check_rouge, {"use_stemmer"}, k_scored},
      {"rougeLsum", check_rouge, {"use_stemmer"}, k_scored},
      {"similar", check_similar, {}, {false, true, false, Uses::embedding}},
      {"llm-rubric", check_llm_rubric, {"rubric_prompt"}, {true, true, false, Uses::judge}},
      {"factuality", check_factuality, {"query_var", "rubric_prompt"}, {false, true, false, Uses::judge}},
      {"answer-relevance", check_answer_relevance, {"query_var", "rubric_prompt"}, {false, true, false, Uses::judge}},
      {"context-faithfulness", check_context_faithfulness, {"context_var", "query_var", "rubric_prompt"}, {false, true, false, Uses::judge}},
      {"latency", check_latency, {}, k_usage},
      {"cost", check_cost, {}, k_usage},
      {"tokens", check_tokens, {}, k_usage},
      {"exec", check_exec, {"command", "timeout"}, {false, false, false, Uses::program}},
  };
  return k_table;
}

const Entry* find_entry(std::string_view type) {
  const auto& entries = table();
  auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.type == type; });
  return it == entries.end() ? nullptr : &*it;
}

}  // namespace

Verdict error_verdict(std::string reason) {
  Verdict v;
  v.error = true;
  v.reason = std::move(reason);
  return v;
}

Verdict bool_verdict(bool pass, std::string fails_because, std::string holds_because) {
  Verdict v;
  v.pass = pass;
  v.score = pass ? 1.0 : 0.0;
  v.reason = std::move(fails_because);
  v.holds = std::move(holds_because);
  return v;
}

std::string value_text(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::vector<std::string> value_list(const nlohmann::json& value) {
  std::vector<std::string> items;
  if (value.is_array()) {
    for (const auto& item : value) items.push_back(value_text(item));
  } else if (value.is_string()) {
    for (const auto& part : core::split(value.get<std::string>(), ',')) {
      auto item = core::trim(part);
      if (!item.empty()) items.push_back(std::move(item));
    }
  } else if (!value.is_null()) {
    items.push_back(value_text(value));
  }
  return items;
}

std::optional<std::string> reference_text(const AssertionSpec& spec, const AssertionInput& input) {
  if (!spec.value.is_null()) return value_text(spec.value);
  return input.expected;
}

bool option_bool(const AssertionSpec& spec, const std::string& key, bool fallback) {
  if (!spec.options.contains(key)) return fallback;
  const auto& v = spec.options[key];
  if (!v.is_boolean()) throw std::invalid_argument(spec.type + ": option " + key + " must be true or false, got " + v.dump());
  return v.get<bool>();
}

double option_number(const AssertionSpec& spec, const std::string& key, double fallback) {
  if (!spec.options.contains(key)) return fallback;
  const auto& v = spec.options[key];
  if (!v.is_number()) throw std::invalid_argument(spec.type + ": option " + key + " must be a number, got " + v.dump());
  return v.get<double>();
}

std::string option_string(const AssertionSpec& spec, const std::string& key, const std::string& fallback) {
  if (!spec.options.contains(key)) return fallback;
  const auto& v = spec.options[key];
  if (!v.is_string()) throw std::invalid_argument(spec.type + ": option " + key + " must be a string, got " + v.dump());
  return v.get<std::string>();
}

std::string format_score(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

Verdict floor_verdict(std::string_view name, double score, double threshold) {
  Verdict v;
  v.pass = score >= threshold;
  v.score = score;
  v.threshold = threshold;
  std::string shown = std::string(name) + " " + format_score(score);
  v.reason = shown + " is below the threshold " + format_score(threshold);
  v.holds = shown + " is at or above the threshold " + format_score(threshold);
  return v;
}

AssertionResult evaluate(const AssertionSpec& spec, const AssertionInput& input, const AssertionServices& services) {
  AssertionResult result;
  result.type = (spec.negate ? "not-" : "") + spec.type;
  result.metric = spec.metric.empty() ? spec.type : spec.metric;
  result.weight = spec.weight;
  const Entry* entry = find_entry(spec.type);
  Verdict v;
  if (entry == nullptr) {
    v = error_verdict("unknown assertion type " + core::quote(spec.type));
  } else {
    try {
      v = entry->check(spec, input, services);
    } catch (const std::exception& e) {
      // A provider that fails to embed, a judge that cannot be reached: the
      // case fails with the reason instead of stopping the suite.
      v = error_verdict(core::redact(e.what()));
    }
  }
  result.threshold = v.threshold;
  if (v.error) {
    result.error = true;
    result.pass = false;
    result.reason = v.reason;
    return result;
  }
  result.pass = spec.negate ? !v.pass : v.pass;
  result.score = v.score;
  if (spec.negate && v.score && !v.unit_score) result.score = 1.0 - *v.score;
  if (result.pass) {
    result.reason = v.note;
  } else if (spec.negate) {
    result.reason = v.holds.empty() ? v.reason : v.holds;
  } else {
    result.reason = v.reason;
  }
  return result;
}

const std::vector<std::string>& assertion_types() {
  static const std::vector<std::string> k_types = [] {
    std::vector<std::string> types;
    for (const auto& entry : table()) types.emplace_back(entry.type);
    return types;
  }();
  return k_types;
}

std::vector<std::string> assertion_option_keys(std::string_view type) {
  const Entry* entry = find_entry(type);
  return entry == nullptr ? std::vector<std::string>{} : entry->options;
}

AssertionTraits assertion_traits(std::string_view type) {
  const Entry* entry = find_entry(type);
  return entry == nullptr ? AssertionTraits{} : entry->traits;
}

}  // namespace genops::eval::assertions
