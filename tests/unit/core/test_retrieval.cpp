#include <doctest/doctest.h>

#include <string>

#include "core/retrieval/chunker.hpp"
#include "core/retrieval/ranking.hpp"

using namespace genops::core::retrieval;

namespace {

std::string words(int n, const std::string& word) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (out.empty() ? "" : " ") + word + std::to_string(i);
  return out;
}

}  // namespace

TEST_CASE("retrieval::chunk_text: boundaries") {
  SUBCASE("short paragraphs pack into one chunk") {
    auto chunks = chunk_text("First paragraph.\n\nSecond paragraph.\n", TextFormat::text, {800, 100});
    REQUIRE(chunks.size() == 1);
    CHECK(chunks[0] == "First paragraph.\n\nSecond paragraph.");
  }
  SUBCASE("blank text gives no chunks") { CHECK(chunk_text(" \n\n \n", TextFormat::text, {800, 100}).empty()); }
  SUBCASE("paragraphs are not split when they fit") {
    std::string a(300, 'a'), b(300, 'b');
    auto chunks = chunk_text(a + "\n\n" + b, TextFormat::text, {400, 0});
    REQUIRE(chunks.size() == 2);
    CHECK(chunks[0] == a);
    CHECK(chunks[1] == b);
  }
  SUBCASE("a long paragraph is cut at sentence ends") {
    std::string s1 = std::string(150, 'x') + ".", s2 = std::string(150, 'y') + ".", s3 = std::string(150, 'z') + ".";
    auto chunks = chunk_text(s1 + " " + s2 + " " + s3, TextFormat::text, {200, 0});
    REQUIRE(chunks.size() == 3);
    CHECK(chunks[0] == s1);
    CHECK(chunks[2] == s3);
  }
  SUBCASE("no chunk is much over the size") {
    for (const auto& c : chunk_text(words(400, "word"), TextFormat::text, {200, 40})) CHECK(c.size() <= 200);
  }
}

TEST_CASE("retrieval::chunk_text: overlap") {
  auto chunks = chunk_text(words(200, "w"), TextFormat::text, {200, 50});
  REQUIRE(chunks.size() > 2);
  // The next chunk starts with the previous chunk's last words.
  auto last_word = chunks[0].substr(chunks[0].rfind(' ') + 1);
  CHECK(chunks[1].find(last_word + " ") != std::string::npos);
  CHECK(chunks[1].find(last_word) < 50);
  SUBCASE("zero overlap repeats nothing") {
    auto plain = chunk_text(words(200, "w"), TextFormat::text, {200, 0});
    auto end = plain[0].substr(plain[0].rfind(' ') + 1);
    CHECK(plain[1].find(end + " ") == std::string::npos);
  }
}

TEST_CASE("retrieval::chunk_text: markdown headings are context") {
  std::string md = "# Refunds\n\nIntro.\n\n## Timing\n\nWithin 14 days.\n\n```\n# not a heading\n```\n\n# Shipping\n\nThree days.\n";
  auto chunks = chunk_text(md, TextFormat::markdown, {800, 100});
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0] == "Refunds\n\nIntro.");
  CHECK(chunks[1] == "Refunds > Timing\n\nWithin 14 days.\n\n```\n# not a heading\n```");
  CHECK(chunks[2] == "Shipping\n\nThree days.");
  CHECK(format_for_path("docs/a.md") == TextFormat::markdown);
  CHECK(format_for_path("notes.txt") == TextFormat::text);
}

TEST_CASE("retrieval::fuse_reciprocal_rank: k = 60") {
  std::vector<std::vector<std::int64_t>> rankings = {{1, 2, 3}, {3, 1}};
  auto fused = fuse_reciprocal_rank(rankings, 60);
  REQUIRE(fused.size() == 3);
  // 1: 1/61 + 1/62; 3: 1/63 + 1/61; 2: 1/62.
  CHECK(fused[0].id == 1);
  CHECK(fused[0].score == doctest::Approx(1.0 / 61 + 1.0 / 62));
  CHECK(fused[1].id == 3);
  CHECK(fused[1].score == doctest::Approx(1.0 / 63 + 1.0 / 61));
  CHECK(fused[2].id == 2);
  CHECK(fused[2].score == doctest::Approx(1.0 / 62));
  SUBCASE("ties break by id") {
    std::vector<std::vector<std::int64_t>> two = {{7}, {5}};
    auto f = fuse_reciprocal_rank(two, 60);
    CHECK(f[0].id == 5);
    CHECK(f[1].id == 7);
  }
}

TEST_CASE("retrieval::rank_by_cosine") {
  std::vector<EmbeddedId> candidates = {{1, {1, 0}}, {2, {0, 1}}, {3, {1, 1}}, {4, {-1, 0}}};
  std::vector<float> query = {1, 0.2f};
  auto ranked = rank_by_cosine(query, candidates, 3);
  REQUIRE(ranked.size() == 3);
  CHECK(ranked[0].id == 1);
  CHECK(ranked[1].id == 3);
  CHECK(ranked[2].id == 2);
  CHECK(cosine_similarity(std::vector<float>{1, 0}, std::vector<float>{-1, 0}) == doctest::Approx(-1));
  CHECK(cosine_similarity(std::vector<float>{0, 0}, std::vector<float>{1, 0}) == 0);
  CHECK(cosine_similarity(std::vector<float>{1}, std::vector<float>{1, 0}) == 0);
}

TEST_CASE("retrieval::fts_query_for") {
  CHECK(fts_query_for("How do I get a REFUND, refund?") == "\"refund\"");
  CHECK(fts_query_for("What's the delivery time") == "\"delivery\" OR \"time\"");
  CHECK(fts_query_for("the a of \"") == "");
  auto bytes = encode_embedding(std::vector<float>{0.5f, -2});
  CHECK(decode_embedding(bytes) == std::vector<float>{0.5f, -2});
}
