#include "eval/suite/loader.hpp"

#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/json.hpp"
#include "core/spool.hpp"
#include "core/strings.hpp"
#include "core/yaml/to_json.hpp"
#include "eval/suite/assertion_parser.hpp"

namespace genops::eval {

namespace {

namespace fs = std::filesystem;
using core::yaml::Node;

std::string located(const Node& node) {
  const auto* doc = node.document();
  std::string where = doc ? doc->name() + ":" + std::to_string(node.mark().line) + ":" +
                                std::to_string(node.mark().column) + ": "
                          : std::string();
  return where + node.path();
}

enum class Pipes { no, yes };

fs::path existing_file(const Node& node, const fs::path& dir, std::string_view what, Pipes pipes = Pipes::no) {
  fs::path written = node.as_string();
  fs::path file = written.is_absolute() ? written : dir / written;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) && !(pipes == Pipes::yes && core::is_stream_file(file)))
    node.fail(std::string(what) + " file " + core::quote(node.as_string()) + " not found",
              {"paths are relative to the eval file's folder; looked for " + core::display_path(file)});
  return file;
}

// As in a chain step's `prompt:`: a path, not a NAME@LABEL reference.
bool looks_like_file(const std::string& text) {
  auto ends_with = [&](std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return text.find('/') != std::string::npos || ends_with(".yaml") || ends_with(".yml");
}

Target parse_target(const Node& node, const fs::path& dir) {
  if (!node.is_map()) node.fail("expected {chain: FILE} or {prompt: NAME@LABEL}, got " + node.describe());
  node.check_keys({"chain", "prompt", "output"});
  Target target;
  const Node* chain = node.find("chain");
  const Node* prompt = node.find("prompt");
  if ((chain != nullptr) == (prompt != nullptr))
    node.fail(chain ? "give either `chain:` or `prompt:`, not both" : "expected `chain:` or `prompt:`",
              {"target: {chain: chains/support.yaml} or target: {prompt: support-answer@candidate}"});
  if (chain) target.chain = existing_file(*chain, dir, "chain");
  if (prompt) {
    target.prompt = prompt->as_string();
    if (target.prompt.empty()) prompt->fail("expected a prompt reference like support-answer@production");
    if (looks_like_file(target.prompt)) target.prompt_file = existing_file(*prompt, dir, "prompt");
  }
  if (const auto* output = node.find("output")) {
    if (prompt) output->fail("`output:` picks a chain output; a prompt target has only one");
    target.output = output->as_string();
  }
  return target;
}

std::vector<std::string> parse_names(const Node& node, std::string_view what) {
  if (!node.is_sequence()) node.fail("expected a list of " + std::string(what) + " names, got " + node.describe());
  std::vector<std::string> names;
  for (const auto& item : node.items()) {
    const std::string& name = item.as_string();
    if (name.empty()) item.fail("expected a " + std::string(what) + " name");
    if (std::find(names.begin(), names.end(), name) != names.end()) item.fail(core::quote(name) + " is listed twice");
    names.push_back(name);
  }
  if (names.empty()) node.fail("expected at least one " + std::string(what) + " name");
  return names;
}

std::vector<assertions::AssertionSpec> parse_asserts(const Node& node) {
  if (!node.is_sequence()) node.fail("expected a list of assertions, got " + node.describe());
  std::vector<assertions::AssertionSpec> specs;
  for (const auto& item : node.items()) specs.push_back(parse_assertion(item));
  return specs;
}

double unit_interval(const Node& node) {
  double value = node.as_double();
  if (value < 0 || value > 1) node.fail("expected a share between 0 and 1, got " + node.as_string());
  return value;
}

std::string expected_text(const Node& node) {
  if (node.is_scalar()) return node.as_string();
  return core::dump_json(core::yaml::to_json(node));
}

InlineTest parse_test(const Node& node) {
  if (!node.is_map()) node.fail("expected a test like {vars: {...}, assert: [...]}, got " + node.describe());
  node.check_keys({"id", "description", "vars", "expected", "assert"});
  InlineTest test;
  test.where = located(node);
  if (const auto* id = node.find("id")) {
    test.id = id->as_string();
    if (test.id.empty()) id->fail("expected a non-empty id");
  }
  if (const auto* d = node.find("description")) test.description = d->as_string();
  if (const auto* vars = node.find("vars")) {
    if (!vars->is_map()) vars->fail("expected a map of variables, got " + vars->describe());
    test.vars = core::yaml::to_json(*vars);
  }
  if (const auto* e = node.find("expected")) test.expected = expected_text(*e);
  if (const auto* a = node.find("assert")) test.asserts = parse_asserts(*a);
  return test;
}

MetricGate parse_metric_gate(const Node& node) {
  if (!node.is_map()) node.fail("expected {mean_min: N} and/or {mean_max: N}, got " + node.describe());
  node.check_keys({"mean_min", "mean_max"});
  MetricGate gate;
  if (const auto* n = node.find("mean_min")) gate.mean_min = n->as_double();
  if (const auto* n = node.find("mean_max")) gate.mean_max = n->as_double();
  if (!gate.mean_min && !gate.mean_max) node.fail("expected mean_min or mean_max");
  if (gate.mean_min && gate.mean_max && *gate.mean_min > *gate.mean_max)
    node.fail("mean_min is above mean_max: no mean can pass");
  return gate;
}

BaselineGate parse_baseline(const Node& node) {
  if (!node.is_map()) node.fail("expected {label: main, max_drop: 0.02}, got " + node.describe());
  node.check_keys({"label", "run", "max_drop", "alpha"});
  BaselineGate gate;
  const auto* label = node.find("label");
  const auto* run = node.find("run");
  if ((label != nullptr) == (run != nullptr))
    node.fail(label ? "give either `label:` or `run:`, not both" : "expected `label:` (the last run labelled so) or `run:` (a run id)");
  if (label) gate.label = label->as_string();
  if (run) gate.run = run->as_string();
  if (const auto* n = node.find("max_drop")) gate.max_drop = unit_interval(*n);
  if (const auto* n = node.find("alpha")) {
    gate.alpha = n->as_double();
    if (gate.alpha <= 0 || gate.alpha >= 1) n->fail("expected a significance level between 0 and 1, like 0.05");
  }
  return gate;
}

Gate parse_gate(const Node& node) {
  if (!node.is_map()) node.fail("expected a map with pass_rate, metrics, baseline or skew, got " + node.describe());
  node.check_keys({"pass_rate", "metrics", "baseline", "skew"});
  Gate gate;
  if (const auto* n = node.find("pass_rate")) gate.pass_rate = unit_interval(*n);
  if (const auto* metrics = node.find("metrics")) {
    if (!metrics->is_map()) metrics->fail("expected a map of metric names, like {rougeL: {mean_min: 0.45}}");
    for (const auto& [name, value] : metrics->entries()) gate.metrics[name] = parse_metric_gate(value);
  }
  if (const auto* n = node.find("baseline")) gate.baseline = parse_baseline(*n);
  if (const auto* n = node.find("skew")) {
    if (!n->is_map()) n->fail("expected {current: \"runs:CHAIN\", since: 7d}, got " + n->describe());
    n->check_keys({"current", "since", "binning"});
    SkewGate skew;
    skew.current = n->at("current").as_string();
    if (const auto* since = n->find("since")) skew.since = since->as_string();
    if (const auto* binning = n->find("binning")) {
      skew.binning = binning->as_string();
      if (skew.binning != "genops" && skew.binning != "evidently" && skew.binning != "tfdv")
        binning->fail("expected genops, evidently or tfdv, got \"" + skew.binning + "\"");
    }
    gate.skew = skew;
  }
  return gate;
}

void parse_defaults(const Node& node, Suite& suite) {
  if (!node.is_map()) node.fail("expected a map with assert and judge, got " + node.describe());
  node.check_keys({"assert", "judge", "threshold"});
  if (const auto* a = node.find("assert")) suite.default_asserts = parse_asserts(*a);
  if (const auto* j = node.find("judge")) suite.judge = j->as_string();
  if (const auto* t = node.find("threshold")) suite.case_threshold = unit_interval(*t);
}

void check_unique_ids(const Node& tests, const std::vector<InlineTest>& parsed) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (parsed[i].id.empty()) continue;
    if (!seen.insert(parsed[i].id).second)
      tests.items()[i].at("id").fail("test id " + core::quote(parsed[i].id) + " is used twice",
                                     {"ids name cases across runs; give each test its own"});
  }
}

}  // namespace

