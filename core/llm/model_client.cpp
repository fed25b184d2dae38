#include "core/llm/model_client.hpp"

#include <future>

namespace genops::core::llm {

std::string to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::auth: return "auth";
    case FailureKind::rate_limited: return "rate_limited";
    case FailureKind::timeout: return "timeout";
    case FailureKind::server: return "server";
    case FailureKind::malformed: return "malformed";
    case FailureKind::bad_request: return "bad_request";
    case FailureKind::too_large: return "too_large";
    case FailureKind::network: return "network";
    case FailureKind::config: return "config";
  }
  return "server";
}

Outcome ModelClient::complete(Request request, TokenSink on_token) {
  std::promise<Outcome> promise;
  auto future = promise.get_future();
  submit(std::move(request), [&promise](Outcome outcome) { promise.set_value(std::move(outcome)); },
         std::move(on_token));
  return future.get();
}

}  // namespace genops::core::llm
