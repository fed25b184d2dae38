#include "providers/anthropic/anthropic_wire.hpp"

#include "core/error.hpp"
#include "core/strings.hpp"
#include "providers/anthropic/messages_reply.hpp"
#include "providers/anthropic/messages_request.hpp"

namespace genops::providers::anthropic {

std::vector<http::Header> AnthropicWire::headers() const {
  std::vector<http::Header> out;
  if (!m_endpoint.api_key.empty()) out.push_back({"x-api-key", m_endpoint.api_key});
  out.push_back({"anthropic-version", m_version});
  return out;
}

common::HttpCall AnthropicWire::chat_call(const core::llm::Request& request, common::Streaming streaming) const {
  // Accept base_url with or without the version segment.
  const std::string& base = m_endpoint.base_url;
  bool has_version = base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0;
  return {base + (has_version ? "/messages" : "/v1/messages"), build_messages_body(request, streaming)};
}

core::llm::Outcome AnthropicWire::parse_chat(std::string_view body) const { return parse_messages_reply(body); }

std::unique_ptr<common::StreamDecoder> AnthropicWire::stream_decoder() const {
  return std::make_unique<MessagesStreamDecoder>();
}

common::HttpCall AnthropicWire::embed_call(std::span<const std::string>) const {
  throw core::Error(core::ErrorKind::invalid_input, "provider kind anthropic has no embeddings API",
                    {"use a provider of kind hash-embed, openai or ollama for embeddings"});
}

core::Expected<std::vector<std::vector<float>>> AnthropicWire::parse_embed(std::string_view) const {
  return core::unexpected("provider kind anthropic has no embeddings API");
}

}  // namespace genops::providers::anthropic
