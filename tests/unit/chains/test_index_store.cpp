#include <doctest/doctest.h>

#include "core/error.hpp"
#include "chains/index/index_retriever.hpp"
#include "core/lineage/store.hpp"
#include "tests/support/store_backends.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::core;
using namespace genops::core::lineage;
using namespace genops::chains;

namespace {

// Embeds by counting three topic words, so similarity is predictable.
class KeywordEmbedder : public llm::ModelClient {
 public:
  void submit(llm::Request, llm::Completion, llm::TokenSink) override {}
  std::vector<std::vector<float>> embed(std::span<const std::string> texts) override {
    std::vector<std::vector<float>> out;
    for (const auto& t : texts) {
      std::vector<float> v(3, 0.0f);
      const char* topics[] = {"refund", "parcel", "password"};
      for (std::size_t i = 0; i < 3; ++i)
        for (auto pos = t.find(topics[i]); pos != std::string::npos; pos = t.find(topics[i], pos + 1)) v[i] += 1;
      out.push_back(v);
    }
    ++calls;
    return out;
  }
  const std::string& name() const override { return m_name; }
  const std::string& model() const override { return m_name; }
  int calls = 0;

 private:
  std::string m_name = "kw";
};

// The store on each backend in turn: a SQLite file, then a PostgreSQL database.
std::string backend_location(const genops::test::TempDir& dir) {
  std::string location;
  SUBCASE("sqlite") { location = (dir.path() / "genops.db").string(); }
  SUBCASE("postgresql") { location = genops::test::new_postgresql_database(); }
  return location;
}

struct Fixture {
  genops::test::TempDir dir;
  Store store{backend_location(dir)};
  IndexStore indexes{store.db()};
  KeywordEmbedder embedder;
  Embedders embedders{{"kw", &embedder}};
};

}  // namespace

TEST_CASE("chains::IndexStore: add, re-add and bm25 order (both backends)") {
  Fixture f;
  IndexSettings kb{"kb", 800, 100, "", 0};
  f.indexes.create_index(kb);
  CHECK(add_document(f.indexes, kb, "a.md", "# A\n\nRefunds take 14 days. A refund goes to the card.", nullptr).first == DocumentChange::added);
  add_document(f.indexes, kb, "b.md", "# B\n\nParcels arrive in 3 days. Refund questions go to billing.", nullptr);
  add_document(f.indexes, kb, "c.md", "# C\n\nReset your password from the sign-in page.", nullptr);
  auto hits = query_index(f.indexes, "kb", "refund", 5, retrieval::Mode::bm25, f.embedders);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].source == "a.md");  // two mentions beat one
  CHECK(hits[0].score > hits[1].score);
  CHECK(hits[1].score > 0);
  CHECK(query_index(f.indexes, "kb", "weather on mars", 5, retrieval::Mode::bm25, f.embedders).empty());

  SUBCASE("unchanged content is skipped; changed content replaces its chunks") {
    CHECK(add_document(f.indexes, kb, "c.md", "# C\n\nReset your password from the sign-in page.", nullptr).first == DocumentChange::unchanged);
    CHECK(add_document(f.indexes, kb, "c.md", "Refunds, refunds, refunds.", nullptr).first == DocumentChange::replaced);
    CHECK(query_index(f.indexes, "kb", "password", 5, retrieval::Mode::bm25, f.embedders).empty());
    CHECK(query_index(f.indexes, "kb", "refund refunds", 1, retrieval::Mode::bm25, f.embedders)[0].source == "c.md");
    auto list = f.indexes.list_indexes();
    REQUIRE(list.size() == 1);
    CHECK(list[0].documents == 3);
    CHECK(list[0].chunks == 3);
  }
  SUBCASE("unknown index: did-you-mean and a hint") {
    try {
      query_index(f.indexes, "kv", "refund", 5, retrieval::Mode::bm25, f.embedders);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::invalid_input);
      CHECK(std::string(e.what()) == "index \"kv\" not found");
      CHECK(e.format().find("did you mean \"kb\"?") != std::string::npos);
      CHECK(e.format().find("build it with: genops index add kv FILES...") != std::string::npos);
    }
  }
  SUBCASE("vector mode without embeddings") {
    CHECK_THROWS_WITH_AS(query_index(f.indexes, "kb", "refund", 5, retrieval::Mode::vector, f.embedders),
                         "index \"kb\" has no embeddings; vector mode needs them", Error);
  }
}

TEST_CASE("chains::IndexStore: vector and hybrid (both backends)") {
  Fixture f;
  IndexSettings kv{"kv", 800, 100, "kw", 0};
  f.indexes.create_index(kv);
  add_document(f.indexes, kv, "refunds.md", "refund refund policy", &f.embedder);
  add_document(f.indexes, kv, "parcels.md", "parcel tracking and a refund note", &f.embedder);
  add_document(f.indexes, kv, "account.md", "password reset", &f.embedder);
  CHECK(f.indexes.find_index("kv")->dims == 3);
  auto vec = query_index(f.indexes, "kv", "password", 3, retrieval::Mode::vector, f.embedders);
  REQUIRE(vec.size() == 3);
  CHECK(vec[0].source == "account.md");
  CHECK(vec[0].score == doctest::Approx(1.0));
  auto hybrid = query_index(f.indexes, "kv", "refund", 2, retrieval::Mode::hybrid, f.embedders);
  REQUIRE(hybrid.size() == 2);
  CHECK(hybrid[0].source == "refunds.md");
  CHECK(hybrid[0].score == doctest::Approx(2.0 / 61));  // first in both rankings
}
