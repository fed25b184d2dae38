#include <doctest/doctest.h>

#include "providers/http/retry.hpp"

using namespace genops::providers::http;
using std::chrono::milliseconds;

namespace {

HttpResponse reply(int status, std::vector<Header> headers = {}, std::string body = {}) {
  HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

HttpResponse transport_failure(TransportError error) {
  HttpResponse r;
  r.transport = error;
  return r;
}

const auto k_now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT

}  // namespace

TEST_CASE("http::is_retryable_status: the retry table") {
  for (int status : {408, 409, 429, 500, 502, 503, 504, 529, 599}) {
    CAPTURE(status);
    CHECK(is_retryable_status(status));
  }
  for (int status : {200, 201, 204, 301, 400, 401, 403, 404, 413, 422, 499, 600}) {
    CAPTURE(status);
    CHECK_FALSE(is_retryable_status(status));
  }
}

TEST_CASE("http::is_quota_exhausted: spent quota versus a momentary limit") {
  CHECK(is_quota_exhausted(
      R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})"));
  CHECK(is_quota_exhausted("Quota exceeded for metric: requests"));
  CHECK(is_quota_exhausted("monthly QUOTA has been EXCEEDED"));
  CHECK_FALSE(is_quota_exhausted(R"({"error":{"message":"Rate limit reached for requests","type":"requests"}})"));
  CHECK_FALSE(is_quota_exhausted("exceeded the rate; quota resets soon"));
  CHECK_FALSE(is_quota_exhausted(""));
}

TEST_CASE("http::backoff_delay: min(0.5·2ⁿ, 8) s × U(0.75, 1.0)") {
  const RetryPolicy policy;
  SUBCASE("the bounds of each retry") {
    const int expected_ms[] = {500, 1000, 2000, 4000, 8000, 8000, 8000};
    for (int n = 0; n < 7; ++n) {
      CAPTURE(n);
      CHECK(backoff_delay(n, 0.0, policy) == milliseconds(expected_ms[n] * 3 / 4));
      CHECK(backoff_delay(n, 1.0, policy) == milliseconds(expected_ms[n]));
      const auto mid = backoff_delay(n, 0.5, policy);
      CHECK(mid > milliseconds(expected_ms[n] * 3 / 4));
      CHECK(mid < milliseconds(expected_ms[n]));
    }
  }
  SUBCASE("a huge retry index stays at the cap") { CHECK(backoff_delay(1000, 1.0, policy) == milliseconds(8000)); }
  SUBCASE("the scale shrinks computed waits") {
    RetryPolicy scaled;
    scaled.backoff_scale = 0.01;
    CHECK(backoff_delay(0, 1.0, scaled) == milliseconds(5));
    CHECK(backoff_delay(10, 1.0, scaled) == milliseconds(80));
  }
}

TEST_CASE("http::parse_retry_after: retry-after-ms, then Retry-After seconds or date") {
  SUBCASE("none") { CHECK_FALSE(parse_retry_after(reply(429), k_now)); }
  SUBCASE("milliseconds") { CHECK(parse_retry_after(reply(429, {{"retry-after-ms", "1500"}}), k_now) == milliseconds(1500)); }
  SUBCASE("fractional milliseconds round up") {
    CHECK(parse_retry_after(reply(429, {{"retry-after-ms", "0.2"}}), k_now) == milliseconds(1));
  }
  SUBCASE("retry-after-ms wins over Retry-After") {
    CHECK(parse_retry_after(reply(429, {{"retry-after", "30"}, {"retry-after-ms", "250"}}), k_now) == milliseconds(250));
  }
  SUBCASE("seconds") { CHECK(parse_retry_after(reply(429, {{"Retry-After", " 2 "}}), k_now) == milliseconds(2000)); }
  SUBCASE("fractional seconds") { CHECK(parse_retry_after(reply(503, {{"retry-after", "1.5"}}), k_now) == milliseconds(1500)); }
  SUBCASE("an HTTP-date ahead") {
    CHECK(parse_retry_after(reply(503, {{"retry-after", "Sun, 06 Nov 1994 08:49:42 GMT"}}), k_now) == milliseconds(5000));
  }
  SUBCASE("an HTTP-date in the past means now") {
    CHECK(parse_retry_after(reply(503, {{"retry-after", "Sun, 06 Nov 1994 08:00:00 GMT"}}), k_now) == milliseconds(0));
  }
  SUBCASE("garbage is ignored") {
    CHECK_FALSE(parse_retry_after(reply(429, {{"retry-after", "soon"}}), k_now));
    CHECK_FALSE(parse_retry_after(reply(429, {{"retry-after", "-3"}}), k_now));
    CHECK_FALSE(parse_retry_after(reply(429, {{"retry-after", "3s"}}), k_now));
  }
  SUBCASE("a bad retry-after-ms falls back to Retry-After") {
    CHECK(parse_retry_after(reply(429, {{"retry-after-ms", "x"}, {"retry-after", "1"}}), k_now) == milliseconds(1000));
  }
}

TEST_CASE("http::parse_http_date: IMF-fixdate only") {
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == k_now);
  CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
  CHECK_FALSE(parse_http_date(""));
}

