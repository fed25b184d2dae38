#include "providers/describe.hpp"

#include <cctype>

#include "core/error.hpp"
#include "providers/http/redact_url.hpp"

namespace genops::providers {

using core::llm::Failure;
using core::llm::FailureKind;
using core::llm::Response;

namespace {
constexpr const char* k_check_prompt = "Reply with the single word: ok";
constexpr std::int64_t k_check_max_tokens = 16;
}  // namespace

ProviderDescription describe_provider(const core::config::ProviderConfig& config, const EnvLookup& getenv) {
  ProviderDescription out;
  out.name = config.name;
  out.kind = config.kind;
  out.model = config.model;
  out.base_url = http::redact_url(effective_base_url(config));
  const KindInfo* info = find_kind(config.kind);
  out.offline = info && info->offline;
  KeySource key = key_source(config, getenv);
  out.key_env = key.env;
  out.key_status = key.status;
  return out;
}

CheckCall check_call_for(const core::config::ProviderConfig& config) {
  if (config.kind == "hash-embed") return CheckCall::embedding;
  std::string model = config.model;
  for (auto& c : model) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return model.find("embed") != std::string::npos ? CheckCall::embedding : CheckCall::chat;
}

CheckResult check_provider(core::llm::ModelClient& client, CheckCall call) {
  CheckResult result;
  if (call == CheckCall::embedding) {
    auto start = std::chrono::steady_clock::now();
    std::vector<std::string> texts = {k_check_prompt};
    try {
      auto vectors = client.embed(texts);
      Response response;
      response.model = client.model();
      response.latency =
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
      result.dims = vectors.empty() ? 0 : vectors.front().size();
      result.outcome = std::move(response);
    } catch (const core::Error& e) {
      if (e.kind() == core::ErrorKind::provider) throw;  // already the whole diagnostic, with its hints
      result.outcome = Failure{FailureKind::config, 0, e.what(), "", 0};
    }
    return result;
  }
  core::llm::Request request;
  request.messages.push_back({"user", k_check_prompt, {}, {}});
  request.max_tokens = k_check_max_tokens;
  request.temperature = 0.0;
  request.cache = core::llm::CachePolicy::bypass;
  result.outcome = client.complete(std::move(request));
  return result;
}

CheckResult check_provider(const core::config::ProviderConfig& config, const ClientDeps& deps) {
  auto client = make_client(config, deps);
  return check_provider(*client, check_call_for(config));
}

}  // namespace genops::providers
