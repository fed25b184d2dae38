#pragma once
// The `ollama` kind's protocol: native /api/chat and /api/embed under base_url
// (default http://127.0.0.1:11434), no authentication unless a key is configured
// (then Bearer, for Ollama behind an authenticating proxy).
#include <nlohmann/json.hpp>

#include "providers/common/wire_format.hpp"

namespace genops::providers::ollama {

inline constexpr const char* k_default_base_url = "http://127.0.0.1:11434";

class OllamaWire final : public common::WireFormat {
 public:
  // `keep_alive`: the option as configured (e.g. "5m" or -1), or null.
  OllamaWire(common::Endpoint endpoint, nlohmann::json keep_alive)
      : m_endpoint(std::move(endpoint)), m_keep_alive(std::move(keep_alive)) {}

  std::vector<http::Header> headers() const override;
  common::HttpCall chat_call(const core::llm::Request& request, common::Streaming streaming) const override;
  core::llm::Outcome parse_chat(std::string_view body) const override;
  std::unique_ptr<common::StreamDecoder> stream_decoder() const override;
  common::HttpCall embed_call(std::span<const std::string> texts) const override;
  core::Expected<std::vector<std::vector<float>>> parse_embed(std::string_view body) const override;

 private:
  common::Endpoint m_endpoint;
  nlohmann::json m_keep_alive;
};

}  // namespace genops::providers::ollama
