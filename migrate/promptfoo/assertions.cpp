#include "migrate/promptfoo/assertions.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/format.hpp"

namespace genops::migrate::promptfoo {

namespace {

using ojson = nlohmann::ordered_json;

const std::vector<std::string> k_same_name = {
    "equals", "contains", "icontains", "contains-any", "icontains-any", "contains-all", "icontains-all",
    "starts-with", "regex", "is-json", "contains-json", "bleu", "latency", "cost", "llm-rubric", "factuality",
    "answer-relevance", "context-faithfulness", "similar"};
const std::vector<std::string> k_judged = {"llm-rubric", "factuality", "answer-relevance", "context-faithfulness"};
const std::vector<std::string> k_text = {"equals", "contains", "icontains", "contains-any", "icontains-any",
                                         "contains-all", "icontains-all", "starts-with", "regex", "is-json",
                                         "contains-json"};

bool in(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// What to use instead, for the types genops does not have.
std::string instead_of(const std::string& type) {
  if (type == "javascript" || type == "python" || type == "ruby" || type == "webhook")
    return "an `exec` assertion running the check as a program ({type: exec, command: [python3, check.py]}; "
           "it reads {output, vars, ...} as JSON on stdin, docs/eval.md)";
  if (type == "model-graded-closedqa" || type == "g-eval" || type == "model-graded-factuality" || type == "select-best")
    return "`llm-rubric` with the criteria as its rubric";
  if (type == "gleu" || type == "meteor") return "`bleu`, `chrf` or `rougeL`";
  if (type == "is-valid-openai-function-call" || type == "is-valid-openai-tools-call" || type == "is-valid-function-call")
    return "`is-json` with a schema, or an `exec` assertion";
  return "an `exec` assertion that computes it";
}

}  // namespace

std::optional<MappedAssertion> map_assertion(const nlohmann::json& assertion, const Location& at,
                                             const ProviderResolver& providers, Notes& notes) {
  if (!assertion.is_object() || !assertion.contains("type") || !assertion["type"].is_string()) {
    notes.unsupported_item(at, "an assertion without a `type`", "{type: ..., value: ...}");
    return std::nullopt;
  }
  std::string written = assertion["type"].get<std::string>();
  bool negate = written.rfind("not-", 0) == 0;
  std::string type = negate ? written.substr(4) : written;
  if (!in(k_same_name, type) && type != "levenshtein" && type != "rouge-n") {
    notes.unsupported_item(at, "assertion type `" + written + "`", instead_of(type));
    return std::nullopt;
  }
  MappedAssertion out;
  std::string genops_type = type == "rouge-n" ? "rouge1" : type;
  out.spec["type"] = (negate ? "not-" : "") + genops_type;
  bool ok = true;
  for (const auto& [key, value] : assertion.items()) {
    if (key == "type") continue;
    if (key == "value") {
      if (value.is_string() && value.get<std::string>().rfind("file://", 0) == 0) {
        notes.unsupported_item(at, "an assertion value read from a file (" + value.get<std::string>() + ")",
                               "the value written inline");
        ok = false;
      } else if ((type == "is-json" || type == "contains-json") && value.is_string()) {
        // promptfoo also takes a schema as YAML text; an empty one means none.
        if (!value.get<std::string>().empty()) {
          notes.unsupported_item(at, "a JSON schema given as text", "the schema written as a YAML map");
          ok = false;
        }
      } else {
        out.spec["value"] = value;
      }
    } else if (key == "threshold") {
      if (!value.is_number()) {
        notes.unsupported_item(at, "a threshold that is not a number", "a number");
        ok = false;
      } else if (type == "levenshtein") {
        // promptfoo: pass when distance <= (threshold || 5) (src/assertions/levenshtein.ts).
        double t = value.get<double>();
        out.spec["max_distance"] = t == 0 ? 5 : static_cast<long long>(std::floor(t));
        out.comment = "promptfoo levenshtein threshold " + core::format_general(t) +
                      " = max edit distance: genops max_distance";
      } else if (!in(k_text, type)) {
        out.spec["threshold"] = value;
      }
    } else if (key == "weight" || key == "metric") {
      out.spec[key] = value;
    } else if (key == "provider") {
      if (auto name = providers(value, at)) out.spec["provider"] = *name;
      else ok = false;
    } else {
      notes.unsupported_item({at.where, at.field + "." + key}, "assertion option `" + key + "`",
                             "an `exec` assertion if the output needs transforming first");
      ok = false;
    }
  }
  if (type == "levenshtein" && !out.spec.contains("max_distance")) {
    out.spec["max_distance"] = 5;
    out.comment = "promptfoo levenshtein default threshold 5 = max edit distance: genops max_distance";
  }
  if (type == "rouge-n")
    out.comment = "promptfoo rouge-n (js-rouge ROUGE-N, n = 1): genops rouge1 (rouge-score F1); default threshold 0.75 in both";
  if (type == "similar" && !out.spec.contains("provider")) {
    // promptfoo's default embedding provider for `similar`.
    if (auto name = providers(nlohmann::json("openai:embedding:text-embedding-3-large"), at))
      out.spec["provider"] = *name;
    out.comment = "promptfoo's default embedding model for similar: openai text-embedding-3-large";
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace genops::migrate::promptfoo
