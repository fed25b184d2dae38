// The OTLP exporter (providers/otlp) over a scripted HTTP client: batching,
// OTLP's retry rules, drops and partial success.
#include <doctest/doctest.h>

#include <deque>
#include <mutex>

#include "core/json.hpp"
#include "providers/otlp/otlp_exporter.hpp"

using namespace genops;
using providers::http::HttpRequest;
using providers::http::HttpResponse;

namespace {

// Answers each request with the next scripted reply (the last one repeats), at once.
class ScriptedClient final : public providers::http::Client {
 public:
  explicit ScriptedClient(std::vector<HttpResponse> replies) : m_replies(std::move(replies)) {}
  void send(HttpRequest request, providers::http::ResponseHandler done, providers::http::ChunkHandler) override {
    HttpResponse reply;
    {
      std::lock_guard lock(m_mutex);
      requests.push_back(request);
      reply = m_replies[std::min(m_next++, m_replies.size() - 1)];
    }
    done(std::move(reply));
  }
  std::vector<HttpRequest> requests;

 private:
  std::mutex m_mutex;
  std::vector<HttpResponse> m_replies;
  std::size_t m_next = 0;
};

HttpResponse reply(int status, std::string body = "{}", std::vector<providers::http::Header> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

providers::otlp::ExporterOptions options() {
  providers::otlp::ExporterOptions o;
  o.url = "http://collector:4318/v1/traces";
  o.headers = {{"Authorization", "Bearer t0ken-value"}};
  o.linger = std::chrono::milliseconds(10'000);  // batches leave at shutdown, so the tests see one request
  o.backoff = std::chrono::milliseconds(1);
  return o;
}

std::size_t spans_in(const HttpRequest& r) {
  return core::parse_json(r.body)->at("resourceSpans")[0]["scopeSpans"][0]["spans"].size();
}

providers::otlp::ExportStats export_three(std::vector<HttpResponse> replies, std::shared_ptr<ScriptedClient>& client,
                                          providers::otlp::ExporterOptions o = options()) {
  client = std::make_shared<ScriptedClient>(std::move(replies));
  providers::otlp::OtlpExporter exporter(std::move(o), client);
  for (int i = 0; i < 3; ++i) exporter.export_span({{"name", "s" + std::to_string(i)}});
  return exporter.shutdown(std::chrono::milliseconds(5'000));
}

}  // namespace

TEST_CASE("otlp::OtlpExporter: one POST per batch, JSON, the configured headers, no transport retries") {
  std::shared_ptr<ScriptedClient> client;
  auto stats = export_three({reply(200)}, client);
  REQUIRE(client->requests.size() == 1);
  const auto& r = client->requests[0];
  CHECK(r.method == "POST");
  CHECK(r.url == "http://collector:4318/v1/traces");
  CHECK(r.max_retries == 0);
  CHECK(r.headers[0].name == "Content-Type");
  CHECK(r.headers[0].value == "application/json");
  CHECK(r.headers[1].name == "Authorization");
  CHECK(spans_in(r) == 3);
  CHECK(stats.spans == 3);
  CHECK(stats.exported == 3);
  CHECK(stats.lost() == 0);
}

TEST_CASE("otlp::OtlpExporter: 429, 502, 503 and 504 are retried, honouring Retry-After") {
  std::shared_ptr<ScriptedClient> client;
  auto stats = export_three({reply(503, "", {{"retry-after", "0"}}), reply(429), reply(502), reply(504), reply(200)}, client);
  CHECK(client->requests.size() == 5);
  CHECK(client->requests[0].body == client->requests[4].body);
  CHECK(stats.retries == 4);
  CHECK(stats.exported == 3);
  CHECK(stats.lost() == 0);
}

TEST_CASE("otlp::OtlpExporter: 400, 413 and 500 are never retried; the loss is counted and explained") {
  for (int status : {400, 413, 500}) {
    CAPTURE(status);
    std::shared_ptr<ScriptedClient> client;
    auto stats = export_three({reply(status, R"({"message":"bad span"})"), reply(200)}, client);
    CHECK(client->requests.size() == 1);
    CHECK(stats.failed == 3);
    CHECK(stats.exported == 0);
    CHECK(stats.last_error == "http://collector:4318/v1/traces: HTTP " + std::to_string(status) + R"(: {"message":"bad span"})");
  }
}

TEST_CASE("otlp::OtlpExporter: retries end after max_attempts; a long Retry-After gives up at once") {
  std::shared_ptr<ScriptedClient> client;
  auto o = options();
  o.max_attempts = 3;
  auto stats = export_three({reply(503)}, client, o);
  CHECK(client->requests.size() == 3);
  CHECK(stats.failed == 3);
  CHECK(stats.last_error == "http://collector:4318/v1/traces: HTTP 503: {} after 3 attempts");
  stats = export_three({reply(429, "", {{"retry-after", "120"}})}, client);
  CHECK(client->requests.size() == 1);
  CHECK(stats.last_error == "http://collector:4318/v1/traces: HTTP 429 asking to retry after 120 s");
}

TEST_CASE("otlp::OtlpExporter: partial_success rejections are counted") {
  std::shared_ptr<ScriptedClient> client;
  auto stats = export_three({reply(200, R"({"partialSuccess":{"rejectedSpans":"2","errorMessage":"too old"}})")}, client);
  CHECK(stats.exported == 1);
  CHECK(stats.rejected == 2);
  CHECK(stats.last_error == "the receiver rejected 2 spans: too old");
}

TEST_CASE("otlp::OtlpExporter: a full queue drops and counts; nothing is taken after shutdown") {
  auto client = std::make_shared<ScriptedClient>(std::vector<HttpResponse>{reply(200)});
  auto o = options();
  o.max_queue = 2;
  providers::otlp::OtlpExporter exporter(o, client);
  for (int i = 0; i < 5; ++i) exporter.export_span({{"name", "s"}});  // the worker lingers: the queue holds 2
  auto stats = exporter.shutdown(std::chrono::milliseconds(5'000));
  CHECK(stats.spans == 5);
  CHECK(stats.dropped_full == 3);
  CHECK(stats.exported == 2);
  exporter.export_span({{"name", "late"}});
  CHECK(exporter.stats().dropped_full == 4);
  CHECK(client->requests.size() == 1);
}

TEST_CASE("otlp::OtlpExporter: a transport failure loses the batch without retrying") {
  HttpResponse down;
  down.transport = providers::http::TransportError::connect;
  down.transport_message = "Couldn't connect to server";
  std::shared_ptr<ScriptedClient> client;
  auto stats = export_three({down}, client);
  CHECK(client->requests.size() == 1);
  CHECK(stats.failed == 3);
  CHECK(stats.last_error == "http://collector:4318/v1/traces: cannot connect (Couldn't connect to server)");
}
