#pragma once
// A Client decorator that admits every request through a provider's Limiter.
#include <memory>

#include "providers/http/client.hpp"
#include "providers/http/limiter.hpp"

namespace genops::providers::http {

// Sends through `inner` once `limiter` admits the request (charging
// HttpRequest::estimated_tokens to the tokens-per-minute bucket). Every 429,
// retried or final, is reported to the limiter so concurrency adapts; the slot
// is released before `done` runs. The request's own on_retry still runs.
std::shared_ptr<Client> make_limited_client(std::shared_ptr<Client> inner, std::shared_ptr<Limiter> limiter);

// How a finished reply counts for the limiter: a final 429 is rate_limited,
// a complete 2xx ok, anything else failed.
CallOutcome outcome_of(const HttpResponse& response);

}  // namespace genops::providers::http