TEST_CASE("http::decide_retry") {
  RetryPolicy policy;
  SUBCASE("success is final") { CHECK(decide_retry(reply(200), 0, 5, 0.5, k_now, policy).action == RetryAction::give_up); }
  SUBCASE("never retried statuses") {
    for (int status : {400, 401, 403, 404, 413, 422}) {
      CAPTURE(status);
      const auto d = decide_retry(reply(status), 0, 5, 0.5, k_now, policy);
      CHECK(d.action == RetryAction::give_up);
      CHECK(d.reason == "status " + std::to_string(status));
    }
  }
  SUBCASE("a 503 backs off by the formula") {
    const auto d = decide_retry(reply(503), 2, 5, 1.0, k_now, policy);
    CHECK(d.action == RetryAction::retry);
    CHECK(d.delay == milliseconds(2000));
    CHECK(d.reason == "status 503");
  }
  SUBCASE("Retry-After replaces the backoff and is never scaled") {
    policy.backoff_scale = 0.001;
    const auto d = decide_retry(reply(429, {{"retry-after", "1"}}), 0, 5, 0.5, k_now, policy);
    CHECK(d.action == RetryAction::retry);
    CHECK(d.delay == milliseconds(1000));
  }
  SUBCASE("a wait over 120 s gives up at once") {
    const auto d = decide_retry(reply(429, {{"retry-after", "3600"}}), 0, 5, 0.5, k_now, policy);
    CHECK(d.action == RetryAction::give_up);
    CHECK(d.reason == "status 429, server asks to wait 3600 s, over the 120 s limit");
  }
  SUBCASE("exactly 120 s is still honoured") {
    CHECK(decide_retry(reply(429, {{"retry-after", "120"}}), 0, 5, 0.5, k_now, policy).delay == milliseconds(120'000));
  }
  SUBCASE("a spent quota is not retried") {
    const auto d = decide_retry(reply(429, {}, R"({"error":{"code":"insufficient_quota"}})"), 0, 5, 0.5, k_now, policy);
    CHECK(d.action == RetryAction::give_up);
    CHECK(d.reason == "quota exhausted");
  }
  SUBCASE("no retries left") {
    const auto d = decide_retry(reply(500), 5, 5, 0.5, k_now, policy);
    CHECK(d.action == RetryAction::give_up);
    CHECK(d.reason == "status 500, no retries left");
  }
  SUBCASE("transport errors") {
    CHECK(decide_retry(transport_failure(TransportError::timeout), 0, 1, 0.5, k_now, policy).action == RetryAction::retry);
    CHECK(decide_retry(transport_failure(TransportError::connect), 0, 1, 0.5, k_now, policy).action == RetryAction::retry);
    CHECK(decide_retry(transport_failure(TransportError::too_large), 0, 1, 0.5, k_now, policy).action ==
          RetryAction::give_up);
    CHECK(decide_retry(transport_failure(TransportError::other), 0, 1, 0.5, k_now, policy).action ==
          RetryAction::give_up);
  }
  SUBCASE("max_retries 0 never retries") {
    CHECK(decide_retry(reply(503), 0, 0, 0.5, k_now, policy).action == RetryAction::give_up);
  }
}
