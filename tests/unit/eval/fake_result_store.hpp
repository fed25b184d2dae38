#pragma once
// An in-memory ResultStore for the session tests: results kept per run in the
// order written, each key once, every commit counted.
#include <map>
#include <string>
#include <vector>

#include "eval/session/result_store.hpp"

namespace genops::eval::testing {

class FakeResultStore final : public session::ResultStore {
 public:
  void write_results(const std::string& run_id, std::span<const CaseResult> results) override {
    ++commits;
    auto& run = runs[run_id];
    for (const CaseResult& r : results) {
      bool seen = false;
      for (const CaseResult& kept : run) seen = seen || key_of(kept) == key_of(r);
      if (!seen) run.push_back(r);
    }
  }
  void for_each_result(const std::string& run_id, const std::function<void(CaseResult)>& visit) override {
    for (const CaseResult& r : runs[run_id]) visit(r);
  }
  std::map<std::string, std::vector<CaseResult>> runs;
  int commits = 0;
};

}  // namespace genops::eval::testing
