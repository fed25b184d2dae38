// Issue 14: the current side is parsed and measured on every core, through a
// flat-object JSON fast path; neither the threads nor the fast path may
// change a single byte of the report.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "eval/skew/flat_json.hpp"
#include "eval/skew/skew.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval::skew;
using nlohmann::json;

namespace {

// Whether the fast path takes `line`; when it does, its fields must be
// exactly what nlohmann parses (every key, every value).
bool scans_like_nlohmann(const std::string& line) {
  std::vector<FlatField> fields;
  std::string scratch;
  if (!scan_flat_object(line, fields, scratch)) return false;
  const auto parsed = json::parse(line);
  CHECK(parsed.size() == fields.size());
  for (const auto& f : fields) {
    const std::string key(f.key);
    REQUIRE(parsed.contains(key));
    const json value = f.type == FlatType::string ? json(std::string(f.value)) : flat_value(f);
    CHECK_MESSAGE(value == parsed[key], line);
    CHECK(value.type() == parsed[key].type());
  }
  return true;
}

// Current rows that take every path: the fast path (plain, escaped, Unicode,
// numbers in every form, booleans, nulls), the DOM fallback (nested values,
// duplicate keys, "inputs" objects), and variables only the
// current side has.
std::string current_rows(int n) {
  std::string out;
  const char* tiers[] = {"free", "pro", "team", "enterprise"};
  for (int i = 0; i < n; ++i) {
    std::string q = "How do I get help with order " + std::to_string(i % 97) + "?";
    if (i % 5 == 1) q = "Здравствуйте, заказ " + std::to_string(i) + " не пришёл";
    switch (i % 11) {
      case 0: out += json{{"question", q}, {"tier", tiers[i % 4]}, {"priority", i % 4}, {"timestamp", "2026-11-20T10:00:00Z"}}.dump() + "\n"; break;
      case 1: out += json{{"question", q}, {"tier", tiers[i % 3]}, {"priority", std::to_string(i % 5)}}.dump(-1, ' ', true) + "\n"; break;
      case 2: out += "{\"question\": \"line\\nbreak \\\"quoted\\\" \\u00e9\\ud83d\\ude00 " + std::to_string(i) + "\", \"tier\": \"pro\", \"priority\": -0}\n"; break;
      case 3: out += "{\"question\":\"" + q + "\",\"tier\":\"free\",\"priority\":2.5e0,\"extra\":true}\n"; break;
      case 4: out += "{\"question\":\"" + q + "\",\"tier\":null,\"priority\":1E2,\"meta\":{\"a\":[1,2]}}\n"; break;
      case 5: out += "{\"inputs\":{\"question\":\"" + q + "\",\"tier\":\"team\",\"priority\":3},\"ts\":1700000000}\n"; break;
      case 6: out += "{\"question\":\"dup " + q + "\",\"question\":\"" + q + "\",\"tier\":\"pro\",\"priority\":12345678901234567890}\n"; break;
      case 7: out += "  {\"question\" : \"" + q + "\" , \"tier\" : false , \"priority\" : 0.1 }  \r\n"; break;
      case 8: out += "{\"question\":\"" + q + "\",\"tier\":[\"free\"],\"priority\":\" 7 \",\"note\":\"n/a\"}\n"; break;
      case 9: out += "{\"question\":" + std::to_string(i) + ",\"tier\":\"pro\",\"priority\":1}\n"; break;
      default: out += "\n" + json{{"vars", {{"question", q}, {"tier", "pro"}}}, {"priority", 9}}.dump() + "\n"; break;
    }
  }
  return out;
}

std::string reference_rows(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += json{{"question", "How do I get help with my order " + std::to_string(i % 13) + "?"}, {"tier", i % 3 ? "free" : "pro"},
                {"priority", i % 4}}.dump() + "\n";
  return out;
}

std::vector<std::vector<float>> letter_embed(std::span<const std::string> texts) {
  std::vector<std::vector<float>> out;
  for (const auto& t : texts) {
    std::vector<float> v(16, 0.0f);
    for (unsigned char c : t) v[c % 16] += 1.0f;
    out.push_back(v);
  }
  return out;
}

std::string report_of(const genops::test::TempDir& dir, const std::string& current, std::size_t threads) {
  SkewOptions o;
  o.reference = "file:" + (dir.path() / "ref.jsonl").string();
  o.current = current;
  o.mmd.permutations = 20;
  o.embedding_sample = 300;
  o.threads = threads;
  auto j = to_json(compute_skew(o, SkewContext{nullptr, letter_embed}));
  j.erase("current");  // names the source
  return j.dump(2);
}

}  // namespace

