#pragma once
// The `openai` kind's protocol: Chat Completions and Embeddings under base_url
// (default https://api.openai.com/v1), Bearer auth only when a key is configured.
#include "providers/common/wire_format.hpp"
#include "providers/openai/chat_request.hpp"

namespace genops::providers::openai {

inline constexpr const char* k_default_base_url = "https://api.openai.com/v1";

class OpenAiWire final : public common::WireFormat {
 public:
  // `max_tokens_field`: max_completion_tokens for OpenAI's own endpoint, else max_tokens.
  OpenAiWire(common::Endpoint endpoint, MaxTokensField max_tokens_field)
      : m_endpoint(std::move(endpoint)), m_max_tokens_field(max_tokens_field) {}

  std::vector<http::Header> headers() const override;
  common::HttpCall chat_call(const core::llm::Request& request, common::Streaming streaming) const override;
  core::llm::Outcome parse_chat(std::string_view body) const override;
  std::unique_ptr<common::StreamDecoder> stream_decoder() const override;
  common::HttpCall embed_call(std::span<const std::string> texts) const override;
  core::Expected<std::vector<std::vector<float>>> parse_embed(std::string_view body) const override;

 private:
  common::Endpoint m_endpoint;
  MaxTokensField m_max_tokens_field;
};

}  // namespace genops::providers::openai
