#include "migrate/promptfoo/shorthand.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

namespace genops::migrate::promptfoo {

namespace {

using ojson = nlohmann::ordered_json;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

// promptfoo's BaseAssertionTypes (src/types), longest first so `contains-json` wins over `contains`.
const std::vector<std::string>& base_types() {
  static const std::vector<std::string> k_types = [] {
    std::vector<std::string> t = {
        "answer-relevance", "bleu", "classifier", "contains", "contains-all", "contains-any", "contains-html",
        "contains-json", "contains-sql", "contains-xml", "context-faithfulness", "context-recall",
        "context-relevance", "cost", "equals", "factuality", "finish-reason", "g-eval", "gleu", "icontains",
        "icontains-all", "icontains-any", "is-html", "is-json", "is-refusal", "is-sql", "is-valid-function-call",
        "is-valid-openai-function-call", "is-valid-openai-tools-call", "is-xml", "javascript", "latency",
        "levenshtein", "llm-rubric", "meteor", "model-graded-closedqa", "model-graded-factuality", "moderation",
        "perplexity", "perplexity-score", "pi", "python", "regex", "rouge-n", "ruby", "select-best", "similar",
        "starts-with", "webhook", "word-count"};
    std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return t;
  }();
  return k_types;
}

// Types whose shorthand sets a threshold (src/csv.ts), defaulting to 0.8 for similar and 0.75 otherwise.
bool takes_threshold(const std::string& type) {
  static const std::vector<std::string> k = {"answer-relevance", "classifier", "context-faithfulness",
                                             "context-recall", "context-relevance", "cost", "latency",
                                             "levenshtein", "perplexity-score", "perplexity", "rouge-n",
                                             "similar", "starts-with"};
  return std::find(k.begin(), k.end(), type) != k.end();
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    auto comma = s.find(',', pos);
    std::string item = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    auto b = item.find_first_not_of(" \t");
    auto e = item.find_last_not_of(" \t");
    out.push_back(b == std::string::npos ? "" : item.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

std::string trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

}  // namespace

ojson assertion_from_shorthand(const std::string& text) {
  for (std::string_view p : {"javascript:", "fn:", "eval:"})
    if (starts_with(text, p)) return {{"type", "javascript"}, {"value", trimmed(text.substr(p.size()))}};
  if (starts_with(text, "grade:") || starts_with(text, "llm-rubric:"))
    return {{"type", "llm-rubric"}, {"value", text.substr(starts_with(text, "grade:") ? 6 : 11)}};
  if (starts_with(text, "python:")) return {{"type", "python"}, {"value", trimmed(text.substr(7))}};
  if (starts_with(text, "file://") && (ends_with(text, ".py") || text.find(".py:") != std::string::npos))
    return {{"type", "python"}, {"value", trimmed(text.substr(7))}};
  if (starts_with(text, "file://") && (ends_with(text, ".js") || ends_with(text, ".ts") ||
                                       text.find(".js:") != std::string::npos || text.find(".ts:") != std::string::npos))
    return {{"type", "javascript"}, {"value", trimmed(text.substr(7))}};

  // ^(not-)?(TYPE)(?:\((\d+(?:\.\d+)?)\))?(?::([\s\S]*))?$
  std::string_view rest = text;
  bool negate = starts_with(rest, "not-");
  if (negate) rest.remove_prefix(4);
  for (const auto& type : base_types()) {
    if (!starts_with(rest, type)) continue;
    std::string_view after = rest.substr(type.size());
    std::optional<double> threshold;
    if (starts_with(after, "(")) {
      auto close = after.find(')');
      if (close == std::string_view::npos) continue;
      std::string number(after.substr(1, close - 1));
      bool ok = !number.empty() && number.find_first_not_of("0123456789.") == std::string::npos &&
                number.front() != '.' && number.back() != '.' && std::count(number.begin(), number.end(), '.') <= 1;
      if (!ok) continue;
      threshold = std::stod(number);
      after.remove_prefix(close + 1);
    }
    if (!after.empty() && after.front() != ':') continue;
    ojson out = {{"type", (negate ? "not-" : "") + type}};
    std::optional<std::string> value;
    if (!after.empty()) value = std::string(after.substr(1));
    if (type == "contains-all" || type == "contains-any" || type == "icontains-all" || type == "icontains-any") {
      out["value"] = split_list(value.value_or(""));
    } else {
      if (value) out["value"] = *value;
      if (takes_threshold(type))
        out["threshold"] = threshold && *threshold != 0 ? *threshold : type == "similar" ? 0.8 : 0.75;
    }
    return out;
  }
  return {{"type", "equals"}, {"value", text}};
}

}  // namespace genops::migrate::promptfoo
