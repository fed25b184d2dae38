#pragma once
// Maps a reply that gave no usable result to the provider-neutral failure kinds
// of core::llm (the error table of docs/providers.md, "Failures").
#include <string_view>

#include "core/llm/types.hpp"
#include "providers/http/client.hpp"

namespace genops::providers::http {

// The failure for `response` (after retries). `provider_message` is the error
// text the provider put in its body, if the caller could parse one; `url` is
// the request URL. Message and URL come back redacted. Transport errors win
// over the status: timeout → timeout, connect/other → network, too_large →
// too_large; then 401/403 → auth, 429 → rate_limited, 408 → timeout, 5xx and
// 409 → server, other 4xx → bad_request, anything else (a 2xx the caller could
// not parse, 1xx, 3xx) → malformed.
core::llm::Failure classify(const HttpResponse& response, std::string_view provider_message, std::string_view url);

}  // namespace genops::providers::http
