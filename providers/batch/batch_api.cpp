#include "providers/batch/batch_api.hpp"

#include <future>

#include "core/json.hpp"
#include "core/redact.hpp"
#include "providers/common/failure.hpp"
#include "providers/http/redact_url.hpp"

namespace genops::providers::batch {

namespace {

constexpr const char* k_boundary = "genops-batch-3f9c2a7e51d04b8c";

std::string multipart_upload(const std::string& jsonl) {
  std::string b = std::string("--") + k_boundary + "\r\n";
  std::string body = b + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n";
  body += b + "Content-Disposition: form-data; name=\"file\"; filename=\"genops-batch.jsonl\"\r\n";
  body += "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + k_boundary + "--\r\n";
  return body;
}

core::Expected<nlohmann::json> parse_object(const core::Expected<std::string>& body, const std::string& what) {
  if (!body) return core::unexpected(body.error());
  auto doc = core::parse_json(*body);
  if (!doc || !doc->is_object()) return core::unexpected(what + ": the reply is not a JSON object");
  return std::move(*doc);
}

}  // namespace

std::string url_path(const std::string& url) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

BatchApi::BatchApi(BatchEndpoint endpoint, std::shared_ptr<http::Client> http)
    : m_endpoint(std::move(endpoint)), m_http(std::move(http)) {}

std::string BatchApi::batches_url() const {
  return m_endpoint.base_url + (m_endpoint.kind == BatchKind::openai ? "/batches" : "/v1/messages/batches");
}

core::Expected<std::string> BatchApi::call(const std::string& method, const std::string& url, std::string body,
                                           const std::string& content_type) const {
  http::HttpRequest request;
  request.method = method;
  request.url = url;
  request.headers = m_endpoint.headers;
  if (!content_type.empty()) request.headers.push_back({"Content-Type", content_type});
  request.body = std::move(body);
  request.timeout = std::chrono::minutes(5);
  request.max_retries = 3;
  request.max_body_bytes = 256u * 1024 * 1024;
  request.ca_bundle = m_endpoint.ca_bundle;
  request.label = "batch";
  std::promise<http::HttpResponse> promise;
  auto reply = promise.get_future();
  m_http->send(std::move(request), [&promise](http::HttpResponse r) { promise.set_value(std::move(r)); });
  http::HttpResponse response = reply.get();
  if (response.ok()) return std::move(response.body);
  auto failure = common::failure_from_http(response, url);
  // The failure's message already names the status ("HTTP 404: …") or the transport error.
  std::string what = failure.message.empty()
                         ? (response.status ? "HTTP " + std::to_string(response.status) : std::string("no reply"))
                         : core::redact(failure.message);
  return core::unexpected(method + " " + http::redact_url(url) + ": " + what);
}

core::Expected<BatchState> BatchApi::state_of(const core::Expected<std::string>& body) const {
  auto doc = parse_object(body, "the batch");
  if (!doc) return core::unexpected(doc.error());
  auto state = m_endpoint.kind == BatchKind::openai ? parse_openai_batch(*doc) : parse_anthropic_batch(*doc);
  if (!state) return core::unexpected("the batch object: expected " + state.error());
  return state;
}

core::Expected<BatchApi::Created> BatchApi::create(const std::vector<BatchLine>& lines) const {
  Created created;
  std::string body;
  if (m_endpoint.kind == BatchKind::openai) {
    auto uploaded = parse_object(call("POST", m_endpoint.base_url + "/files",
                                      multipart_upload(openai_input_jsonl(lines, m_endpoint.url_path)),
                                      std::string("multipart/form-data; boundary=") + k_boundary),
                                 "the uploaded file");
    if (!uploaded) return core::unexpected(uploaded.error());
    created.input_file_id = uploaded->value("id", "");
    if (created.input_file_id.empty()) return core::unexpected("the uploaded file: the reply has no `id`");
    body = core::dump_json({{"input_file_id", created.input_file_id},
                            {"endpoint", m_endpoint.url_path},
                            {"completion_window", "24h"}});
  } else {
    body = core::dump_json(anthropic_create_body(lines));
  }
  auto reply = call("POST", batches_url(), std::move(body), "application/json");
  auto doc = parse_object(reply, "the new batch");
  if (!doc) return core::unexpected(doc.error());
  created.remote_id = doc->value("id", "");
  if (created.remote_id.empty()) return core::unexpected("the new batch: the reply has no `id`");
  auto state = state_of(reply);
  if (!state) return core::unexpected(state.error());
  created.state = std::move(*state);
  return created;
}

core::Expected<BatchState> BatchApi::poll(const std::string& remote_id) const {
  return state_of(call("GET", batches_url() + "/" + remote_id, "", ""));
}

core::Expected<BatchState> BatchApi::cancel(const std::string& remote_id) const {
  return state_of(call("POST", batches_url() + "/" + remote_id + "/cancel", "", ""));
}

core::Expected<std::string> BatchApi::results(const BatchState& state) const {
  if (m_endpoint.kind == BatchKind::anthropic) {
    if (state.results_url.empty()) return std::string();
    return call("GET", state.results_url, "", "");
  }
  std::string out;
  for (const auto* id : {&state.output_file_id, &state.error_file_id}) {
    if (id->empty()) continue;
    auto content = call("GET", m_endpoint.base_url + "/files/" + *id + "/content", "", "");
    if (!content) return content;
    out += *content;
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace genops::providers::batch
