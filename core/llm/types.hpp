#pragma once
// The provider-neutral shapes of a model call: what chains and eval hand to a
// ModelClient and what they get back. No HTTP here.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::core::llm {

struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments_json;  // the model's arguments, as JSON text
};

struct Message {
  std::string role;  // system, user, assistant, tool
  std::string content;
  std::vector<ToolCall> tool_calls;  // assistant messages that call tools
  std::string tool_call_id;          // tool messages: the call answered
};

struct ToolSpec {
  std::string name;
  std::string description;
  nlohmann::json parameters = nlohmann::json::object();  // JSON Schema of the arguments
};

enum class CachePolicy { use, bypass };

// Every output-affecting parameter lives here, so the cache key can cover them all.
struct Request {
  std::string model;  // empty: the provider's configured model
  std::vector<Message> messages;
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<std::int64_t> max_tokens;
  std::optional<std::int64_t> seed;
  std::vector<std::string> stop;
  std::vector<ToolSpec> tools;
  nlohmann::json response_format;  // null when none
  nlohmann::json vars;             // the template variables, for mock matching; not sent
  CachePolicy cache = CachePolicy::use;
};

struct Usage {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  bool estimated = false;  // true when the provider did not report usage
};

struct Response {
  std::string text;
  std::vector<ToolCall> tool_calls;
  std::string finish_reason;
  std::string model;  // as reported by the provider
  Usage usage;
  double cost_usd = 0.0;
  std::chrono::microseconds latency{0};
  int retries = 0;
  bool cache_hit = false;
};

// How a call failed, for the error table and the store.
enum class FailureKind { auth, rate_limited, timeout, server, malformed, bad_request, too_large, network, config };

std::string to_string(FailureKind kind);

struct Failure {
  FailureKind kind = FailureKind::server;
  int http_status = 0;  // 0 when no HTTP reply
  std::string message;  // the provider's own message, redacted
  std::string url;      // redacted
  int retries = 0;
};

}  // namespace genops::core::llm
