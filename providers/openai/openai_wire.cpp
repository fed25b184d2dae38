#include "providers/openai/openai_wire.hpp"

#include <algorithm>

#include "providers/common/embeddings.hpp"
#include "providers/common/json.hpp"
#include "providers/openai/chat_reply.hpp"
#include "providers/openai/chat_request.hpp"

namespace genops::providers::openai {

using nlohmann::json;

std::vector<http::Header> OpenAiWire::headers() const {
  std::vector<http::Header> out;
  // Local OpenAI-compatible servers need no key; send none rather than an empty one.
  if (!m_endpoint.api_key.empty()) out.push_back({"Authorization", "Bearer " + m_endpoint.api_key});
  return out;
}

common::HttpCall OpenAiWire::chat_call(const core::llm::Request& request, common::Streaming streaming) const {
  return {m_endpoint.base_url + "/chat/completions", build_chat_body(request, streaming, m_max_tokens_field)};
}

core::llm::Outcome OpenAiWire::parse_chat(std::string_view body) const { return parse_chat_reply(body); }

std::unique_ptr<common::StreamDecoder> OpenAiWire::stream_decoder() const {
  return std::make_unique<ChatStreamDecoder>();
}

common::HttpCall OpenAiWire::embed_call(std::span<const std::string> texts) const {
  json body = {{"model", m_endpoint.model}, {"input", json(std::vector<std::string>(texts.begin(), texts.end()))},
               {"encoding_format", "float"}};
  return {m_endpoint.base_url + "/embeddings", std::move(body)};
}

core::Expected<std::vector<std::vector<float>>> OpenAiWire::parse_embed(std::string_view body) const {
  auto parsed = common::parse_reply(body);
  if (!parsed) return core::unexpected(parsed.error());
  auto data = parsed->is_object() ? parsed->find("data") : parsed->end();
  if (data == parsed->end() || !data->is_array()) return core::unexpected("malformed reply: no data list");
  // Replies carry an index per item; order by it rather than trusting list order.
  std::vector<std::pair<std::int64_t, std::vector<float>>> items;
  for (const auto& item : *data) {
    auto vector = common::parse_vector(item.is_object() && item.contains("embedding") ? item["embedding"] : json());
    if (!vector) return core::unexpected("malformed reply: " + vector.error());
    std::int64_t index = common::int_at(item, "index");
    items.emplace_back(index < 0 ? static_cast<std::int64_t>(items.size()) : index, std::move(vector).value());
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<float>> out;
  for (auto& item : items) out.push_back(std::move(item.second));
  return out;
}

}  // namespace genops::providers::openai
