#pragma once
// The response-cache key: SHA-256 of the canonical JSON (sorted keys, compact)
// of everything that affects a model's output.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/llm/types.hpp"

namespace genops::providers::cache {

// Who answers: the provider kind, its effective base_url, and for kinds whose
// output depends on more (the mock file's digest) that too. Not the provider's
// name: two names for the same endpoint and model share entries.
struct ProviderIdentity {
  std::string kind;
  std::string base_url;
  std::string extra;
};

// The canonical document that is hashed: identity, the resolved model, and
// messages, temperature, top_p, max_tokens, seed, stop, tools,
// response_format — plus vars for the mock kind, whose replies depend on them.
nlohmann::json cache_document(const ProviderIdentity& identity, std::string_view model,
                              const core::llm::Request& request);

// Lower-case hex SHA-256 of cache_document()'s canonical dump.
std::string cache_key(const ProviderIdentity& identity, std::string_view model, const core::llm::Request& request);

}  // namespace genops::providers::cache
