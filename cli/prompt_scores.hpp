#pragma once
// `genops prompt diff A B --scores`: eval runs joined by prompt version. For
// each eval that ran with either version, its latest finished run per side
// and the change in pass rate, metric means, cost and latency.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "eval/store/eval_store.hpp"

namespace genops::cli {

struct VersionRef {
  std::string name;
  std::int64_t number = 0;
  std::string text() const { return name + "@" + std::to_string(number); }
};

// [{eval, a: {run, started_at, summary} | null, b: ..., deltas: {...} | null}], by eval name.
nlohmann::json score_deltas(eval::EvalStore& store, const VersionRef& a, const VersionRef& b);

// The table form of score_deltas() on stdout; a note when no eval used either version.
void print_score_deltas(const nlohmann::json& deltas, const VersionRef& a, const VersionRef& b);

}  // namespace genops::cli
