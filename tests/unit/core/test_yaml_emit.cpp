// core::yaml::emit_yaml: what it writes reads back, through core/yaml, as the same JSON.
#include <doctest/doctest.h>

#include "core/yaml/document.hpp"
#include "core/yaml/emit.hpp"
#include "core/yaml/to_json.hpp"

using namespace genops::core::yaml;
using ojson = nlohmann::ordered_json;

namespace {

nlohmann::json round_trip(const ojson& value, const Comments& comments = {}) {
  auto text = emit_yaml(value, comments);
  auto doc = Document::load_string(text, "emitted.yaml");
  return to_json(doc->root());
}

nlohmann::json plain(const ojson& value) { return nlohmann::json::parse(value.dump()); }

}  // namespace

TEST_CASE("yaml::emit_yaml: round trip through the loader") {
  ojson value = ojson::parse(R"({
    "version": 1, "name": "support", "numbers_as_text": ["1", "-2", "3.5", ".5", "+1", "1e3", "true", "null", "~", "no"],
    "numbers": [1, -2, 3.5, 0.1, 1e-7], "flags": [true, false, null],
    "tricky": ["a: b", "x #y", "- dash", "#hash", " lead", "trail ", "", "{{var}}", "[x]", "quote\"d", "tab\there", "colon:"],
    "multi": ["line1\nline2", "line1\nline2\n", "line1\n\n", "  indented\nnext\n", "a\n  b\nc", "\nlead blank", "sp\n  \nx"],
    "nested": {"messages": [{"role": "user", "content": "Q: {{q}}\nA:"}, {"role": "system", "content": "be brief"}],
               "empty_map": {}, "empty_list": [], "list_of_lists": [[1, 2], [], ["a\nb"]]},
    "unicode": "héllo — ✓", "weird key: x": 1
  })");
  CHECK(round_trip(value) == plain(value));
}

TEST_CASE("yaml::emit_yaml: keys keep their order; multi-line text is a literal block") {
  ojson value = {{"z", 1}, {"a", "one\ntwo"}};
  CHECK(emit_yaml(value) == "z: 1\na: |-\n  one\n  two\n");
}

TEST_CASE("yaml::emit_yaml: comments before values and as a header") {
  ojson value = {{"tests", ojson::array({{{"type", "levenshtein"}, {"max_distance", 5}}})}};
  Comments comments = {{"", "generated\nby genops"}, {"/tests/0", "promptfoo levenshtein threshold 5 = max edit distance"}};
  auto text = emit_yaml(value, comments);
  CHECK(text ==
        "# generated\n# by genops\ntests:\n  # promptfoo levenshtein threshold 5 = max edit distance\n"
        "  - type: levenshtein\n    max_distance: 5\n");
  CHECK(round_trip(value, comments) == plain(value));
}
