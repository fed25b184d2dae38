#include "core/telemetry/otlp_json.hpp"

#include <cctype>
#include <charconv>
#include <chrono>

#include "core/hash.hpp"

namespace genops::core::telemetry {

namespace {

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Reads `n` digits at `pos` of `s`; false when they are not all digits.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + n, out);
  return ec == std::errc() && p == s.data() + pos + n;
}

}  // namespace

std::string trace_id_of(std::string_view run_id) {
  if (run_id.size() == 16 && is_hex(run_id)) return std::string(16, '0') + lower(run_id);
  return sha256_hex(run_id).substr(0, 32);
}

std::string span_id_of(std::string_view run_id, std::int64_t seq) {
  auto id = sha256_hex(std::string(run_id) + "/" + std::to_string(seq)).substr(0, 16);
  if (id == std::string(16, '0')) id[15] = '1';  // an all-zero span id is invalid
  return id;
}

std::optional<std::int64_t> unix_nanos(std::string_view t) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t.back() != 'Z')
    return std::nullopt;
  if (!digits(t, 0, 4, year) || !digits(t, 5, 2, month) || !digits(t, 8, 2, day) || !digits(t, 11, 2, hour) ||
      !digits(t, 14, 2, minute) || !digits(t, 17, 2, second))
    return std::nullopt;
  std::int64_t nanos = 0;
  std::size_t pos = 19;
  if (t[pos] == '.') {
    std::int64_t scale = 100'000'000;
    for (++pos; pos + 1 < t.size(); ++pos) {
      if (!std::isdigit(static_cast<unsigned char>(t[pos]))) return std::nullopt;
      nanos += (t[pos] - '0') * scale;
      scale /= 10;
    }
  }
  if (pos + 1 != t.size()) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                           std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const auto secs = sys_days(ymd).time_since_epoch() + hours(hour) + minutes(minute) + seconds(second);
  return duration_cast<nanoseconds>(secs).count() + nanos;
}

nlohmann::json string_attr(std::string_view key, std::string_view value) {
  return {{"key", key}, {"value", {{"stringValue", value}}}};
}

nlohmann::json int_attr(std::string_view key, std::int64_t value) {
  return {{"key", key}, {"value", {{"intValue", std::to_string(value)}}}};
}

nlohmann::json double_attr(std::string_view key, double value) {
  return {{"key", key}, {"value", {{"doubleValue", value}}}};
}

nlohmann::json bool_attr(std::string_view key, bool value) {
  return {{"key", key}, {"value", {{"boolValue", value}}}};
}

nlohmann::json export_request(std::vector<nlohmann::json> spans, const Resource& resource) {
  auto attributes = nlohmann::json::array({string_attr("service.name", resource.service_name),
                                           string_attr("telemetry.sdk.name", "genops"),
                                           string_attr("telemetry.sdk.language", "cpp")});
  if (!resource.service_version.empty()) attributes.push_back(string_attr("service.version", resource.service_version));
  for (const auto& [key, value] : resource.attributes)
    if (key != "service.name") attributes.push_back(string_attr(key, value));
  nlohmann::json scope = {{"name", "genops"}};
  if (!resource.service_version.empty()) scope["version"] = resource.service_version;
  return {{"resourceSpans",
           nlohmann::json::array({{{"resource", {{"attributes", std::move(attributes)}}},
                                   {"scopeSpans", nlohmann::json::array({{{"scope", std::move(scope)},
                                                                          {"spans", std::move(spans)}}})}}})}};
}

}  // namespace genops::core::telemetry
