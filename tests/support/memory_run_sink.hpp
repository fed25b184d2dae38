#pragma once
// A RunSink for tests that keeps every record in memory.
#include <mutex>
#include <vector>

#include "chains/store/run_records.hpp"

namespace genops::test {

class MemoryRunSink final : public chains::RunSink {
 public:
  void record_chain_version(chains::ChainVersionRecord v) override {
    std::lock_guard lock(m_mutex);
    versions.push_back(std::move(v));
  }
  void begin_run(chains::RunRecord run) override {
    std::lock_guard lock(m_mutex);
    runs.push_back(std::move(run));
  }
  void record_step(chains::StepRecord step) override {
    std::lock_guard lock(m_mutex);
    steps.push_back(std::move(step));
  }
  std::uint64_t end_run(chains::RunEnd end) override {
    std::lock_guard lock(m_mutex);
    ends.push_back(std::move(end));
    return ends.size();
  }
  void wait_durable(std::uint64_t) override {}

  // Records of `step_id`, in arrival order. Call after the run finished.
  std::vector<chains::StepRecord> steps_of(const std::string& step_id) const {
    std::lock_guard lock(m_mutex);
    std::vector<chains::StepRecord> out;
    for (const auto& s : steps) {
      if (s.step_id == step_id) out.push_back(s);
    }
    return out;
  }

  std::vector<chains::ChainVersionRecord> versions;
  std::vector<chains::RunRecord> runs;
  std::vector<chains::StepRecord> steps;
  std::vector<chains::RunEnd> ends;

 private:
  mutable std::mutex m_mutex;
};

}  // namespace genops::test
