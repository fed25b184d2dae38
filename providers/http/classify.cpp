#include "providers/http/classify.hpp"

#include <chrono>
#include <string>

#include "core/redact.hpp"
#include "providers/http/redact_url.hpp"
#include "providers/http/retry.hpp"

namespace genops::providers::http {

namespace {

using core::llm::FailureKind;

constexpr std::size_t k_max_body_excerpt = 300;

FailureKind kind_of_transport(TransportError transport) {
  switch (transport) {
    case TransportError::timeout: return FailureKind::timeout;
    case TransportError::too_large: return FailureKind::too_large;
    case TransportError::connect:
    case TransportError::other:
    case TransportError::none: break;
  }
  return FailureKind::network;
}

FailureKind kind_of_status(int status) {
  if (status == 401 || status == 403) return FailureKind::auth;
  if (status == 429) return FailureKind::rate_limited;
  if (status == 408) return FailureKind::timeout;
  if (status == 409 || (status >= 500 && status <= 599)) return FailureKind::server;
  if (status >= 400 && status <= 499) return FailureKind::bad_request;
  return FailureKind::malformed;
}

// What the provider said, or failing that what the reply looked like.
std::string describe(const HttpResponse& response, std::string_view provider_message) {
  if (response.transport != TransportError::none) {
    return response.transport_message.empty() ? "transfer failed" : response.transport_message;
  }
  std::string text = "HTTP " + std::to_string(response.status);
  if (!provider_message.empty()) return text.append(": ").append(provider_message);
  if (response.status >= 200 && response.status <= 299) return text.append(": the reply could not be read");
  if (!response.body.empty()) {
    text.append(": ").append(response.body.substr(0, k_max_body_excerpt));
    if (response.body.size() > k_max_body_excerpt) text.append("...");
  }
  return text;
}

// Why a 429 was not retried, when the reply says so.
std::string rate_limit_note(const HttpResponse& response) {
  if (is_quota_exhausted(response.body)) return "quota exhausted, not retried: ";
  const RetryPolicy policy;
  const auto asked = parse_retry_after(response, std::chrono::system_clock::now());
  if (asked && *asked > policy.max_retry_after) {
    return "server asks to wait " + std::to_string(asked->count() / 1000) + " s, over the " +
           std::to_string(policy.max_retry_after.count() / 1000) + " s limit: ";
  }
  return {};
}

}  // namespace

core::llm::Failure classify(const HttpResponse& response, std::string_view provider_message, std::string_view url) {
  core::llm::Failure failure;
  failure.http_status = response.status;
  failure.retries = response.retries;
  failure.url = redact_url(url);
  failure.kind = response.transport != TransportError::none ? kind_of_transport(response.transport)
                                                             : kind_of_status(response.status);
  std::string message = describe(response, provider_message);
  if (failure.kind == FailureKind::rate_limited) message = rate_limit_note(response) + message;
  failure.message = core::redact(message);
  return failure;
}

}  // namespace genops::providers::http
