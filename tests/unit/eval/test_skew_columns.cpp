// Issue 12: verdicts per input column, full-size KS, identifiers, bounded categories.
#include <doctest/doctest.h>

#include <cstdio>
#include <random>
#include <string>

#include "eval/skew/engine.hpp"
#include "eval/skew/ks.hpp"
#include "eval/skew/skew.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval::skew;
using nlohmann::json;

namespace {

const ColumnResult& column(const SkewReport& r, const std::string& name) {
  for (const auto& c : r.columns)
    if (c.name == name) return c;
  FAIL("no column " << name);
  throw 0;
}

SkewOptions file_options(const genops::test::TempDir& dir, const std::string& ref, const std::string& cur) {
  SkewOptions o;
  o.reference = "file:" + (dir.path() / ref).string();
  o.current = "file:" + (dir.path() / cur).string();
  o.embeddings = false;
  return o;
}

// The shape, smaller: questions of 4-12 (shifted: 20-60) words from a
// 10-word vocabulary, tier free|pro (shifted: 35 % enterprise).
std::string questions(int n, bool shifted, unsigned seed) {
  static const char* vocab[] = {"refund", "order", "account", "password", "invoice", "delivery", "plan", "upgrade", "cancel", "help"};
  std::mt19937 rng(seed);
  std::string out;
  for (int i = 0; i < n; ++i) {
    const int words = shifted ? 20 + static_cast<int>(rng() % 41) : 4 + static_cast<int>(rng() % 9);
    std::string q;
    for (int w = 0; w < words; ++w) q += std::string(w ? " " : "") + vocab[rng() % 10];
    const std::string tier = shifted && rng() % 100 < 35 ? "enterprise" : (rng() % 2 ? "free" : "pro");
    out += json{{"question", q}, {"tier", tier}}.dump() + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("skew::holm: step-down adjusted p-values, monotone, capped at 1") {
  const auto a = holm({0.01, 0.04, 0.03});
  CHECK(a[0] == doctest::Approx(0.03));
  CHECK(a[1] == doctest::Approx(0.06));
  CHECK(a[2] == doctest::Approx(0.06));
  CHECK(holm({0.5, 0.9})[0] == doctest::Approx(1.0));
  CHECK(holm({}).empty());
}

TEST_CASE("skew::compute_skew: a column drifts when any feature does; constant features are left out (issue 12)") {
  genops::test::TempDir dir;
  dir.write("ref.jsonl", questions(400, false, 1));
  dir.write("cur.jsonl", questions(1000, true, 2));
  dir.write("same.jsonl", questions(1000, false, 3));
  const auto r = compute_skew(file_options(dir, "ref.jsonl", "cur.jsonl"), {});
  CHECK(column(r, "question").verdict == Verdict::drift);
  CHECK(column(r, "question").constant == 3);
  CHECK(column(r, "question").decided_by.rfind("question.", 0) == 0);
  CHECK(column(r, "tier").verdict == Verdict::drift);
  CHECK(column(r, "tier").new_values);
  CHECK(r.tested == 2);
  CHECK(r.drifted == 2);
  CHECK(r.drift);
  int constant = 0;
  for (const auto& f : r.features) constant += f.verdict == Verdict::constant;
  CHECK(constant == 3);
  const auto same = compute_skew(file_options(dir, "ref.jsonl", "same.jsonl"), {});
  CHECK_FALSE(same.drift);
  CHECK(same.drifted == 0);
  const auto j = to_json(r);
  CHECK(j["columns"][0]["name"] == "question");
  CHECK(j["columns"][0]["verdict"] == "drift");
  CHECK(j["binning"] == "genops");
}

TEST_CASE("skew::compute_skew: KS and Wasserstein see every value, not a 5,000-value sample (issue 12)") {
  // SciPy's TestKSTwoSamples.testLarge (scipy/stats/tests/test_stats.py), 10000 vs 110: D = 55275 / 110,000 = 0.5025;
  // on a 5,000-value sample of the reference the statistic was 0.5004.
  genops::test::TempDir dir;
  const double delta = 1.0 / 10000 / 110 / 2 / 2;
  std::string ref, cur;
  for (int i = 0; i < 10000; ++i) ref += json{{"x", 1 + 199.0 * i / 9999 - delta}}.dump() + "\n";
  for (int i = 0; i < 110; ++i) cur += json{{"x", 2 + 98.0 * i / 109}}.dump() + "\n";
  dir.write("ref.jsonl", ref);
  dir.write("cur.jsonl", cur);
  const auto r = compute_skew(file_options(dir, "ref.jsonl", "cur.jsonl"), {});
  REQUIRE(r.features.size() == 1);
  const auto& ks = r.features[0].tests["ks"];
  CHECK(ks["reference_n"] == 10000);
  CHECK(ks["current_n"] == 110);
  CHECK(ks["statistic"].get<double>() == doctest::Approx(55275.0 / (10000 * 11.0)).epsilon(1e-12));
  CHECK(ks["method"] == "exact");
}

TEST_CASE("skew::compute_skew: identifiers are reported and left out; a flood of categories stays bounded") {
  genops::test::TempDir dir;
  std::string ref, cur;
  for (int i = 0; i < 50; ++i) ref += json{{"user_id", "u" + std::to_string(i)}, {"tier", i % 2 ? "free" : "pro"}}.dump() + "\n";
  for (int i = 0; i < 20000; ++i)
    cur += json{{"user_id", "u" + std::to_string(1000 + i)}, {"tier", i % 2 ? "free" : "pro"}, {"request_id", i}}.dump() + "\n";
  dir.write("ref.jsonl", ref);
  dir.write("cur.jsonl", cur);
  const auto r = compute_skew(file_options(dir, "ref.jsonl", "cur.jsonl"), {});
  CHECK(column(r, "user_id").verdict == Verdict::identifier);
  CHECK(column(r, "request_id").verdict == Verdict::identifier);  // only in the current side
  CHECK(column(r, "tier").verdict == Verdict::ok);
  CHECK(r.tested == 1);
  CHECK_FALSE(r.drift);

  // The same ids typed as categories: 20,000 distinct values fold into "(other)" beyond 10,000.
  auto o = file_options(dir, "ref.jsonl", "cur.jsonl");
  o.features = {parse_feature_request("user_id:category")};
  const auto c = compute_skew(o, {});
  REQUIRE(c.features.size() == 1);
  CHECK(c.features[0].tests["current_values"] == 10001);
  CHECK(c.features[0].verdict == Verdict::drift);
  CHECK(c.features[0].new_values);
}

TEST_CASE("skew::compute_skew: a single value on both sides is constant; different single values drift") {
  genops::test::TempDir dir;
  std::string five, seven;
  for (int i = 0; i < 30; ++i) five += "{\"n\": 5}\n";
  dir.write("five.jsonl", five);
  for (int i = 0; i < 30; ++i) seven += "{\"n\": 7}\n";
  dir.write("seven.jsonl", seven);
  const auto same = compute_skew(file_options(dir, "five.jsonl", "five.jsonl"), {});
  CHECK(same.features[0].verdict == Verdict::constant);
  CHECK(same.columns[0].verdict == Verdict::constant);
  CHECK(same.tested == 0);
  CHECK_FALSE(same.drift);
  const auto moved = compute_skew(file_options(dir, "five.jsonl", "seven.jsonl"), {});
  CHECK(moved.features[0].verdict == Verdict::drift);
  CHECK(moved.drift);
}

TEST_CASE("skew::compute_skew: --binning evidently and tfdv decide with those tools' tests") {
  genops::test::TempDir dir;
  dir.write("ref.jsonl", questions(400, false, 1));
  dir.write("cur.jsonl", questions(1000, true, 2));
  auto o = file_options(dir, "ref.jsonl", "cur.jsonl");
  o.binning = Binning::evidently;
  const auto e = compute_skew(o, {});
  // 400 reference rows (<= 1000): KS for numbers with more than 5 values, chi-square for 3 tiers.
  for (const auto& f : e.features) {
    if (f.name == "question.length") CHECK(f.test == "ks");
    if (f.name == "tier") CHECK(f.test == "chisquare");
  }
  CHECK(e.drift);
  o.binning = Binning::tfdv;
  const auto t = compute_skew(o, {});
  for (const auto& f : t.features) {
    if (f.name == "question.length") {
      CHECK(f.test == "js_approx");
      CHECK(f.tests["tfdv"]["jensen_shannon"].get<double>() > 0.9);
    }
    if (f.name == "tier") CHECK(f.test == "linf");
  }
  CHECK(t.drift);
  CHECK(parse_binning("tfdv") == Binning::tfdv);
  CHECK_FALSE(parse_binning("spss"));
}

TEST_CASE("skew::compute_skew: a reference longer than the kept row sample is measured in full on a second pass") {
  genops::test::TempDir dir;
  std::string ref, cur;
  for (int i = 0; i < 500; ++i) ref += json{{"x", i}, {"tier", i % 2 ? "a" : "b"}}.dump() + "\n";
  for (int i = 0; i < 300; ++i) cur += json{{"x", i}, {"tier", i % 2 ? "a" : "b"}}.dump() + "\n";
  dir.write("ref.jsonl", ref);
  dir.write("cur.jsonl", cur);
  auto o = file_options(dir, "ref.jsonl", "cur.jsonl");
  o.reference_rows = 50;
  const auto r = compute_skew(o, {});
  CHECK(r.reference.sample == 50);
  CHECK(r.features.size() == 2);  // x is unique per row but an integer measurement, not an id
  for (const auto& f : r.features) {
    CHECK(f.reference_n == 500);
    if (f.name == "x") CHECK(f.tests["ks"]["reference_n"] == 500);
  }
}
