// migrate::promptfoo::assertion_from_shorthand: promptfoo's src/csv.ts reading of __expected.
#include <doctest/doctest.h>

#include "migrate/promptfoo/shorthand.hpp"

using namespace genops::migrate;
using namespace genops::migrate::promptfoo;
using ojson = nlohmann::ordered_json;

TEST_CASE("promptfoo::assertion_from_shorthand: the forms of __expected") {
  CHECK(assertion_from_shorthand("icontains:bonjour") == ojson{{"type", "icontains"}, {"value", "bonjour"}});
  // The text after the colon is kept verbatim, as promptfoo keeps it.
  CHECK(assertion_from_shorthand("contains: x") == ojson{{"type", "contains"}, {"value", " x"}});
  CHECK(assertion_from_shorthand("not-contains:sorry") == ojson{{"type", "not-contains"}, {"value", "sorry"}});
  CHECK(assertion_from_shorthand("similar(0.9):hi") == ojson{{"type", "similar"}, {"value", "hi"}, {"threshold", 0.9}});
  CHECK(assertion_from_shorthand("similar:hi") == ojson{{"type", "similar"}, {"value", "hi"}, {"threshold", 0.8}});
  CHECK(assertion_from_shorthand("levenshtein(5):abc") ==
        ojson{{"type", "levenshtein"}, {"value", "abc"}, {"threshold", 5.0}});
  CHECK(assertion_from_shorthand("rouge-n:abc") == ojson{{"type", "rouge-n"}, {"value", "abc"}, {"threshold", 0.75}});
  CHECK(assertion_from_shorthand("is-json") == ojson{{"type", "is-json"}});
  CHECK(assertion_from_shorthand("contains-json:") == ojson{{"type", "contains-json"}, {"value", ""}});
  CHECK(assertion_from_shorthand("contains-any:a, b,c") ==
        ojson{{"type", "contains-any"}, {"value", {"a", "b", "c"}}});
  CHECK(assertion_from_shorthand("grade:is polite") == ojson{{"type", "llm-rubric"}, {"value", "is polite"}});
  CHECK(assertion_from_shorthand("llm-rubric: ok") == ojson{{"type", "llm-rubric"}, {"value", " ok"}});
  CHECK(assertion_from_shorthand("javascript: output.length > 3") ==
        ojson{{"type", "javascript"}, {"value", "output.length > 3"}});
  CHECK(assertion_from_shorthand("fn:x") == ojson{{"type", "javascript"}, {"value", "x"}});
  CHECK(assertion_from_shorthand("python: len(output)") == ojson{{"type", "python"}, {"value", "len(output)"}});
  CHECK(assertion_from_shorthand("file://check.py") == ojson{{"type", "python"}, {"value", "check.py"}});
  CHECK(assertion_from_shorthand("Paris") == ojson{{"type", "equals"}, {"value", "Paris"}});
  CHECK(assertion_from_shorthand("containsx:y") == ojson{{"type", "equals"}, {"value", "containsx:y"}});
  CHECK(assertion_from_shorthand("similar(x):y") == ojson{{"type", "equals"}, {"value", "similar(x):y"}});
}
