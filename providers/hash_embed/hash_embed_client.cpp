#include "providers/hash_embed/hash_embed_client.hpp"

#include "core/error.hpp"
#include "providers/hash_embed/feature_hashing.hpp"

namespace genops::providers::hash_embed {

namespace {

constexpr std::int64_t k_max_dims = 65536;

std::size_t read_dims(const core::config::ProviderConfig& config) {
  auto it = config.options.find("dims");
  if (it == config.options.end() || it->is_null()) return k_default_dims;
  std::int64_t dims = 0;
  if (it->is_number_integer()) dims = it->get<std::int64_t>();
  if (dims < 1 || dims > k_max_dims)
    throw core::Error(core::ErrorKind::invalid_input,
                      "providers." + config.name + ".dims: expected an integer from 1 to 65536, got " + it->dump());
  return static_cast<std::size_t>(dims);
}

}  // namespace

HashEmbedClient::HashEmbedClient(const core::config::ProviderConfig& config, std::shared_ptr<http::Timers> timers)
    : m_name(config.name),
      m_model(config.model.empty() ? "hash-embed" : config.model),
      m_dims(read_dims(config)),
      m_timers(std::move(timers)) {}

void HashEmbedClient::submit(core::llm::Request, core::llm::Completion done, core::llm::TokenSink) {
  core::llm::Failure failure;
  failure.kind = core::llm::FailureKind::config;
  failure.message = "provider " + m_name + ": hash-embed only embeds; use a chat provider for completions";
  m_timers->call_after(std::chrono::microseconds{0},
                       [done = std::move(done), failure = std::move(failure)]() mutable { done(std::move(failure)); });
}

std::vector<std::vector<float>> HashEmbedClient::embed(std::span<const std::string> texts) {
  std::vector<std::vector<float>> out;
  out.reserve(texts.size());
  for (const auto& text : texts) out.push_back(embed_text(text, m_dims));
  return out;
}

}  // namespace genops::providers::hash_embed
