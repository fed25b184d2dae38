#include "migrate/promptfoo/import.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/strings.hpp"
#include "core/yaml/document.hpp"
#include "migrate/promptfoo/assertions.hpp"
#include "migrate/promptfoo/nunjucks.hpp"
#include "migrate/promptfoo/project_writer.hpp"
#include "migrate/promptfoo/readme.hpp"
#include "migrate/promptfoo/tests_source.hpp"
#include "migrate/promptfoo/var_expansion.hpp"

namespace genops::migrate::promptfoo {

namespace fs = std::filesystem;
using core::yaml::Node;
using ojson = nlohmann::ordered_json;

namespace {

const std::vector<std::string> k_judged = {"llm-rubric", "factuality", "answer-relevance", "context-faithfulness"};

// What to use instead of a top-level promptfoo key genops has no place for.
std::string instead_of_key(const std::string& key) {
  static const std::map<std::string, std::string> k = {
      {"outputPath", "genops eval -o FILE (.json, .html, .md, .csv, .xml)"},
      {"evaluateOptions", "genops eval flags (-j N, --repeat K)"},
      {"env", "environment variables set in the shell or CI job"},
      {"scenarios", "one eval per scenario"},
      {"derivedMetrics", "gate.metrics bounds in the eval"},
      {"sharing", "the reports of genops eval -o"},
      {"nunjucksFilters", "values computed into test vars"},
      {"extensions", "an exec assertion for the check the hook made"},
  };
  auto it = k.find(key);
  return it == k.end() ? "a genops eval key (docs/eval.md), or leave it out" : it->second;
}

// Nunjucks renders any var as text; genops inputs are typed, so scalars become strings.
ojson as_text_vars(const ojson& vars) {
  ojson out = ojson::object();
  for (const auto& [key, value] : vars.items()) {
    if (value.is_string() || value.is_object() || value.is_array()) out[key] = value;
    else if (value.is_null()) out[key] = "";
    else out[key] = value.dump();
  }
  return out;
}

class Builder {
 public:
  Builder(fs::path base, Notes& notes) : m_base(std::move(base)), m_notes(notes) {}

  void providers(const Node& node) {
    auto add = [&](const Node& item) {
      if (auto p = map_provider_node(item, m_notes)) add_provider(std::move(*p));
    };
    if (node.is_sequence()) for (const auto& item : node.items()) add(item);
    else add(node);
    m_project.target_providers = m_project.providers.size();
    for (std::size_t i = 1; i < m_project.providers.size(); ++i) {
      const auto& p = m_project.providers[i];
      if (p.settings != m_project.providers.front().settings)
        m_notes.translated("Provider `" + p.name + "`: its settings " + p.settings.dump() +
                           " differ from the first provider's; the prompts carry the first provider's settings.");
    }
  }

  void default_test(const Node& node) {
    SourceTest t = read_test(node, m_notes);
    m_default_vars = t.vars;
    m_project.defaults.threshold = t.threshold;
    if (t.judge) {
      if (auto name = resolve(*t.judge, t.at)) m_project.defaults.judge = *name;
    }
    for (auto& a : t.asserts)
      if (auto m = map(a, "")) m_project.defaults.asserts.push_back(std::move(*m));
  }

  void tests(const std::vector<SourceTest>& tests) {
    for (const auto& t : tests) {
      if (t.threshold && t.threshold != m_project.defaults.threshold)
        m_notes.unsupported_item(t.at, "a per-test threshold",
                                 "one `defaults.threshold` for the eval (genops thresholds are per eval)");
      std::string judge;
      if (t.judge) judge = resolve(*t.judge, t.at).value_or("");
      std::vector<MappedAssertion> asserts;
      for (const auto& a : t.asserts)
        if (auto m = map(a, judge)) asserts.push_back(std::move(*m));
      ojson vars = m_default_vars;
      for (const auto& [k, v] : t.vars.items()) vars[k] = v;
      for (const auto& combo : expand_vars(vars))
        m_project.cases.push_back({t.description, as_text_vars(combo), asserts});
    }
    // promptfoo runs a config without tests once per prompt, with no vars.
    if (m_project.cases.empty()) m_project.cases.push_back({"", as_text_vars(m_default_vars), {}});
  }

  Project& project() { return m_project; }

 private:
  void add_provider(ImportedProvider p) {
    std::string name = p.name;
    for (int n = 2; std::any_of(m_project.providers.begin(), m_project.providers.end(),
                                [&](const auto& o) { return o.name == p.name; });
         ++n)
      p.name = name + "-" + std::to_string(n);
    m_project.providers.push_back(std::move(p));
  }

  // A judge or embedding provider: reuses an equal provider, else adds one.
  std::optional<std::string> resolve(const nlohmann::json& value, const Location& at) {
    std::optional<ImportedProvider> p;
    if (value.is_string()) p = map_provider(value.get<std::string>(), nlohmann::json::object(), "", at, m_notes);
    else if (value.is_object() && value.contains("id") && value["id"].is_string())
      p = map_provider(value["id"].get<std::string>(), value.value("config", nlohmann::json::object()),
                       value.value("label", ""), at, m_notes);
    else m_notes.unsupported_item(at, "a provider given as " + value.dump(), "a provider id or {id, config}");
    if (!p) return std::nullopt;
    if (!p->settings.empty())
      m_notes.translated("Judge/embedding provider " + p->id + ": its settings " + p->settings.dump() +
                         " are not applied (genops judges run at temperature 0).");
    for (const auto& o : m_project.providers)
      if (o.entry == p->entry) return o.name;
    add_provider(std::move(*p));
    return m_project.providers.back().name;
  }

