#include "migrate/promptfoo/tests_source.hpp"

#include <sstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/jsonl.hpp"
#include "core/strings.hpp"
#include "core/yaml/scalar.hpp"
#include "core/yaml/to_json.hpp"
#include "migrate/promptfoo/csv.hpp"
#include "migrate/promptfoo/file_ref.hpp"
#include "migrate/promptfoo/shorthand.hpp"

namespace genops::migrate::promptfoo {

namespace fs = std::filesystem;
using core::yaml::Document;
using core::yaml::Node;

namespace {

// JSON is YAML, so located reading works for .json too; a JSON file that
// YAML refuses (tabs in indentation) is re-indented first.
std::unique_ptr<Document> load_structured(const fs::path& file) {
  try {
    return Document::load_file(file.string());
  } catch (const core::Error&) {
    if (extension_of(file) != "json") throw;
    auto json = nlohmann::json::parse(core::read_file(file), nullptr, false);
    if (json.is_discarded()) throw;
    return Document::load_string(json.dump(2), core::display_path(file));
  }
}

void check_vars(const SourceTest& test, Notes& notes) {
  for (const auto& [key, value] : test.vars.items()) {
    if (value.is_string() && file_ref_path(value.get<std::string>()))
      notes.unsupported_item({test.at.where, test.at.field + (test.at.field.empty() ? "" : ".") + "vars." + key},
                             "a var loaded from a file (" + value.get<std::string>() + ")",
                             "the value written inline, or a dataset column");
  }
}

void read_file_tests(const fs::path& file, std::vector<SourceTest>& out, Notes& notes) {
  std::string ext = extension_of(file);
  std::string name = core::display_path(file);
  if (ext == "csv") {
    auto tests = read_csv_tests(core::read_file(file), name, notes);
    out.insert(out.end(), tests.begin(), tests.end());
  } else if (ext == "jsonl") {
    std::istringstream in(core::read_file(file));
    core::JsonlReader rows(in);
    // Each row is parsed as YAML (JSON's superset) for located errors.
    while (auto row = rows.next_line()) {
      if (row->status == core::JsonlRecord::Status::too_long)
        core::fail_input(name + ":" + std::to_string(row->line) + ": " + row->problem);
      // Leading newlines keep the row's line number in messages.
      auto doc = Document::load_string(std::string(static_cast<std::size_t>(row->line - 1), '\n') + row->text, name);
      out.push_back(read_test(doc->root(), notes));
    }
  } else if (ext == "yaml" || ext == "yml" || ext == "json") {
    auto doc = load_structured(file);
    const Node& root = doc->root();
    if (root.is_map()) out.push_back(read_test(root, notes));
    else if (root.is_sequence())
      for (const auto& item : root.items()) out.push_back(read_test(item, notes));
    else root.fail("expected a list of tests, got " + root.describe());
  } else {
    notes.unsupported_item({name, ""}, "tests from a ." + ext + " file (a script or sheet)",
                           "a CSV, JSONL, YAML or JSON test file");
  }
}

void read_ref(const Node& at, const std::string& text, const fs::path& base, std::vector<SourceTest>& out,
              Notes& notes) {
  auto ref = file_ref_path(text);
  if (!ref) at.fail("expected a test map or file://PATH, got " + core::quote(text));
  auto resolved = resolve_file_ref(base, *ref);
  if (resolved.files.empty()) at.fail("no file matches " + core::quote(text));
  for (const auto& file : resolved.files) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) at.fail("test file " + core::display_path(file) + " does not exist");
    read_file_tests(file, out, notes);
  }
}

}  // namespace

SourceTest read_test(const Node& node, Notes& notes) {
  if (!node.is_map()) node.fail("expected a test {vars, assert, ...}, got " + node.describe());
  SourceTest test;
  test.at = locate(node);
  for (const auto& [key, value] : node.entries()) {
    if (key == "description") test.description = value.as_string();
    else if (key == "vars") {
      if (!value.is_map()) value.fail("expected a map of variables, got " + value.describe());
      for (const auto& [name, v] : value.entries()) test.vars[name] = core::yaml::to_json(v);
    } else if (key == "assert") {
      if (!value.is_sequence()) value.fail("expected a list of assertions, got " + value.describe());
      for (const auto& a : value.items()) test.asserts.push_back({core::yaml::to_json(a), locate(a)});
    } else if (key == "threshold") test.threshold = value.as_double();
    else if (key == "metadata") notes.translated("Test `metadata` is not carried over (genops cases have ids and descriptions).");
    else if (key == "options") {
      if (!value.is_map()) value.fail("expected a map of options, got " + value.describe());
      for (const auto& [opt, v] : value.entries()) {
        if (opt == "provider") test.judge = core::yaml::to_json(v);
        else notes.unsupported_item(locate(v), "test option `" + opt + "`", "options.provider (the judge) only");
      }
    } else notes.unsupported_item(locate(value), "test field `" + key + "`",
                                  "description, vars, assert, threshold and options.provider");
  }
  check_vars(test, notes);
  return test;
}

std::vector<SourceTest> read_csv_tests(const std::string& text, const std::string& name, Notes& notes) {
  auto rows = parse_csv(text, name);
  std::vector<SourceTest> out;
  if (rows.empty()) return out;
  const auto& header = rows.front().fields;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    SourceTest test;
    test.at = {name + ":" + std::to_string(row.line), ""};
    std::optional<std::string> metric;
    for (std::size_t c = 0; c < header.size(); ++c) {
      std::string value = c < row.fields.size() ? row.fields[c] : "";
      const std::string& key = header[c];
      Location at{name + ":" + std::to_string(row.line), key};
      if (key.rfind("__expected", 0) == 0) {
        if (!core::trim(value).empty()) test.asserts.push_back({assertion_from_shorthand(value), at});
      } else if (key == "__description") test.description = value;
      else if (key == "__metric") metric = value;
      else if (key == "__threshold") {
        if (!core::trim(value).empty()) {
          auto parsed = core::yaml::parse_double(core::trim(value));
          if (!parsed) core::fail_input(at.format() + ": expected a number, got " + core::quote(value));
          test.threshold = *parsed;
        }
      } else if (key == "__prefix" || key == "__suffix" || key == "__providerOutput") {
        if (!value.empty())
          notes.unsupported_item(at, "the CSV column `" + key + "`", "the text written into the prompt itself");
      } else test.vars[key] = value;
    }
    if (metric && !metric->empty())
      for (auto& a : test.asserts) a.spec["metric"] = *metric;
    check_vars(test, notes);
    out.push_back(std::move(test));
  }
  return out;
}

std::vector<SourceTest> read_tests(const Node& tests, const fs::path& base_dir, Notes& notes) {
  std::vector<SourceTest> out;
  if (tests.is_scalar()) {
    read_ref(tests, tests.as_string(), base_dir, out, notes);
    return out;
  }
  if (!tests.is_sequence()) tests.fail("expected a list of tests or file://PATH, got " + tests.describe());
  for (const auto& item : tests.items()) {
    if (item.is_scalar()) read_ref(item, item.as_string(), base_dir, out, notes);
    else out.push_back(read_test(item, notes));
  }
  return out;
}

}  // namespace genops::migrate::promptfoo
