#pragma once
// The cases of an eval, in order: the dataset's rows (streamed), then the
// inline tests. Each gets a stable key so runs can be resumed and compared.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/suite/dataset.hpp"
#include "eval/suite/key_set.hpp"
#include "eval/suite/suite.hpp"

namespace genops::eval {

struct Case {
  std::string key;          // the inline test's id; else "h" + 16 hex digits of vars+expected (+ "~N" for repeats)
  std::int64_t index = 0;   // 0-based over dataset rows then inline tests
  std::string description;
  nlohmann::json vars = nlohmann::json::object();
  std::optional<std::string> expected;
  const std::vector<assertions::AssertionSpec>* asserts = nullptr;  // the test's own (null for dataset rows)
  std::string where;        // "data/cases.jsonl:12" or "evals/x.yaml:30:5: tests[2]"
};

class CaseSource {
 public:
  // `required` are the target's inputs without a default: a case missing one
  // is bad input. `suite` must outlive the source.
  CaseSource(const Suite& suite, std::vector<std::string> required);
  // The next case; nullopt at the end. Throws Error(invalid_input) naming the
  // file and line of a bad row or a missing column.
  std::optional<Case> next();

 private:
  Case from_row(DatasetRow row);
  void check_required(const Case& c) const;
  std::string unique_key(std::string key);
  const Suite& m_suite;
  std::vector<std::string> m_required;
  std::unique_ptr<DatasetReader> m_dataset;
  std::size_t m_next_test = 0;
  std::int64_t m_index = 0;
  KeySet m_seen;                                  // every key so far
  std::unordered_map<std::string, int> m_repeated;  // keys seen more than once: how many times
};

// Dataset columns with a meaning of their own (not passed as vars).
inline constexpr const char* k_expected_column = "expected";
inline constexpr const char* k_id_column = "__id";
inline constexpr const char* k_description_column = "__description";

}  // namespace genops::eval
