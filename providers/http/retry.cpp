#include "providers/http/retry.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <locale>
#include <sstream>

namespace genops::providers::http {

namespace {

using std::chrono::milliseconds;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A non-negative finite number filling the whole of `text`, or nullopt.
std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) {
    return std::nullopt;
  }
  return value;
}

milliseconds to_millis(double ms) {
  // Round up: a retry must never come earlier than the server asked.
  return milliseconds(static_cast<std::int64_t>(std::ceil(std::min(ms, 1e12))));
}

std::string seconds_text(milliseconds wait) {
  std::ostringstream out;
  out << static_cast<double>(wait.count()) / 1000.0 << " s";
  return out.str();
}

}  // namespace

bool is_retryable_status(int status) {
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

bool is_quota_exhausted(std::string_view body) {
  const std::string text = lower(body);
  if (text.find("insufficient_quota") != std::string::npos) return true;
  const auto quota = text.find("quota");
  return quota != std::string::npos && text.find("exceeded", quota) != std::string::npos;
}

milliseconds backoff_delay(int retry_index, double jitter, const RetryPolicy& policy) {
  const double base = static_cast<double>(policy.base.count());
  const double cap = static_cast<double>(policy.cap.count());
  const double exponential = std::min(base * std::exp2(std::clamp(retry_index, 0, 62)), cap);
  const double factor = 0.75 + 0.25 * std::clamp(jitter, 0.0, 1.0);
  return milliseconds(static_cast<std::int64_t>(exponential * factor * std::max(policy.backoff_scale, 0.0)));
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  std::istringstream in{std::string(trim(text))};
  in.imbue(std::locale::classic());
  std::tm tm{};
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S GMT");
  if (in.fail()) return std::nullopt;
  in >> std::ws;
  if (!in.eof()) return std::nullopt;
  const std::time_t seconds = timegm(&tm);
  if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(seconds);
}

std::optional<milliseconds> parse_retry_after(const HttpResponse& response,
                                              std::chrono::system_clock::time_point now) {
  if (auto ms = parse_number(response.header("retry-after-ms"))) return to_millis(*ms);
  const std::string value = response.header("retry-after");
  if (value.empty()) return std::nullopt;
  if (auto seconds = parse_number(value)) return to_millis(*seconds * 1000.0);
  if (auto date = parse_http_date(value)) {
    const auto wait = std::chrono::duration_cast<milliseconds>(*date - now);
    return std::max(wait, milliseconds(0));
  }
  return std::nullopt;
}

RetryDecision decide_retry(const HttpResponse& response, int retries_done, int max_retries, double jitter,
                           std::chrono::system_clock::time_point now, const RetryPolicy& policy) {
  RetryDecision decision;
  switch (response.transport) {
    case TransportError::none:
      decision.reason = "status " + std::to_string(response.status);
      if (!is_retryable_status(response.status)) return decision;
      if (response.status == 429 && is_quota_exhausted(response.body)) {
        decision.reason = "quota exhausted";
        return decision;
      }
      break;
    case TransportError::timeout: decision.reason = "timeout"; break;
    case TransportError::connect: decision.reason = "connection error"; break;
    case TransportError::too_large: decision.reason = "reply too large"; return decision;
    case TransportError::other: decision.reason = "transfer error"; return decision;
  }
  if (retries_done >= max_retries) {
    decision.reason += ", no retries left";
    return decision;
  }
  if (auto asked = parse_retry_after(response, now)) {
    if (*asked > policy.max_retry_after) {
      decision.reason += ", server asks to wait " + seconds_text(*asked) + ", over the " +
                         seconds_text(policy.max_retry_after) + " limit";
      return decision;
    }
    decision.delay = *asked;
  } else {
    decision.delay = backoff_delay(retries_done, jitter, policy);
  }
  decision.action = RetryAction::retry;
  return decision;
}

namespace {

std::string tenths_of_seconds(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}

std::string status_text(int status, const std::string& reason) {
  if (status == 0) return reason;
  std::string code = std::to_string(status);
  if (status == 429) return code + " rate limited";
  if (status == 408) return code + " request timeout";
  if (status == 409) return code + " conflict";
  if (status >= 500) return code + " server error";
  return code;
}

}  // namespace

std::string describe_retry_note(const RetryNote& note) {
  return "still retrying " + (note.label.empty() ? std::string("a request") : note.label) + ": " +
         status_text(note.status, note.reason) + ", attempt " + std::to_string(note.attempt) + " of " +
         std::to_string(note.max_attempts) + ", next in " + tenths_of_seconds(note.delay) + " (" +
         tenths_of_seconds(note.elapsed) + " so far)";
}

}  // namespace genops::providers::http
