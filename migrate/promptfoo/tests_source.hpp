#pragma once
// promptfoo `tests:` — inline, from file://tests.csv|.jsonl|.yaml|.yml|.json
// (globs allowed), or a list mixing both — and `defaultTest`, read into one
// neutral form with a location for every test and assertion.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/yaml/document.hpp"
#include "migrate/common/notes.hpp"

namespace genops::migrate::promptfoo {

struct SourceAssertion {
  nlohmann::json spec;  // promptfoo's {type, value, threshold, weight, metric, provider, ...}
  Location at;
};

struct SourceTest {
  Location at;
  std::string description;
  nlohmann::ordered_json vars = nlohmann::ordered_json::object();
  std::vector<SourceAssertion> asserts;
  std::optional<double> threshold;
  std::optional<nlohmann::json> judge;  // options.provider
};

// Reads `tests:` (a node of the config). Unreadable files throw a located
// Error(invalid_input); what genops lacks is added to `notes`.
std::vector<SourceTest> read_tests(const core::yaml::Node& tests, const std::filesystem::path& base_dir,
                                   Notes& notes);

// Reads one test map (also `defaultTest`).
SourceTest read_test(const core::yaml::Node& node, Notes& notes);

// One CSV file's rows as tests (`__expected*`, `__description`, `__metric`,
// `__threshold` columns as promptfoo reads them, src/csv.ts testCaseFromCsvRow).
std::vector<SourceTest> read_csv_tests(const std::string& text, const std::string& name, Notes& notes);

}  // namespace genops::migrate::promptfoo
