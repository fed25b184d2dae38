#include "eval/suite/assertion_parser.hpp"
#include "core/format.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/regex.hpp"
#include "core/strings.hpp"
#include "core/yaml/scalar.hpp"
#include "core/yaml/to_json.hpp"
#include "eval/metrics/levenshtein.hpp"

namespace genops::eval {

namespace {

using core::yaml::Node;

const std::vector<std::string> k_common_keys = {"type", "value", "threshold", "weight", "metric", "provider"};

std::string shortest(double value) { return core::format_general(value); }

double parse_threshold(const Node& node, const std::string& type) {
  if (type == "latency") {
    // A duration ("5s", "500ms") or a number of milliseconds.
    if (node.is_scalar() && !node.quoted() && core::yaml::is_number(node.as_string())) return node.as_double();
    return static_cast<double>(node.as_duration().count());
  }
  double value = node.as_double();
  if (value < 0) node.fail("expected a threshold of 0 or more, got " + node.as_string());
  if (assertions::assertion_traits(type).unit_threshold && value > 1) {
    std::vector<std::string> hints = {type + " scores lie in 0..1"};
    if ((type == "bleu" || type == "chrf") && value <= 100)
      hints.push_back("sacreBLEU's 0-100 scale divided by 100: write " + shortest(value / 100));
    node.fail("expected a threshold between 0 and 1, got " + node.as_string(), std::move(hints));
  }
  return value;
}

void check_whole(const Node& node, std::int64_t min, std::int64_t max) {
  auto value = node.as_int();
  if (value < min || value > max)
    node.fail("expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got " +
              node.as_string());
}

// The metric options whose values can be wrong are checked here, at load
// (exit 3, located), rather than failing every case.
void check_metric_options(const Node& node, const std::string& type) {
  if (type == "levenshtein") {
    if (const auto* p = node.find("processor")) {
      if (auto parsed = metrics::parse_edit_processor(p->as_string()); !parsed) p->fail(parsed.error());
    }
    if (const auto* u = node.find("unit")) {
      if (auto parsed = metrics::parse_edit_unit(u->as_string()); !parsed) u->fail(parsed.error());
    }
  }
  if (type == "chrf") {
    if (const auto* w = node.find("whitespace")) (void)w->as_bool();
    if (const auto* c = node.find("char_order")) check_whole(*c, 1, 100);
    if (const auto* b = node.find("beta")) check_whole(*b, 0, 1000);
  }
}

// A regex assertion's pattern compiles at load, so a typo is exit 3 before any
// case runs. A templated pattern ("{{...}}") is checked per case, once rendered.
void check_regex_value(const Node& value) {
  if (!value.is_scalar()) return;
  const std::string& pattern = value.as_string();
  if (pattern.find("{{") != std::string::npos) return;
  auto compiled = core::Regex::compile(pattern);
  if (!compiled) value.fail("invalid regular expression: " + compiled.error(), {core::k_regex_syntax_hint});
}

}  // namespace

assertions::AssertionSpec parse_assertion(const Node& node) {
  if (!node.is_map()) node.fail("expected an assertion like {type: contains, value: refund}, got " + node.describe());
  assertions::AssertionSpec spec;
  const Node& type_node = node.at("type");
  std::string written = type_node.as_string();
  spec.negate = written.rfind("not-", 0) == 0;
  spec.type = spec.negate ? written.substr(4) : written;
  const auto& types = assertions::assertion_types();
  if (std::find(types.begin(), types.end(), spec.type) == types.end())
    type_node.fail("unknown assertion type " + core::quote(written), {core::suggest(spec.type, types)});
  std::vector<std::string> allowed = k_common_keys;
  auto extra = assertions::assertion_option_keys(spec.type);
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  node.check_keys(allowed);
  if (const auto* value = node.find("value")) {
    spec.value = core::yaml::to_json(*value);
    if (spec.type == "regex") check_regex_value(*value);
  }
  else if (assertions::assertion_traits(spec.type).needs_value) node.fail("assertion " + core::quote(written) + " needs a `value:`");
  if (const auto* t = node.find("threshold")) spec.threshold = parse_threshold(*t, spec.type);
  if (const auto* w = node.find("weight")) {
    spec.weight = w->as_double();
    if (spec.weight < 0) w->fail("expected a weight of 0 or more, got " + w->as_string());
  }
  if (const auto* m = node.find("metric")) spec.metric = m->as_string();
  if (const auto* p = node.find("provider")) spec.provider = p->as_string();
  check_metric_options(node, spec.type);
  for (const auto& key : extra) {
    if (const auto* option = node.find(key)) spec.options[key] = core::yaml::to_json(*option);
  }
  const auto* doc = node.document();
  spec.where = (doc ? doc->name() + ":" + std::to_string(node.mark().line) + ":" + std::to_string(node.mark().column) + ": "
                    : std::string()) + node.path();
  return spec;
}

}  // namespace genops::eval
