#pragma once
// What differs between HTTP providers: the shape of requests and replies. One
// implementation per kind (openai/, anthropic/, ollama/); HttpModelClient does
// the rest (sending, limits, failures, latency) once for all of them.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/expected.hpp"
#include "core/llm/model_client.hpp"
#include "providers/http/client.hpp"

namespace genops::providers::common {

// Where and with what credentials a kind talks to its server.
struct Endpoint {
  std::string base_url;  // the kind's default when not configured; no trailing slash
  std::string model;     // the configured model
  std::string api_key;   // "" when none is configured; registered as a secret
};

// One call to make: the URL and the JSON body.
struct HttpCall {
  std::string url;
  nlohmann::json body;
};

enum class Streaming { no, yes };

// Decodes a streamed reply incrementally; one per call.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // Consumes reply bytes in any split, passing each text delta to `on_token` (may be empty).
  virtual void feed(std::string_view bytes, const core::llm::TokenSink& on_token) = 0;
  // After the last byte: the assembled response, or a Failure (kind and
  // unredacted message) for a malformed stream or an error event in it.
  virtual core::llm::Outcome finish() = 0;
};

class WireFormat {
 public:
  virtual ~WireFormat() = default;
  // Headers every call carries (authentication, API version), without Content-Type.
  virtual std::vector<http::Header> headers() const = 0;
  // The chat call for `request`, whose model is already resolved.
  virtual HttpCall chat_call(const core::llm::Request& request, Streaming streaming) const = 0;
  // Parses a non-streamed 2xx chat reply into a Response or a Failure (unredacted message).
  virtual core::llm::Outcome parse_chat(std::string_view body) const = 0;
  // A decoder for one streamed reply.
  virtual std::unique_ptr<StreamDecoder> stream_decoder() const = 0;
  // The embeddings call for `texts` (at most embed_batch_size() of them).
  virtual HttpCall embed_call(std::span<const std::string> texts) const = 0;
  // One vector per input text, in input order; the error names what is wrong.
  virtual core::Expected<std::vector<std::vector<float>>> parse_embed(std::string_view body) const = 0;
  // How many texts one embeddings call may carry.
  virtual std::size_t embed_batch_size() const { return 128; }
};

}  // namespace genops::providers::common
