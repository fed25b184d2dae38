// migrate::promptfoo::map_assertion: names kept, meanings kept, scripts reported.
#include <doctest/doctest.h>

#include "migrate/promptfoo/assertions.hpp"

using namespace genops::migrate;
using namespace genops::migrate::promptfoo;
using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

namespace {
const Location k_at{"tests.yaml:4:7", "[0].assert[1]"};
ProviderResolver by_id() {
  return [](const json& v, const Location&) -> std::optional<std::string> {
    return v.is_string() ? std::optional<std::string>("p:" + v.get<std::string>()) : std::nullopt;
  };
}
}  // namespace

TEST_CASE("promptfoo::map_assertion: levenshtein threshold becomes max_distance") {
  Notes notes;
  auto m = map_assertion(json::parse(R"({"type": "levenshtein", "value": "abc", "threshold": 3})"), k_at, by_id(), notes);
  REQUIRE(m);
  CHECK(m->spec == ojson{{"type", "levenshtein"}, {"max_distance", 3}, {"value", "abc"}});
  CHECK(m->comment == "promptfoo levenshtein threshold 3 = max edit distance: genops max_distance");
  auto d = map_assertion(json::parse(R"({"type": "levenshtein", "value": "abc"})"), k_at, by_id(), notes);
  CHECK(d->spec["max_distance"] == 5);
  // The CSV shorthand's 0.75 is a distance of at most 0, as in promptfoo.
  auto s = map_assertion(json::parse(R"({"type": "levenshtein", "value": "abc", "threshold": 0.75})"), k_at, by_id(), notes);
  CHECK(s->spec["max_distance"] == 0);
}

TEST_CASE("promptfoo::map_assertion: not-, rouge-n, judges and options") {
  Notes notes;
  auto n = map_assertion(json::parse(R"({"type": "not-icontains", "value": "sorry", "weight": 2, "metric": "tone"})"),
                         k_at, by_id(), notes);
  CHECK(n->spec == ojson{{"type", "not-icontains"}, {"metric", "tone"}, {"value", "sorry"}, {"weight", 2}});
  auto r = map_assertion(json::parse(R"({"type": "rouge-n", "value": "x", "threshold": 0.6})"), k_at, by_id(), notes);
  CHECK(r->spec == ojson{{"type", "rouge1"}, {"threshold", 0.6}, {"value", "x"}});
  auto j = map_assertion(json::parse(R"({"type": "llm-rubric", "value": "polite", "provider": "openai:gpt-4o"})"),
                         k_at, by_id(), notes);
  CHECK(j->spec["provider"] == "p:openai:gpt-4o");
  auto sim = map_assertion(json::parse(R"({"type": "similar", "value": "x"})"), k_at, by_id(), notes);
  CHECK(sim->spec["provider"] == "p:openai:embedding:text-embedding-3-large");
  CHECK(notes.unsupported.empty());
}

TEST_CASE("promptfoo::map_assertion: what genops lacks is reported with what to use") {
  Notes notes;
  CHECK_FALSE(map_assertion(json::parse(R"({"type": "javascript", "value": "output.length < 3"})"), k_at, by_id(), notes));
  CHECK_FALSE(map_assertion(json::parse(R"({"type": "not-python", "value": "x"})"), k_at, by_id(), notes));
  CHECK_FALSE(map_assertion(json::parse(R"({"type": "model-graded-closedqa", "value": "x"})"), k_at, by_id(), notes));
  CHECK_FALSE(map_assertion(json::parse(R"J({"type": "contains", "value": "x", "transform": "output.trim()"})J"), k_at,
                            by_id(), notes));
  REQUIRE(notes.unsupported.size() == 4);
  CHECK(notes.unsupported[0].format().rfind(
            "tests.yaml:4:7: [0].assert[1]: assertion type `javascript` is not supported; use an `exec` assertion", 0) == 0);
  CHECK(notes.unsupported[2].instead == "`llm-rubric` with the criteria as its rubric");
  CHECK(notes.unsupported[3].at.field == "[0].assert[1].transform");
}
