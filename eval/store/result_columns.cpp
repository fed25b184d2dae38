#include "eval/store/result_columns.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/json.hpp"

namespace genops::eval {

namespace {

// `text` as a JSON string: printable ASCII is copied, anything else goes
// through the JSON library (escapes, invalid UTF-8 replaced).
void append_string(std::string& out, std::string_view text) {
  bool plain = true;
  for (unsigned char c : text) plain = plain && c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  if (!plain) {
    out += core::dump_json(nlohmann::json(std::string(text)));
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

// The shortest text that reads back as `value`; null when it is not finite.
void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

}  // namespace

std::string assertions_json(const std::vector<AssertionResult>& assertions) {
  std::string out = "[";
  out.reserve(64 * assertions.size() + 2);
  for (const auto& a : assertions) {
    if (out.size() > 1) out += ',';
    out += "{\"type\":";
    append_string(out, a.type);
    if (a.metric != a.type) {
      out += ",\"metric\":";
      append_string(out, a.metric);
    }
    out += a.pass ? ",\"pass\":true" : ",\"pass\":false";
    if (a.weight != 1) {
      out += ",\"weight\":";
      append_number(out, a.weight);
    }
    if (a.score) {
      out += ",\"score\":";
      append_number(out, *a.score);
    }
    if (a.threshold) {
      out += ",\"threshold\":";
      append_number(out, *a.threshold);
    }
    if (!a.reason.empty()) {
      out += ",\"reason\":";
      append_string(out, a.reason);
    }
    if (a.error) out += ",\"error\":true";
    out += '}';
  }
  out += ']';
  return out;
}

std::vector<AssertionResult> parse_assertions(std::string_view text) {
  auto parsed = core::parse_json(text);
  if (!parsed || !parsed->is_array()) core::fail_storage("eval_results.assertions is not a JSON list");
  std::vector<AssertionResult> out;
  out.reserve(parsed->size());
  for (const auto& item : *parsed) {
    AssertionResult a;
    a.type = item.value("type", "");
    a.metric = item.value("metric", a.type);
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
