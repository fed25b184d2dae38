#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/redact.hpp"
#include "providers/http/client.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/providers/http_test_helpers.hpp"

using namespace genops::providers::http;
using namespace genops::test;
using namespace std::chrono_literals;

namespace {

double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

TEST_CASE("http::CurlClient: a POST round trip") {
  LoopbackServer server;
  server.push(Reply::json(201, R"({"id":"x"})").with_header("X-Request-Id", "abc"));
  auto client = make_curl_client();
  auto request = http_request(server.url("/v1/chat/completions"));
  request.headers.push_back({"Authorization", "Bearer test-key"});
  const HttpResponse r = call(*client, request);

  CHECK(r.transport == TransportError::none);
  CHECK(r.ok());
  CHECK(r.status == 201);
  CHECK(r.body == R"({"id":"x"})");
  CHECK(r.header("x-request-id") == "abc");
  CHECK(r.header("X-REQUEST-ID") == "abc");
  CHECK(r.header("content-type") == "application/json");
  for (const auto& h : r.headers) CHECK(h.name == [&] {
    std::string lower = h.name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
  }());
  CHECK(r.retries == 0);
  CHECK(r.elapsed > 0us);

  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].path == "/v1/chat/completions");
  CHECK(requests[0].body == R"({"q":1})");
  CHECK(requests[0].header("authorization") == "Bearer test-key");
  CHECK(requests[0].header("content-type") == "application/json");
  CHECK(requests[0].header("user-agent") == "genops/0.1");
  CHECK(requests[0].header("expect").empty());
}