Suite load_suite(const fs::path& path) {
  auto doc = core::yaml::Document::load_file(path.string());
  const Node& root = doc->root();
  core::yaml::require_version(root);
  root.check_keys({"version", "name", "description", "target", "providers", "dataset", "vars", "repeat", "defaults",
                   "tests", "gate", "batch", "judge_batch"});
  Suite suite;
  suite.path = path;
  // Paths are relative to the eval file's folder; an eval read from a pipe
  // (genops eval <(...)) has none, so they are relative to the current one.
  const fs::path dir = core::is_stream_file(path) ? fs::path() : path.parent_path();
  suite.name = root.at("name").as_string();
  if (suite.name.empty()) root.at("name").fail("expected a non-empty name");
  if (const auto* d = root.find("description")) suite.description = d->as_string();
  suite.target = parse_target(root.at("target"), dir);
  if (const auto* p = root.find("providers")) suite.providers = parse_names(*p, "provider");
  if (const auto* b = root.find("batch")) {
    if (b->is_sequence()) {
      suite.batch_providers = parse_names(*b, "provider");
    } else {
      suite.batch_all = b->as_bool();
    }
  }
  if (const auto* j = root.find("judge_batch")) suite.judge_batch = j->as_bool();
  if (const auto* d = root.find("dataset")) {
    suite.dataset_origin = existing_file(*d, dir, "dataset", Pipes::yes);
    suite.dataset_copy = std::make_shared<const core::RereadableFile>(suite.dataset_origin);  // read twice
    suite.dataset = suite.dataset_copy->path();
  }
  if (const auto* vars = root.find("vars")) {
    if (!vars->is_map()) vars->fail("expected a map of chain input -> dataset column, got " + vars->describe());
    for (const auto& [input, column] : vars->entries()) suite.var_map[input] = column.as_string();
  }
  if (const auto* r = root.find("repeat")) {
    auto n = r->as_int();
    if (n < 1 || n > 1000) r->fail("expected a repeat count from 1 to 1000, got " + r->as_string());
    suite.repeat = static_cast<int>(n);
  }
  if (const auto* d = root.find("defaults")) parse_defaults(*d, suite);
  if (const auto* tests = root.find("tests")) {
    if (!tests->is_sequence()) tests->fail("expected a list of tests, got " + tests->describe());
    for (const auto& item : tests->items()) suite.tests.push_back(parse_test(item));
    check_unique_ids(*tests, suite.tests);
  }
  if (suite.dataset.empty() && suite.tests.empty())
    root.fail("the eval has no cases", {"add `dataset: data/cases.jsonl` or a `tests:` list"});
  if (const auto* g = root.find("gate")) suite.gate = parse_gate(*g);
  suite.content_hash = core::sha256_hex(core::dump_json(core::yaml::to_json(root)));
  return suite;
}

}  // namespace genops::eval
