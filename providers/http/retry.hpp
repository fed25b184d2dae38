#pragma once
// The retry policy of docs/reliability.md as pure functions: which replies
// are retried, how long to wait, and what a server's Retry-After asks for.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "providers/http/client.hpp"

namespace genops::providers::http {

struct RetryPolicy {
  std::chrono::milliseconds base{500};              // first backoff, doubled per retry
  std::chrono::milliseconds cap{8'000};             // backoff never exceeds this
  std::chrono::milliseconds max_retry_after{120'000};  // a longer server wait gives up at once
  double backoff_scale = 1.0;                       // multiplies computed backoff only
};

// True for the statuses worth another attempt: 408, 409, 429 and 500–599.
bool is_retryable_status(int status);

// True when a 429 body says the quota or credit is spent (not a momentary
// limit): it contains "insufficient_quota", or "quota" followed by "exceeded"
// (case-insensitive).
bool is_quota_exhausted(std::string_view body);

// Backoff before retry number `retry_index` (0 for the first retry):
// min(base·2ⁿ, cap) × (0.75 + 0.25·jitter) × backoff_scale, `jitter` in [0, 1].
std::chrono::milliseconds backoff_delay(int retry_index, double jitter, const RetryPolicy& policy);

// The wait a server asks for: `retry-after-ms` (milliseconds), else
// `Retry-After` (seconds or an HTTP-date, relative to `now`). Nullopt when
// absent or unparseable; a date in the past gives 0.
std::optional<std::chrono::milliseconds> parse_retry_after(const HttpResponse& response,
                                                           std::chrono::system_clock::time_point now);

// Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

enum class RetryAction { give_up, retry };

struct RetryDecision {
  RetryAction action = RetryAction::give_up;
  std::chrono::milliseconds delay{0};  // the wait before the retry
  std::string reason;                  // why, for logs: "status 429", "timeout", "quota exhausted"
};

// Whether the attempt that produced `response` should be retried, given that
// `retries_done` retries already happened out of `max_retries`.
// `jitter` is a uniform sample in [0, 1]; `now` resolves HTTP-date Retry-After.
RetryDecision decide_retry(const HttpResponse& response, int retries_done, int max_retries, double jitter,
                           std::chrono::system_clock::time_point now, const RetryPolicy& policy);

// One line for a request still being retried, e.g. "still retrying gpt: 429
// rate limited, attempt 4 of 6, next in 2.1 s (7.9 s so far)".
std::string describe_retry_note(const RetryNote& note);

}  // namespace genops::providers::http