  std::optional<MappedAssertion> map(const SourceAssertion& a, const std::string& judge) {
    nlohmann::json spec = a.spec;
    if (!judge.empty() && spec.is_object() && spec.contains("type") && spec["type"].is_string()) {
      std::string type = spec["type"].get<std::string>();
      if (type.rfind("not-", 0) == 0) type.erase(0, 4);
      if (std::find(k_judged.begin(), k_judged.end(), type) != k_judged.end() && !spec.contains("provider"))
        spec["provider"] = nlohmann::json{{"id", "__resolved__"}, {"name", judge}};
    }
    ProviderResolver resolver = [this](const nlohmann::json& v, const Location& at) -> std::optional<std::string> {
      if (v.is_object() && v.value("id", "") == "__resolved__") return v["name"].get<std::string>();
      return resolve(v, at);
    };
    auto mapped = map_assertion(spec, a.at, resolver, m_notes);
    if (mapped && mapped->spec.contains("value")) translate_value(mapped->spec["value"], a.at);
    return mapped;
  }

  // Assertion values are templates in both tools: Nunjucks -> Mustache.
  void translate_value(ojson& value, const Location& at) {
    if (value.is_array()) {
      for (auto& item : value) translate_value(item, at);
      return;
    }
    if (!value.is_string()) return;
    auto t = translate_nunjucks(value.get<std::string>());
    for (const auto& p : t.problems)
      m_notes.unsupported_item(at, p.what + " in an assertion value", "plain {{variable}} substitution");
    value = t.text;
  }

  fs::path m_base;
  Notes& m_notes;
  Project m_project;
  ojson m_default_vars = ojson::object();
};

[[noreturn]] void fail_unsupported(const Notes& notes, const std::string& config) {
  std::vector<std::string> lines;
  for (const auto& u : notes.unsupported) lines.push_back("  " + u.format());
  throw core::Error(core::ErrorKind::invalid_input,
                    config + ": " + std::to_string(notes.unsupported.size()) + " item(s) have no genops counterpart",
                    {"rerun with --skip-unsupported to import the rest; the generated README.md lists what was left out"},
                    std::move(lines));
}

}  // namespace

ImportPlan plan_import(const ImportOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(options.config, ec))
    core::fail_input(core::display_path(options.config) + ": no such file",
                     {"run in the folder holding promptfooconfig.yaml, or name the config: genops import promptfoo path/to/promptfooconfig.yaml"});
  auto doc = core::yaml::Document::load_file(options.config.string());
  const Node& root = doc->root();
  if (!root.is_map()) root.fail("expected a promptfoo config (a map with prompts, providers, tests), got " + root.describe());
  fs::path base = options.config.parent_path();
  ImportPlan plan;
  Builder builder(base, plan.notes);
  std::vector<ImportedPrompt> prompts;
  std::vector<SourceTest> tests;
  for (const auto& [key, value] : root.entries()) {
    if (key == "description") builder.project().description = value.as_string();
    else if (key == "prompts") prompts = read_prompts(value, base, plan.notes);
    else if (key == "providers" || key == "targets") builder.providers(value);
    else if (key == "tests") tests = read_tests(value, base, plan.notes);
    else if (key == "defaultTest") builder.default_test(value);
    else plan.notes.unsupported_item(locate(value), "the config key `" + key + "`", instead_of_key(key));
  }
  if (!root.find("prompts")) root.fail("missing required field `prompts`");
  if (!root.find("providers") && !root.find("targets")) root.fail("missing required field `providers`");
  builder.tests(tests);
  if (!plan.notes.unsupported.empty() && options.skip == SkipUnsupported::no)
    fail_unsupported(plan.notes, core::display_path(options.config));
  Project& project = builder.project();
  project.prompts = std::move(prompts);
  if (project.prompts.empty()) root.at("prompts").fail("no prompt could be imported");
  if (project.target_providers == 0) root.fail("no provider could be imported");
  plan.providers = project.providers.size();
  plan.tests = tests.size();
  plan.cases = project.cases.size();
  plan.files.push_back({"genops.yaml", genops_yaml(project)});
  for (const auto& p : project.prompts) {
    plan.prompt_files.push_back("prompts/" + p.name + ".yaml");
    plan.eval_files.push_back("evals/" + p.name + ".yaml");
    plan.files.push_back({plan.prompt_files.back(), prompt_yaml(project, p)});
    plan.files.push_back({plan.eval_files.back(), eval_yaml(project, p)});
  }
  plan.files.push_back({"README.md", readme_text(plan, core::display_path(options.config))});
  return plan;
}

void write_plan(const ImportPlan& plan, const fs::path& dir) { write_files(plan.files, dir); }

}  // namespace genops::migrate::promptfoo
