#include "providers/common/http_model_client.hpp"

#include <future>

#include "core/error.hpp"
#include "core/redact.hpp"
#include "providers/common/failure.hpp"
#include "providers/common/json.hpp"
#include "providers/common/usage.hpp"

namespace genops::providers::common {

using core::llm::Failure;
using core::llm::FailureKind;
using core::llm::Outcome;
using core::llm::Response;

namespace {

constexpr std::int64_t k_assumed_reply_tokens = 256;  // for rate limits when max_tokens is unset

bool is_success(const http::HttpResponse& response) { return response.ok(); }

// Stamps what the wire format cannot know onto its outcome: latency, retries,
// status, and the redacted URL and message of a failure.
Outcome finalize(Outcome outcome, const http::HttpResponse& response, const std::string& url,
                 std::chrono::steady_clock::time_point start) {
  auto latency = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  if (auto* ok = std::get_if<Response>(&outcome)) {
    ok->latency = latency;
    ok->retries = response.retries;
    return outcome;
  }
  auto& failure = std::get<Failure>(outcome);
  return make_failure(failure.kind, failure.message, url, response);
}

// The state of one streamed call, shared by the chunk and completion handlers.
struct StreamState {
  std::unique_ptr<StreamDecoder> decoder;
  core::llm::TokenSink on_token;
  std::string error;  // set when feeding the decoder threw
};

}  // namespace

HttpModelClient::HttpModelClient(const core::config::ProviderConfig& config, std::unique_ptr<WireFormat> wire,
                                 std::shared_ptr<http::Client> http, std::shared_ptr<http::Timers> timers)
    : m_name(config.name),
      m_model(config.model),
      m_limits(config.limits),
      m_ca_bundle(config.ca_bundle),
      m_wire(std::move(wire)),
      m_http(std::move(http)),
      m_timers(std::move(timers)),
      m_key_sent(key_sent(m_wire->headers())) {}

http::HttpRequest HttpModelClient::make_http_request(const HttpCall& call) const {
  http::HttpRequest request;
  request.method = "POST";
  request.url = call.url;
  request.headers = m_wire->headers();
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = dump_json(call.body);
  request.timeout = m_limits.timeout;
  request.max_retries = m_limits.max_retries;
  request.ca_bundle = m_ca_bundle;
  request.label = m_name;
  return request;
}

void HttpModelClient::fail_soon(core::llm::Completion done, Failure failure) {
  m_timers->call_after(std::chrono::microseconds{0},
                       [done = std::move(done), failure = std::move(failure)]() mutable { done(std::move(failure)); });
}

void HttpModelClient::submit(core::llm::Request request, core::llm::Completion done, core::llm::TokenSink on_token) {
  auto start = std::chrono::steady_clock::now();
  if (request.model.empty()) request.model = m_model;
  bool streaming = static_cast<bool>(on_token);
  HttpCall call;
  try {
    call = m_wire->chat_call(request, streaming ? Streaming::yes : Streaming::no);
  } catch (const std::exception& e) {
    fail_soon(std::move(done), make_failure(FailureKind::bad_request, e.what(), "", {}));
    return;
  }
  auto http_request = make_http_request(call);
  // What a tokens-per-minute limiter charges: the prompt plus the most the reply may use.
  http_request.estimated_tokens = static_cast<std::size_t>(estimate_input_tokens(request) +
                                                           request.max_tokens.value_or(k_assumed_reply_tokens));
  if (streaming) send_streamed(std::move(http_request), std::move(done), std::move(on_token), start);
  else send_whole(std::move(http_request), std::move(done), start);
}

void HttpModelClient::send_whole(http::HttpRequest request, core::llm::Completion done,
                                 std::chrono::steady_clock::time_point start) {
  std::string url = request.url;
  auto sent = m_key_sent;
  m_http->send(std::move(request), [wire = m_wire, url, start, sent, done = std::move(done)](http::HttpResponse response) {
    Outcome outcome = Failure{};
    try {
      if (!is_success(response)) {
        auto failure = failure_from_http(response, url);
        note_unsent_key(failure, sent);
        outcome = std::move(failure);
      } else {
        Outcome parsed = response.body.empty() ? Outcome{Failure{FailureKind::malformed, 0, "empty reply body", "", 0}}
                                               : wire->parse_chat(response.body);
        outcome = finalize(std::move(parsed), response, url, start);
      }
    } catch (const std::exception& e) {
      outcome = make_failure(FailureKind::malformed, e.what(), url, response);
    }
    done(std::move(outcome));
  });
}

void HttpModelClient::send_streamed(http::HttpRequest request, core::llm::Completion done, core::llm::TokenSink on_token,
                                    std::chrono::steady_clock::time_point start) {
  auto state = std::make_shared<StreamState>();
  state->decoder = m_wire->stream_decoder();
  state->on_token = std::move(on_token);
  auto on_chunk = [state](std::string_view chunk) {
    try {
      state->decoder->feed(chunk, state->on_token);
      return true;
    } catch (const std::exception& e) {
      state->error = e.what();  // a throwing token sink: abort the transfer, report it
      return false;
    }
  };
  std::string url = request.url;
  auto on_done = [url, start, state, sent = m_key_sent, done = std::move(done)](http::HttpResponse response) {
    Outcome outcome = Failure{};
    try {
      // Only 2xx bodies stream; an error status keeps its body in `response`.
      if (!state->error.empty()) {
        outcome = make_failure(FailureKind::malformed, state->error, url, response);
      } else if (!is_success(response)) {
        auto failure = failure_from_http(response, url);
        note_unsent_key(failure, sent);
        outcome = std::move(failure);
      } else {
        outcome = finalize(state->decoder->finish(), response, url, start);
      }
    } catch (const std::exception& e) {
      outcome = make_failure(FailureKind::malformed, e.what(), url, response);
    }
    done(std::move(outcome));
  };
  m_http->send(std::move(request), std::move(on_done), std::move(on_chunk));
}

std::vector<std::vector<float>> HttpModelClient::embed_batch(std::span<const std::string> texts) {
  auto call = m_wire->embed_call(texts);
  auto request = make_http_request(call);
  std::promise<http::HttpResponse> promise;
  auto future = promise.get_future();
  m_http->send(std::move(request), [&promise](http::HttpResponse response) { promise.set_value(std::move(response)); });
  auto response = future.get();
  if (!is_success(response)) {
    auto failure = failure_from_http(response, call.url);
    note_unsent_key(failure, m_key_sent);
    throw core::Error(core::ErrorKind::provider,
                      "provider " + m_name + ": embeddings failed (" + core::llm::to_string(failure.kind) +
                          "): " + failure.message,
                      {"endpoint: " + failure.url});
  }
  auto vectors = m_wire->parse_embed(response.body);
  if (!vectors || vectors->size() != texts.size()) {
    std::string why = vectors ? "expected " + std::to_string(texts.size()) + " vectors, got " +
                                    std::to_string(vectors->size())
                              : vectors.error();
    throw core::Error(core::ErrorKind::provider,
                      "provider " + m_name + ": malformed embeddings reply: " + core::redact(why));
  }
  return std::move(vectors).value();
}

std::vector<std::vector<float>> HttpModelClient::embed(std::span<const std::string> texts) {
  std::vector<std::vector<float>> out;
  out.reserve(texts.size());
  std::size_t batch = std::max<std::size_t>(1, m_wire->embed_batch_size());
  for (std::size_t i = 0; i < texts.size(); i += batch) {
    auto part = embed_batch(texts.subspan(i, std::min(batch, texts.size() - i)));
    for (auto& vector : part) out.push_back(std::move(vector));
  }
  return out;
}

}  // namespace genops::providers::common