TEST_CASE("http::CurlClient: methods") {
  LoopbackServer server([](const RecordedRequest& req) { return Reply::text(200, req.method + " " + req.target); });
  auto client = make_curl_client();
  SUBCASE("GET with a query") {
    auto request = http_request(server.url("/api/tags?x=1"), "GET");
    request.body.clear();
    CHECK(call(*client, request).body == "GET /api/tags?x=1");
  }
  SUBCASE("DELETE") {
    auto request = http_request(server.url("/a"), "DELETE");
    request.body.clear();
    CHECK(call(*client, request).body == "DELETE /a");
  }
  SUBCASE("PUT with a body") {
    CHECK(call(*client, http_request(server.url("/b"), "PUT")).body == "PUT /b");
    CHECK(server.requests().at(0).body == R"({"q":1})");
  }
  SUBCASE("a large body is sent at once, without waiting for 100 Continue") {
    auto request = http_request(server.url("/big"));
    request.body = std::string(200'000, 'a');
    CHECK(call(*client, request).status == 200);
    // Without "Expect: 100-continue" curl never waits for the interim reply.
    CHECK(server.requests().at(0).header("expect").empty());
    CHECK(server.requests().at(0).body.size() == 200'000);
  }
}

TEST_CASE("http::CurlClient: keep-alive reuses one connection") {
  LoopbackServer server([](const RecordedRequest&) { return Reply::json(200, "{}"); });
  auto client = make_curl_client();
  for (int i = 0; i < 5; ++i) CHECK(call(*client, http_request(server.url("/k"))).status == 200);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 5);
  for (const auto& req : requests) CHECK(req.client_port == requests[0].client_port);
}

TEST_CASE("http::CurlClient: many requests in flight on one thread") {
  constexpr int k_requests = 48;
  // The server answers no request before all of them have arrived: the
  // replies can only say "together" when the client had all 48 in flight.
  std::mutex mutex;
  std::condition_variable arrived_cv;
  int arrived = 0;
  LoopbackServer server([&](const RecordedRequest&) {
    std::unique_lock lock(mutex);
    ++arrived;
    arrived_cv.notify_all();
    bool together = arrived_cv.wait_for(lock, 30s, [&] { return arrived >= k_requests; });  // a safety net only
    return Reply::text(200, together ? "together" : "alone");
  });
  auto client = make_curl_client();
  std::atomic<int> together{0};
  std::atomic<int> finished{0};
  std::promise<void> all_done;
  for (int i = 0; i < k_requests; ++i) {
    client->send(http_request(server.url("/slow")), [&](HttpResponse r) {
      if (r.status == 200 && r.body == "together") ++together;
      if (++finished == k_requests) all_done.set_value();
    });
  }
  all_done.get_future().wait();
  CHECK(together == k_requests);
}

TEST_CASE("http::CurlClient: empty and malformed bodies arrive as they are") {
  LoopbackServer server;
  server.push(Reply::json(200, ""));
  server.push(Reply::json(200, "{\"choices\": [tru"));
  auto client = make_curl_client();
  const auto empty = call(*client, http_request(server.url("/e")));
  CHECK(empty.ok());
  CHECK(empty.body.empty());
  const auto malformed = call(*client, http_request(server.url("/m")));
  CHECK(malformed.ok());
  CHECK(malformed.body == "{\"choices\": [tru");
}

TEST_CASE("http::CurlClient: a reply over max_body_bytes fails as too_large, not retried") {
  LoopbackServer server([](const RecordedRequest&) { return Reply::json(200, std::string(5000, 'x')); });
  auto client = make_curl_client();
  auto request = http_request(server.url("/big"));
  request.max_body_bytes = 1000;
  SUBCASE("kept") {
    const auto r = call(*client, request);
    CHECK(r.transport == TransportError::too_large);
    CHECK(r.transport_message == "reply body over 1000 bytes");
    CHECK_FALSE(r.ok());
  }
  SUBCASE("streamed") {
    server.set_handler([](const RecordedRequest&) { return Reply::sse({std::string(600, 'a'), std::string(600, 'b')}); });
    std::size_t streamed = 0;
    const auto r = call(*client, request, [&](std::string_view chunk) {
      streamed += chunk.size();
      return true;
    });
    CHECK(r.transport == TransportError::too_large);
    CHECK(streamed <= 1000);
  }
  CHECK(server.request_count() == 1);
}

TEST_CASE("http::CurlClient: an SSE body reaches the ChunkHandler as it arrives, intact") {
  const std::vector<std::string> events = {"data: {\"delta\":\"Hel\"}\n\n", "data: {\"delta\":\"lo\"}\n",
                                           "\ndata: [DONE]\n\n"};
  LoopbackServer server;
  server.push(Reply::sse(events, 150ms));
  auto client = make_curl_client();
  std::string received;
  std::vector<std::chrono::steady_clock::time_point> arrivals;
  const auto r = call(*client, http_request(server.url("/stream")), [&](std::string_view chunk) {
    received.append(chunk);
    arrivals.push_back(std::chrono::steady_clock::now());
    return true;
  });
  const auto finished = std::chrono::steady_clock::now();
  CHECK(r.ok());
  CHECK(r.header("content-type") == "text/event-stream");
  CHECK(r.body.empty());
  CHECK(received == events[0] + events[1] + events[2]);
  REQUIRE(arrivals.size() >= 3);
  // The first event was handed over long before the stream ended.
  CHECK(ms_between(arrivals.front(), finished) > 250);
}

TEST_CASE("http::CurlClient: an error reply to a streamed request lands in body") {
  LoopbackServer server;
  server.push(Reply::json(400, R"({"error":{"message":"bad model"}})"));
  auto client = make_curl_client();
  int chunks = 0;
  const auto r = call(*client, http_request(server.url("/stream")), [&](std::string_view) {
    ++chunks;
    return true;
  });
  CHECK(r.status == 400);
  CHECK(r.body == R"({"error":{"message":"bad model"}})");
  CHECK(chunks == 0);
}

TEST_CASE("http::CurlClient: a ChunkHandler can stop the transfer") {
  LoopbackServer server([](const RecordedRequest&) { return Reply::sse({"data: 1\n\n", "data: 2\n\n"}, 50ms); });
  auto client = make_curl_client();
  SUBCASE("by returning false") {
    const auto r = call(*client, http_request(server.url("/s")), [](std::string_view) { return false; });
    CHECK(r.transport == TransportError::other);
    CHECK(r.transport_message == "the chunk handler stopped the transfer");
  }
  SUBCASE("by throwing") {
    const auto r = call(*client, http_request(server.url("/s")),
                        [](std::string_view) -> bool { throw std::runtime_error("parse error"); });
    CHECK(r.transport == TransportError::other);
    CHECK(r.transport_message == "the chunk handler threw: parse error");
  }
  CHECK(server.request_count() == 1);
}

TEST_CASE("http::CurlClient: a hanging server times out within the timeout") {
  LoopbackServer server;
  server.push(Reply::hanging());
  auto client = make_curl_client();
  auto request = http_request(server.url("/hang"));
  request.timeout = 300ms;
  request.max_retries = 0;
  const auto r = call(*client, request);
  CHECK(r.transport == TransportError::timeout);
  CHECK(r.elapsed >= 300ms);
  CHECK(r.transport_message.find("timed out") != std::string::npos);
}

TEST_CASE("http::CurlClient: the debug log has one redacted line per request and retry") {
  const std::string key = "sk-canary-3b9f2e71c0d84a56";
  genops::core::register_secret(key);
  LoopbackServer server;
  server.push(Reply::json(429, R"({"error":"echo )" + key + R"("})").with_header("retry-after-ms", "1"));
  server.push(Reply::json(200, "{}"));
  LogCapture log;
  ClientOptions options;
  options.debug_log = log.sink();
  auto client = make_curl_client(options);
  auto request = http_request(server.url("/v1/x?key=AIzaUnregistered123&alt=sse"));
  request.headers.push_back({"Authorization", "Bearer " + key});
  CHECK(call(*client, request).status == 200);
  client.reset();

  REQUIRE(log.lines.size() == 2);
  const std::string url = server.url("/v1/x?key=[REDACTED]&alt=sse");
  CHECK(log.lines[0] == "genops: debug: POST " + url + " -> 429, retry 1 of 5 in 1 ms (status 429)");
  CHECK(log.lines[1].starts_with("genops: debug: POST " + url + " -> 200 in "));
  CHECK(log.lines[1].ends_with(" ms (retries 1)"));
  const std::string all = log.joined();
  CHECK(all.find(key) == std::string::npos);
  CHECK(all.find("AIzaUnregistered123") == std::string::npos);
  CHECK(server.requests().at(0).header("authorization") == "Bearer " + key);
}

TEST_CASE("http::CurlClient: GENOPS_LOG=debug logs to stderr, redacted") {
  const std::string key = "sk-stderr-canary-77a1c5e9";
  genops::core::register_secret(key);
  LoopbackServer server([](const RecordedRequest&) { return Reply::json(200, "{}"); });
  TempDir dir;
  const auto path = dir.path() / "stderr.txt";
  const int saved = ::dup(2);
  const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(file >= 0);
  ::dup2(file, 2);
  ::close(file);
  ::setenv("GENOPS_LOG", "debug", 1);
  {
    auto client = make_curl_client();
    auto request = http_request(server.url("/" + key), "GET");
    request.headers.push_back({"Authorization", "Bearer " + key});
    call(*client, request);
  }
  ::unsetenv("GENOPS_LOG");
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().starts_with("genops: debug: GET " + server.url("/[REDACTED]") + " -> 200 in "));
  CHECK(text.str().find(key) == std::string::npos);
}

