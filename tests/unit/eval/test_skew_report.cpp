// compute_skew end to end on small files: verdicts, bad input, the JSON report.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "eval/skew/store/input_log.hpp"
#include "eval/skew/skew.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval::skew;
using nlohmann::json;

namespace {

const char* k_topics[] = {"refund", "delivery", "password", "invoice", "account"};
const char* k_tiers[] = {"free", "pro", "team"};

// A small deterministic embedding: letter counts folded into 16 dimensions.
std::vector<std::vector<float>> letter_embed(std::span<const std::string> texts) {
  std::vector<std::vector<float>> out;
  for (const auto& t : texts) {
    std::vector<float> v(16, 0.0f);
    for (unsigned char c : t) v[c % 16] += 1.0f;
    out.push_back(v);
  }
  return out;
}

std::string rows(int n, int offset, bool shifted) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    const int k = i + offset;
    std::string q = std::string("How do I get help with my ") + k_topics[k % 5] + " number " + std::to_string(k % 7) + "?";
    std::string tier = k_tiers[k % 3];
    if (shifted && i % 2 == 0) {
      q = "Здравствуйте, у меня проблема с заказом номер " + std::to_string(k) + ", и я жду ответа уже очень долго, помогите пожалуйста";
      tier = "enterprise";
    }
    out += json{{"question", q}, {"tier", tier}, {"priority", k % 4}}.dump() + "\n";
  }
  return out;
}

bool all_finite(const json& j) {
  if (j.is_number_float()) return std::isfinite(j.get<double>());
  if (j.is_structured())
    for (const auto& v : j)
      if (!all_finite(v)) return false;
  return true;
}

const FeatureResult& feature(const SkewReport& r, const std::string& name) {
  for (const auto& f : r.features)
    if (f.name == name) return f;
  FAIL("no feature " << name);
  throw 0;
}

SkewOptions options(const genops::test::TempDir& dir, const std::string& ref, const std::string& cur) {
  SkewOptions o;
  o.reference = "file:" + (dir.path() / ref).string();
  o.current = "file:" + (dir.path() / cur).string();
  o.mmd.permutations = 50;
  return o;
}

}  // namespace

TEST_CASE("skew::compute_skew: like the reference is no drift; shifted inputs drift") {
  genops::test::TempDir dir;
  dir.write("ref.jsonl", rows(60, 0, false));
  dir.write("same.jsonl", rows(300, 1000, false));
  dir.write("shifted.jsonl", rows(300, 1000, true));
  SkewContext ctx{nullptr, letter_embed};

  const auto same = compute_skew(options(dir, "ref.jsonl", "same.jsonl"), ctx);
  CHECK_FALSE(same.drift);
  CHECK(same.reference.rows == 60);
  CHECK(same.current.rows == 300);
  CHECK(feature(same, "tier").kind == FeatureKind::category);
  CHECK(feature(same, "priority").kind == FeatureKind::number);
  CHECK(feature(same, "question.length").kind == FeatureKind::text);
  CHECK(feature(same, "question.length").verdict == Verdict::ok);
  CHECK(feature(same, "question.script").verdict == Verdict::constant);
  CHECK(same.embedding.computed);

  const auto shifted = compute_skew(options(dir, "ref.jsonl", "shifted.jsonl"), ctx);
  CHECK(shifted.drift);
  CHECK(feature(shifted, "question.length").verdict == Verdict::drift);
  CHECK(feature(shifted, "question.script").verdict == Verdict::drift);
  CHECK(feature(shifted, "question.oov").verdict == Verdict::drift);
  CHECK(feature(shifted, "tier").verdict == Verdict::drift);
  CHECK(feature(shifted, "tier").note == "1 value not in the reference: enterprise (50 % of the current side > 10 %: drift on its own)");
  CHECK(feature(shifted, "priority").verdict == Verdict::ok);
  CHECK(shifted.farthest.size() == 10);
  CHECK(shifted.farthest.front().distance >= shifted.farthest.back().distance);
  CHECK(shifted.farthest.front().input["tier"] == "enterprise");
  const auto j = to_json(shifted);
  CHECK(j["drift"] == true);
  CHECK(j["features"].size() == shifted.features.size());
  CHECK(all_finite(j));
  CHECK(render_text(shifted).find("DRIFT:") != std::string::npos);
  CHECK(render_markdown(shifted).find("## Input skew: drift") != std::string::npos);

  SUBCASE("bonferroni") {
    auto o = options(dir, "ref.jsonl", "same.jsonl");
    o.method = DatasetMethod::bonferroni;
    CHECK_FALSE(compute_skew(o, ctx).drift);
    o.current = "file:" + (dir.path() / "shifted.jsonl").string();
    CHECK(compute_skew(o, ctx).drift);
  }
}

