#include "providers/common/failure.hpp"

#include <cctype>

#include "core/redact.hpp"
#include "core/utf8.hpp"
#include "providers/common/json.hpp"
#include "providers/http/classify.hpp"
#include "providers/http/redact_url.hpp"

namespace genops::providers::common {

std::string provider_error_message(std::string_view body) {
  auto parsed = parse_json(body);
  if (!parsed || !parsed->is_object()) return "";
  const auto& doc = *parsed;
  auto error = doc.find("error");
  if (error != doc.end()) {
    if (error->is_string()) return error->get<std::string>();
    std::string message = string_at(*error, "message");
    if (!message.empty()) return message;
  }
  return string_at(doc, "message");
}

std::string describe_error_body(std::string_view body) {
  std::string message = provider_error_message(body);
  if (!message.empty()) return message;
  constexpr std::size_t k_max = 300;
  message = "provider error: " + core::utf8::repair(body.substr(0, k_max));
  if (body.size() > k_max) message += "...";
  return message;
}

core::llm::Failure failure_from_http(const http::HttpResponse& response, std::string_view url) {
  return http::classify(response, provider_error_message(response.body), url);
}

KeySent key_sent(const std::vector<http::Header>& headers) {
  for (const auto& h : headers) {
    std::string name = h.name;
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "authorization" || name == "x-api-key" || name == "api-key") return KeySent::yes;
  }
  return KeySent::no;
}

void note_unsent_key(core::llm::Failure& failure, KeySent sent) {
  if (failure.kind != core::llm::FailureKind::auth || sent == KeySent::yes) return;
  failure.message += " (no API key is sent: set api_key_env for this provider in genops.yaml "
                     "to the environment variable that holds the key)";
}

core::llm::Failure make_failure(core::llm::FailureKind kind, std::string_view message, std::string_view url,
                                const http::HttpResponse& response) {
  core::llm::Failure failure;
  failure.kind = kind;
  failure.http_status = response.status;
  failure.message = core::redact(message);
  failure.url = http::redact_url(url);
  failure.retries = response.retries;
  return failure;
}

}  // namespace genops::providers::common
