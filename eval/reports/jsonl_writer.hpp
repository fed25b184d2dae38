#pragma once
// The streamed .jsonl report: one CaseResult per line, appended as each case
// finishes and flushed at once, so a killed run still leaves every finished line.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "eval/result.hpp"

namespace genops::eval::reports {

// A CaseResult as one JSON object, the same in .json "results" and .jsonl lines
// (texts redacted; numbers in their units: latency_ms, cost_usd).
nlohmann::json result_to_json(const CaseResult& result);

class JsonlWriter {
 public:
  // Creates or truncates `path`. Results without a provider (no matrix) are
  // written with `default_provider` ("" = as they are). Throws
  // Error(invalid_input) naming the path when it cannot.
  explicit JsonlWriter(const std::filesystem::path& path, std::string default_provider = "");

  // Appends one line and flushes it. Thread-safe. Throws Error(invalid_input) on a write error.
  void append(const CaseResult& result);

  // Flushes and closes; later appends throw. Throws Error(invalid_input) on a close error.
  void close();

  const std::filesystem::path& path() const { return m_path; }

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::filesystem::path m_path;
  std::string m_default_provider;
  std::mutex m_mutex;
  std::unique_ptr<std::FILE, FileCloser> m_file;
};

}  // namespace genops::eval::reports