TEST_CASE("skew::compute_skew: bad input has a defined result or a clear error") {
  genops::test::TempDir dir;
  dir.write("ref.jsonl", rows(40, 0, false));
  SkewContext ctx{nullptr, letter_embed};

  SUBCASE("an empty side") {
    dir.write("empty.jsonl", "\n");
    try {
      compute_skew(options(dir, "ref.jsonl", "empty.jsonl"), ctx);
      FAIL("expected an error");
    } catch (const genops::core::Error& e) {
      CHECK(e.kind() == genops::core::ErrorKind::invalid_input);
      CHECK(std::string(e.what()) == "current file:" + (dir.path() / "empty.jsonl").string() + ": no rows");
    }
  }
  SUBCASE("a bad row deep in the current file: the reader thread hands the error back") {
    dir.write("bad.jsonl", rows(5000, 0, false) + "not json\n" + rows(10, 0, false));
    try {
      compute_skew(options(dir, "ref.jsonl", "bad.jsonl"), ctx);
      FAIL("expected an error");
    } catch (const genops::core::Error& e) {
      CHECK(e.kind() == genops::core::ErrorKind::invalid_input);
      CHECK(std::string(e.what()).find("bad.jsonl:5001") != std::string::npos);
    }
  }
  SUBCASE("a missing file") {
    CHECK_THROWS_AS(compute_skew(options(dir, "ref.jsonl", "nope.jsonl"), ctx), genops::core::Error);
  }
  SUBCASE("a variable missing on one side, another only on the other") {
    dir.write("cur.jsonl", R"({"question": "How do I get help with my refund?", "channel": "chat"})" "\n");
    const auto r = compute_skew(options(dir, "ref.jsonl", "cur.jsonl"), ctx);
    CHECK(feature(r, "tier").verdict == Verdict::missing);
    CHECK(feature(r, "tier").note == "no current input has tier");
    CHECK(feature(r, "channel").verdict == Verdict::added);
    CHECK(all_finite(to_json(r)));
  }
  SUBCASE("non-numbers in a numeric feature") {
    dir.write("cur.jsonl", std::string(R"({"priority": "high"})" "\n") + R"({"priority": 2})" "\n" R"({"priority": "n/a"})" "\n");
    auto o = options(dir, "ref.jsonl", "cur.jsonl");
    o.features = {{"priority", FeatureKind::number}};
    const auto r = compute_skew(o, ctx);
    const auto& f = feature(r, "priority");
    CHECK(f.current_invalid == 2);
    CHECK(f.current_n == 1);
    CHECK(f.note == "0 reference and 2 current values are not numbers (left out)");
    CHECK(r.features.size() == 1);
  }
  SUBCASE("only non-numbers on one side") {
    dir.write("cur.jsonl", R"({"priority": "high"})" "\n");
    auto o = options(dir, "ref.jsonl", "cur.jsonl");
    o.features = {{"priority", std::nullopt}};
    const auto r = compute_skew(o, ctx);
    CHECK(feature(r, "priority").verdict == Verdict::no_data);
    CHECK(feature(r, "priority").note == "no numeric values on the current side; 0 reference and 1 current values are not numbers (left out)");
    CHECK(all_finite(to_json(r)));
  }
  SUBCASE("a single distinct value on both sides") {
    dir.write("one.jsonl", R"({"n": 5})" "\n" R"({"n": 5})" "\n");
    dir.write("one2.jsonl", R"({"n": 5})" "\n" R"({"n": 7})" "\n");
    const auto r = compute_skew(options(dir, "one.jsonl", "one2.jsonl"), ctx);
    const auto& f = feature(r, "n");
    CHECK(f.verdict != Verdict::no_data);
    CHECK(f.note == "the reference has a single value 5");
    const auto j = to_json(r);
    CHECK(j["features"][0]["tests"]["wasserstein_normalised"].is_null());
    CHECK(j["features"][0]["tests"]["wasserstein"] == 1.0);
    CHECK(all_finite(j));
  }
  SUBCASE("no embedding function") {
    dir.write("cur.jsonl", rows(10, 3, false));
    const auto r = compute_skew(options(dir, "ref.jsonl", "cur.jsonl"), SkewContext{});
    CHECK_FALSE(r.embedding.computed);
    CHECK(r.embedding.verdict == Verdict::no_data);
  }
}

TEST_CASE("skew::compute_skew: runs: reads ingested rows within --since/--until") {
  genops::test::TempDir dir;
  dir.write("ref.jsonl", rows(40, 0, false));
  genops::core::lineage::Store store(dir.path() / "genops.db");
  std::vector<genops::eval::skew::IngestRow> logged;
  for (int i = 0; i < 30; ++i)
    logged.push_back({json{{"question", "How do I get help with my refund number " + std::to_string(i) + "?"}}.dump(),
                      "2026-11-" + std::string(i < 10 ? "10" : "20") + "T10:00:00.000Z"});
  auto outcome = genops::eval::skew::ingest_rows(store, "support", "prod.jsonl", logged);
  CHECK(outcome.added == 30);
  CHECK(genops::eval::skew::ingest_rows(store, "support", "prod.jsonl", logged).present == 30);
  SkewOptions o;
  o.reference = "file:" + (dir.path() / "ref.jsonl").string();
  o.current = "runs:support";
  o.since = "2026-11-15";
  o.embeddings = false;
  const auto r = compute_skew(o, SkewContext{&store, {}});
  CHECK(r.current.rows == 20);
  o.until = "2026-11-15";
  o.since = "";
  CHECK(compute_skew(o, SkewContext{&store, {}}).current.rows == 10);
  o.current = "runs:billing";
  CHECK_THROWS_AS(compute_skew(o, SkewContext{&store, {}}), genops::core::Error);
}
