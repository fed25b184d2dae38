#pragma once
// The `openai` kind's protocol: Chat Completions and Embeddings under base_url
// (default https://api.openai.com/v1), Bearer auth only when a key is configured.
#include "providers/common/wire_format.hpp"

namespace genops::providers::openai {

inline constexpr const char* k_default_base_url = "https://api.openai.com/v1";

class OpenAiWire final : public common::WireFormat {
 public:
  explicit OpenAiWire(common::Endpoint endpoint) : m_endpoint(std::move(endpoint)) {}

  std::vector<http::Header> headers() const override;
  common::HttpCall chat_call(const core::llm::Request& request, common::Streaming streaming) const override;
  core::llm::Outcome parse_chat(std::string_view body) const override;
  std::unique_ptr<common::StreamDecoder> stream_decoder() const override;
  common::HttpCall embed_call(std::span<const std::string> texts) const override;
  core::Expected<std::vector<std::vector<float>>> parse_embed(std::string_view body) const override;

 private:
  common::Endpoint m_endpoint;
};

}  // namespace genops::providers::openai
