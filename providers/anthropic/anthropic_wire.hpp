#pragma once
// The `anthropic` kind's protocol: the Messages API at {base_url}/v1/messages
// (default https://api.anthropic.com), headers x-api-key and anthropic-version.
// Anthropic has no embeddings API: embed() is an invalid_input error.
#include "providers/common/wire_format.hpp"

namespace genops::providers::anthropic {

inline constexpr const char* k_default_base_url = "https://api.anthropic.com";
inline constexpr const char* k_default_version = "2023-06-01";

class AnthropicWire final : public common::WireFormat {
 public:
  AnthropicWire(common::Endpoint endpoint, std::string version)
      : m_endpoint(std::move(endpoint)), m_version(std::move(version)) {}

  std::vector<http::Header> headers() const override;
  common::HttpCall chat_call(const core::llm::Request& request, common::Streaming streaming) const override;
  core::llm::Outcome parse_chat(std::string_view body) const override;
  std::unique_ptr<common::StreamDecoder> stream_decoder() const override;
  // Throws Error(invalid_input): there is no embeddings endpoint.
  common::HttpCall embed_call(std::span<const std::string> texts) const override;
  core::Expected<std::vector<std::vector<float>>> parse_embed(std::string_view body) const override;

 private:
  common::Endpoint m_endpoint;
  std::string m_version;
};

}  // namespace genops::providers::anthropic
