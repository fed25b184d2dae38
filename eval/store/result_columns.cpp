#include "eval/store/result_columns.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

namespace genops::eval {

std::string assertions_json(const std::vector<AssertionResult>& assertions) {
  auto list = nlohmann::json::array();
  for (const auto& a : assertions) {
    nlohmann::json item = {{"type", a.type}, {"metric", a.metric}, {"pass", a.pass}, {"weight", a.weight}};
    if (a.score) item["score"] = *a.score;
    if (a.threshold) item["threshold"] = *a.threshold;
    if (!a.reason.empty()) item["reason"] = a.reason;
    if (a.error) item["error"] = true;
    list.push_back(std::move(item));
  }
  return core::dump_json(list);
}

std::vector<AssertionResult> parse_assertions(std::string_view text) {
  auto parsed = core::parse_json(text);
  if (!parsed || !parsed->is_array()) core::fail_storage("eval_results.assertions is not a JSON list");
  std::vector<AssertionResult> out;
  out.reserve(parsed->size());
  for (const auto& item : *parsed) {
    AssertionResult a;
    a.type = item.value("type", "");
    a.metric = item.value("metric", "");
    a.pass = item.value("pass", false);
    a.weight = item.value("weight", 1.0);
    if (item.contains("score") && item["score"].is_number()) a.score = item["score"].get<double>();
    if (item.contains("threshold") && item["threshold"].is_number()) a.threshold = item["threshold"].get<double>();
    a.reason = item.value("reason", "");
    a.error = item.value("error", false);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace genops::eval
