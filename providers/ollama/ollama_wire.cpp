#include "providers/ollama/ollama_wire.hpp"

#include "providers/common/embeddings.hpp"
#include "providers/common/json.hpp"
#include "providers/ollama/chat_reply.hpp"
#include "providers/ollama/chat_request.hpp"

namespace genops::providers::ollama {

using nlohmann::json;

std::vector<http::Header> OllamaWire::headers() const {
  std::vector<http::Header> out;
  if (!m_endpoint.api_key.empty()) out.push_back({"Authorization", "Bearer " + m_endpoint.api_key});
  return out;
}

common::HttpCall OllamaWire::chat_call(const core::llm::Request& request, common::Streaming streaming) const {
  return {m_endpoint.base_url + "/api/chat", build_chat_body(request, streaming, m_keep_alive)};
}

core::llm::Outcome OllamaWire::parse_chat(std::string_view body) const { return parse_chat_reply(body); }

std::unique_ptr<common::StreamDecoder> OllamaWire::stream_decoder() const {
  return std::make_unique<ChatStreamDecoder>();
}

common::HttpCall OllamaWire::embed_call(std::span<const std::string> texts) const {
  json body = {{"model", m_endpoint.model}, {"input", json(std::vector<std::string>(texts.begin(), texts.end()))}};
  if (!m_keep_alive.is_null()) body["keep_alive"] = m_keep_alive;
  return {m_endpoint.base_url + "/api/embed", std::move(body)};
}

core::Expected<std::vector<std::vector<float>>> OllamaWire::parse_embed(std::string_view body) const {
  auto parsed = common::parse_reply(body);
  if (!parsed) return core::unexpected(parsed.error());
  auto list = parsed->is_object() ? parsed->find("embeddings") : parsed->end();
  if (list == parsed->end() || !list->is_array()) return core::unexpected("malformed reply: no embeddings list");
  std::vector<std::vector<float>> out;
  for (const auto& item : *list) {
    auto vector = common::parse_vector(item);
    if (!vector) return core::unexpected("malformed reply: " + vector.error());
    out.push_back(std::move(vector).value());
  }
  return out;
}

}  // namespace genops::providers::ollama
