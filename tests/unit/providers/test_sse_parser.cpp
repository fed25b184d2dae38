#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "providers/anthropic/messages_reply.hpp"
#include "providers/openai/chat_reply.hpp"
#include "providers/sse/sse_parser.hpp"
#include "tests/unit/providers/recorded_streams.hpp"

using namespace genops::providers;
using genops::core::llm::Outcome;
using genops::core::llm::Response;

namespace {

struct Seen {
  std::string event;
  std::string data;
  std::string id;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> parse_in_pieces(std::string_view stream, std::vector<std::size_t> cuts) {
  sse::SseParser parser;
  std::vector<Seen> seen;
  auto on_event = [&](const sse::SseEvent& e) { seen.push_back({e.event, e.data, e.id}); };
  std::size_t from = 0;
  cuts.push_back(stream.size());
  for (auto cut : cuts) {
    parser.feed(stream.substr(from, cut - from), on_event);
    from = cut;
  }
  parser.finish(on_event);
  return seen;
}

std::string describe(const Outcome& outcome) {
  if (const auto* r = std::get_if<Response>(&outcome)) {
    std::string out = "text=" + r->text + " finish=" + r->finish_reason + " model=" + r->model +
                      " in=" + std::to_string(r->usage.input_tokens) + " out=" + std::to_string(r->usage.output_tokens);
    for (const auto& c : r->tool_calls) out += " call=" + c.id + "/" + c.name + "/" + c.arguments_json;
    return out;
  }
  return "failure: " + std::get<genops::core::llm::Failure>(outcome).message;
}

template <typename Decoder>
std::pair<std::string, std::string> decode_split(std::string_view stream, std::size_t cut) {
  Decoder decoder;
  std::string tokens;
  auto sink = [&](std::string_view delta) { tokens += delta; };
  decoder.feed(stream.substr(0, cut), sink);
  decoder.feed(stream.substr(cut), sink);
  return {describe(decoder.finish()), tokens};
}

}  // namespace

TEST_CASE("sse::SseParser: fields, comments and line endings") {
  SUBCASE("data lines join with newlines; event and id are kept") {
    auto seen = parse_in_pieces("event: update\nid: 7\ndata: a\ndata: b\n\n", {});
    REQUIRE(seen.size() == 1);
    CHECK(seen[0] == Seen{"update", "a\nb", "7"});
  }
  SUBCASE("CR, LF and CRLF all end lines") {
    auto seen = parse_in_pieces("data: one\r\rdata: two\n\ndata: three\r\n\r\n", {});
    REQUIRE(seen.size() == 3);
    CHECK(seen[0].data == "one");
    CHECK(seen[1].data == "two");
    CHECK(seen[2].data == "three");
  }
  SUBCASE("comments, unknown fields and retry are ignored; no space after the colon is fine") {
    auto seen = parse_in_pieces(": ping\nretry: 10\nfoo: bar\ndata:x\n\n", {});
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].data == "x");
  }
  SUBCASE("a blank line without data dispatches nothing and resets the event name") {
    auto seen = parse_in_pieces("event: a\n\ndata: x\n\n", {});
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].event == "");
  }
  SUBCASE("an empty data field is an event with empty data") {
    auto seen = parse_in_pieces("data:\n\n", {});
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].data == "");
  }
  SUBCASE("a leading BOM is skipped, even when split") {
    auto seen = parse_in_pieces("\xEF\xBB\xBF" "data: x\n\n", {1, 2});
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].data == "x");
  }
  SUBCASE("a final event without its blank line is delivered at finish") {
    auto seen = parse_in_pieces("data: last", {});
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].data == "last");
  }
}

TEST_CASE("sse::SseParser: every split of a recorded stream parses the same") {
  for (auto stream : {genops::test::k_openai_stream, genops::test::k_anthropic_stream}) {
    auto whole = parse_in_pieces(stream, {});
    REQUIRE(whole.size() > 5);
    for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
      auto split = parse_in_pieces(stream, {cut});
      CHECK_MESSAGE(split == whole, "split at byte " << cut);
    }
    std::vector<std::size_t> every_byte;
    for (std::size_t i = 1; i < stream.size(); ++i) every_byte.push_back(i);
    CHECK(parse_in_pieces(stream, every_byte) == whole);
  }
}

TEST_CASE("openai::ChatStreamDecoder: every split of a recorded stream decodes the same") {
  auto [whole, tokens] = decode_split<openai::ChatStreamDecoder>(genops::test::k_openai_stream, 0);
  CHECK(whole == "text=Caf\xC3\xA9 ol\xC3\xA9 finish=tool_calls model=gpt-4o-mini-2024-07-18 in=21 out=9 "
                 "call=call_abc/get_weather/{\"city\":\"Paris\"}");
  CHECK(tokens == "Caf\xC3\xA9 ol\xC3\xA9");
  for (std::size_t cut = 1; cut <= genops::test::k_openai_stream.size(); ++cut) {
    auto [split, split_tokens] = decode_split<openai::ChatStreamDecoder>(genops::test::k_openai_stream, cut);
    CHECK_MESSAGE(split == whole, "split at byte " << cut);
    CHECK(split_tokens == tokens);
  }
}

TEST_CASE("anthropic::MessagesStreamDecoder: every split of a recorded stream decodes the same") {
  auto [whole, tokens] = decode_split<anthropic::MessagesStreamDecoder>(genops::test::k_anthropic_stream, 0);
  CHECK(whole == "text=Let me check \xE2\x9C\x93 finish=tool_calls model=claude-sonnet-4-5-20250929 in=25 out=89 "
                 "call=toolu_1/get_weather/{\"city\":\"Paris\"}");
  CHECK(tokens == "Let me check \xE2\x9C\x93");
  for (std::size_t cut = 1; cut <= genops::test::k_anthropic_stream.size(); ++cut) {
    auto [split, split_tokens] = decode_split<anthropic::MessagesStreamDecoder>(genops::test::k_anthropic_stream, cut);
    CHECK_MESSAGE(split == whole, "split at byte " << cut);
    CHECK(split_tokens == tokens);
  }
}