TEST_CASE("skew::scan_flat_object: takes flat objects exactly as nlohmann parses them") {
  CHECK(scans_like_nlohmann(R"({"a": "x", "b": 1, "c": -2.5e-3, "d": true, "e": false, "f": null})"));
  CHECK(scans_like_nlohmann(R"({})"));
  CHECK(scans_like_nlohmann(" \t{ \"k\" : \"v\" } \r"));
  CHECK(scans_like_nlohmann(R"({"esc": "a\"b\\c\/d\b\f\n\r\t", "u": "\u00e9\u4e2d\ud83d\ude00\u0000"})"));
  CHECK(scans_like_nlohmann("{\"ru\": \"Здравствуйте\", \"han\": \"中文\"}"));
  CHECK(scans_like_nlohmann(R"({"big": 12345678901234567890, "neg": -9223372036854775808, "zero": -0, "e": 1E300})"));
  CHECK(scans_like_nlohmann(R"({"k\u00e9y": 1, "k\"q": 2})"));
}

TEST_CASE("skew::scan_flat_object: declines what only nlohmann may decide") {
  std::vector<FlatField> fields;
  std::string scratch;
  for (const std::string line : {R"({"a": {"b": 1}})", R"({"a": [1]})", R"({"a": 1, "a": 2})", R"({"a": "\ud800"})",
                                 R"({"a": "\udc00"})", R"({"a": "\ud800\u0041"})", R"({"a": 01})", R"({"a": 1.})", R"({"a": .5})",
                                 R"({"a": +1})", R"({"a": "x",})", R"({"a" "x"})", R"([1])", R"("x")", R"({"a": tru})",
                                 R"({"a": "\x"})", "{\"a\": \"tab\there\"}", "{\"a\": \"\xff\"}", "{\"a\": 1} x", "\xEF\xBB\xBF{\"a\": 1}",
                                 R"({"a": "unterminated})", R"({"a": 1)", ""}) {
    CHECK_MESSAGE(!scan_flat_object(line, fields, scratch), line);
  }
}

TEST_CASE("skew::compute_skew: the same report on 1, 2 and 3 threads, and through the fast path or the DOM") {
  genops::test::TempDir dir;
  dir.write("ref.jsonl", reference_rows(400));
  dir.write("cur.jsonl", current_rows(9000));  // a few batches of 2,048 rows
  const std::string file = "file:" + (dir.path() / "cur.jsonl").string();
  const auto one = report_of(dir, file, 1);
  CHECK(one == report_of(dir, file, 2));
  CHECK(one == report_of(dir, file, 3));
  // An eval: source reads the same rows through nlohmann (its cases are parsed
  // rows), so the fast path must agree with it, except for the logged-row
  // conventions a file: source adds (inputs/vars objects, timestamp/ts).
  dir.write("plain.jsonl", reference_rows(3000));
  dir.write("c.yaml", "version: 1\nname: c\ninputs: {question: {type: string}, tier: {type: string}, priority: {type: number}}\n"
                      "steps:\n  - {id: t, kind: transform, template: \"{{inputs.question}}\"}\n");
  dir.write("suite.yaml", "version: 1\nname: s\ndataset: plain.jsonl\ntarget: {chain: c.yaml}\ndefaults:\n  assert: [{type: icontains, value: x}]\n");
  const auto via_file = report_of(dir, "file:" + (dir.path() / "plain.jsonl").string(), 2);
  const auto via_eval = report_of(dir, "eval:" + (dir.path() / "suite.yaml").string(), 2);
  CHECK(via_file == via_eval);
}

TEST_CASE("skew::compute_skew: a bad line is reported as one thread reads it, after the rows before it") {
  genops::test::TempDir dir;
  dir.write("ref.jsonl", reference_rows(100));
  std::string cur = current_rows(5000);
  const auto bad_line = std::count(cur.begin(), cur.end(), '\n') + 1;
  cur += "{\"question\": \"broken\"\n";
  cur += current_rows(3000);
  cur += "not json either\n";
  dir.write("cur.jsonl", cur);
  for (std::size_t threads : {1, 2, 3}) {
    try {
      report_of(dir, "file:" + (dir.path() / "cur.jsonl").string(), threads);
      FAIL("expected an error");
    } catch (const genops::core::Error& e) {
      CHECK(e.kind() == genops::core::ErrorKind::invalid_input);
      const std::string what = e.what();
      CHECK(what.find(":" + std::to_string(bad_line) + ": ") != std::string::npos);  // the first bad line
      CHECK(what.rfind((dir.path() / "cur.jsonl").string(), 0) == 0);
    }
  }
}
