// The batch APIs' documents: input lines, splitting, batch objects, result files.
#include <doctest/doctest.h>

#include "core/json.hpp"
#include "providers/batch/batch_api.hpp"
#include "providers/batch/batch_wire.hpp"

using namespace genops::providers::batch;
using nlohmann::json;

TEST_CASE("providers::batch::openai_input_jsonl: one POST line per request, custom_id and body kept") {
  std::vector<BatchLine> lines{{"a1", {{"model", "m"}, {"messages", json::array()}}}, {"b2", {{"model", "m"}}}};
  CHECK(openai_input_jsonl(lines, "/v1/chat/completions") ==
        "{\"body\":{\"messages\":[],\"model\":\"m\"},\"custom_id\":\"a1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\"}\n"
        "{\"body\":{\"model\":\"m\"},\"custom_id\":\"b2\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\"}\n");
}

TEST_CASE("providers::batch::anthropic_create_body: requests of custom_id and params") {
  auto body = anthropic_create_body({{"a1", {{"model", "c"}, {"max_tokens", 5}}}});
  CHECK(body == json::parse(R"({"requests":[{"custom_id":"a1","params":{"model":"c","max_tokens":5}}]})"));
}

TEST_CASE("providers::batch::split_batches: by request count and by bytes, in order") {
  std::vector<BatchLine> lines;
  for (int i = 0; i < 5; ++i) lines.push_back({"id" + std::to_string(i), {{"x", std::string(100, 'x')}}});
  auto by_count = split_batches(lines, 2, 1u << 20);
  REQUIRE(by_count.size() == 3);
  CHECK(by_count[0].size() == 2);
  CHECK(by_count[2].size() == 1);
  CHECK(by_count[2][0].custom_id == "id4");
  const auto one = line_bytes(lines[0]);
  auto by_bytes = split_batches(lines, 100, 2 * one + 1);
  REQUIRE(by_bytes.size() == 3);
  CHECK(by_bytes[1][0].custom_id == "id2");
  CHECK(split_batches(lines, 100, 10).size() == 5);  // a line over the limit goes alone
  CHECK(split_batches({}, 2, 10).empty());
}

TEST_CASE("providers::batch::parse_openai_batch: statuses, counts, files, errors") {
  auto s = parse_openai_batch(json::parse(
      R"({"id":"b","status":"completed","output_file_id":"f1","error_file_id":"f2","expires_at":1700000000,
          "request_counts":{"total":3,"completed":2,"failed":1}})"));
  REQUIRE(s);
  CHECK(s->ended);
  CHECK(s->total == 3);
  CHECK(s->succeeded == 2);
  CHECK(s->failed == 1);
  CHECK(s->output_file_id == "f1");
  CHECK(s->error_file_id == "f2");
  CHECK(s->expires_at == 1700000000);
  for (const char* open : {"validating", "in_progress", "finalizing", "cancelling"})
    CHECK_FALSE(parse_openai_batch({{"status", open}})->ended);
  for (const char* done : {"failed", "expired", "cancelled"}) CHECK(parse_openai_batch({{"status", done}})->ended);
  auto failed = parse_openai_batch(json::parse(
      R"({"status":"failed","errors":{"data":[{"code":"invalid_request","message":"bad line 1"}]}})"));
  CHECK(failed->error == "invalid_request: bad line 1");
  CHECK(parse_openai_batch({{"status", "weird"}}).error() == "status \"weird\" is not a batch status");
  CHECK(parse_openai_batch(json::object()).error() == "a batch object with a string `status`");
}

TEST_CASE("providers::batch::parse_anthropic_batch: processing_status, counts, results_url, RFC 3339 expiry") {
  auto s = parse_anthropic_batch(json::parse(
      R"({"processing_status":"ended","results_url":"https://x/r","expires_at":"2026-12-06T07:00:00Z",
          "request_counts":{"processing":0,"succeeded":3,"errored":1,"canceled":1,"expired":1}})"));
  REQUIRE(s);
  CHECK(s->ended);
  CHECK(s->succeeded == 3);
  CHECK(s->failed == 3);
  CHECK(s->total == 6);
  CHECK(s->results_url == "https://x/r");
  CHECK(s->expires_at == 1796540400);
  CHECK_FALSE(parse_anthropic_batch({{"processing_status", "canceling"}})->ended);
  CHECK(parse_anthropic_batch({{"status", "ended"}}).error() == "a message batch with a string `processing_status`");
}

TEST_CASE("providers::batch::parse_results: OpenAI lines out of order, errors, unknown and repeated ids") {
  std::map<std::string, std::string> known{{"a", "ha"}, {"b", "hb"}, {"c", "hc"}};
  const std::string file =
      R"({"custom_id":"b","response":{"status_code":500,"body":{"error":{"message":"overloaded","type":"server_error"}}}})" "\n"
      R"({"custom_id":"a","response":{"status_code":200,"body":{"choices":[]}}})" "\n"
      R"({"custom_id":"zz","response":{"status_code":200,"body":{}}})" "\n"
      R"({"custom_id":"a","response":{"status_code":200,"body":{"again":true}}})" "\n"
      "not json\n"
      R"({"custom_id":"c","error":{"code":"batch_expired","message":"not run"},"response":null})" "\n";
  auto parsed = parse_results(BatchKind::openai, file, known);
  REQUIRE(parsed.ends.size() == 3);
  CHECK(parsed.ends[0].custom_id == "b");
  CHECK_FALSE(parsed.ends[0].succeeded);
  CHECK(parsed.ends[0].error == "HTTP 500: server_error: overloaded");
  CHECK(parsed.ends[1].succeeded);
  CHECK(parsed.ends[1].response == R"({"choices":[]})");
  CHECK(parsed.ends[2].error == "batch_expired: not run");
  REQUIRE(parsed.problems.size() == 3);
  CHECK(parsed.problems[0] == "line 3: unknown custom_id \"zz\"");
  CHECK(parsed.problems[1] == "line 4: custom_id \"a\" again (the first line is kept)");
  CHECK(parsed.problems[2].rfind("line 5: ", 0) == 0);
}

TEST_CASE("providers::batch::parse_results: Anthropic succeeded, errored, canceled and expired results") {
  std::map<std::string, std::string> known{{"a", "ha"}, {"b", "hb"}, {"c", "hc"}};
  const std::string file =
      R"({"custom_id":"a","result":{"type":"succeeded","message":{"content":[]}}})" "\n"
      R"({"custom_id":"b","result":{"type":"errored","error":{"type":"error","error":{"type":"overloaded_error","message":"busy"}}}})" "\n"
      R"({"custom_id":"c","result":{"type":"expired"}})" "\n";
  auto parsed = parse_results(BatchKind::anthropic, file, known);
  REQUIRE(parsed.ends.size() == 3);
  CHECK(parsed.ends[0].response == R"({"content":[]})");
  CHECK(parsed.ends[1].status == "errored");
  CHECK(parsed.ends[1].error == "overloaded_error: busy");
  CHECK(parsed.ends[2].status == "expired");
  CHECK(parsed.ends[2].error == "the request expired");
  CHECK(parsed.problems.empty());
}

TEST_CASE("providers::batch::url_path: the path of a URL") {
  CHECK(url_path("https://api.openai.com/v1/chat/completions") == "/v1/chat/completions");
  CHECK(url_path("http://127.0.0.1:8080/v1/messages") == "/v1/messages");
  CHECK(url_path("http://host") == "/");
}
