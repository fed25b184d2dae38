#pragma once
// Turning a reply that is not a usable answer into a core::llm::Failure, with
// the provider's own message, redacted (classification: http/classify.hpp).
#include <string>
#include <string_view>

#include "core/llm/types.hpp"
#include "providers/http/client.hpp"

namespace genops::providers::common {

// The provider's message in an error body: OpenAI {"error":{"message"}},
// Anthropic {"type":"error","error":{"message"}}, Ollama {"error":"..."}, or
// a top-level "message"; "" when the body has none of these. Not yet redacted.
std::string provider_error_message(std::string_view body);

// provider_error_message(), or else the body's first 300 bytes: for error
// objects inside a 2xx reply or a stream.
std::string describe_error_body(std::string_view body);

// The failure for a reply with a transport error or a non-2xx status:
// http::classify() fed with the provider's message. Message and URL redacted.
core::llm::Failure failure_from_http(const http::HttpResponse& response, std::string_view url);

// Whether a provider's requests carry an API key (an Authorization or
// x-api-key header).
enum class KeySent { yes, no };

// KeySent::no when none of `headers` carries a key.
KeySent key_sent(const std::vector<http::Header>& headers);

// For an auth failure of a provider that sends no key, says so in the message:
// a 401 from a server that wants a key is otherwise a riddle.
void note_unsent_key(core::llm::Failure& failure, KeySent sent);

// A failure of kind `kind` for a reply that arrived but cannot be used
// (malformed JSON, an error event inside a stream). Redacts `message` and `url`.
core::llm::Failure make_failure(core::llm::FailureKind kind, std::string_view message, std::string_view url,
                                const http::HttpResponse& response);

}  // namespace genops::providers::common