TEST_CASE("http::CurlClient: destroying the client aborts what is in flight or waiting") {
  LoopbackServer server;
  server.push(Reply::hanging());
  server.push(Reply::hanging());
  server.push(Reply::json(503, "{}").with_header("retry-after", "100"));
  auto client = make_curl_client();
  std::mutex mutex;
  std::vector<HttpResponse> replies;
  std::promise<void> retry_waiting;
  for (int i = 0; i < 3; ++i) {
    auto request = http_request(server.url("/h"));
    // Called on the I/O thread as the 503 enters its retry wait.
    request.on_retry = [&](int, std::chrono::milliseconds) { retry_waiting.set_value(); };
    client->send(std::move(request), [&](HttpResponse r) {
      std::lock_guard lock(mutex);
      replies.push_back(std::move(r));
    });
  }
  retry_waiting.get_future().wait();
  REQUIRE(server.request_count() == 3);
  client.reset();  // returns although two replies never come and one retry is 100 s away
  REQUIRE(replies.size() == 3);
  for (const auto& r : replies) {
    CHECK(r.transport == TransportError::other);
    CHECK(r.transport_message == "client shut down");
  }
}

TEST_CASE("http::CurlClient: callbacks may send again, and a throwing one harms nothing") {
  LoopbackServer server([](const RecordedRequest& req) { return Reply::text(200, req.path); });
  auto client = make_curl_client();
  std::promise<std::string> last;
  client->send(http_request(server.url("/1")), [&](HttpResponse) {
    client->send(http_request(server.url("/2")), [&](HttpResponse r) { last.set_value(r.body); });
    throw std::runtime_error("a careless handler");
  });
  auto future = last.get_future();
  REQUIRE(future.wait_for(5s) == std::future_status::ready);
  CHECK(future.get() == "/2");
  CHECK(call(*client, http_request(server.url("/3"))).body == "/3");
}

TEST_CASE("LoopbackServer: queue first, then the handler, else 404") {
  LoopbackServer server;
  auto client = make_curl_client();
  const auto unscripted = call(*client, http_request(server.url("/x")));
  CHECK(unscripted.status == 404);
  CHECK(unscripted.body == "loopback: no scripted reply");
  server.set_handler([](const RecordedRequest& req) { return Reply::text(200, "handled #" + std::to_string(req.index)); });
  server.push(Reply::text(202, "queued"));
  CHECK(call(*client, http_request(server.url("/y"))).body == "queued");
  CHECK(call(*client, http_request(server.url("/z"))).body == "handled #2");
  server.set_handler([](const RecordedRequest&) -> Reply { throw std::runtime_error("oops"); });
  auto request = http_request(server.url("/w"));
  request.max_retries = 0;
  const auto failed = call(*client, request);
  CHECK(failed.status == 500);
  CHECK(failed.body == "loopback: the handler threw: oops");
}
