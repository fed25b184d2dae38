#include "eval/skew/ingest.hpp"

#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "eval/skew/store/input_log.hpp"
#include "core/strings.hpp"
#include "core/time.hpp"
#include "eval/skew/sources.hpp"
#include "eval/skew/timestamps.hpp"
#include "eval/suite/dataset.hpp"

namespace genops::eval::skew {

namespace {

constexpr std::size_t k_batch_rows = 10000;

}  // namespace

IngestSummary ingest_file(core::lineage::Store& store, const std::filesystem::path& path, const std::string& chain) {
  if (chain.empty()) core::fail_usage("--chain must name the chain the inputs belong to");
  if (!std::filesystem::is_regular_file(path))
    core::fail_input(path.string() + ": file not found", {"ingest reads JSONL (one object per line) or CSV with a header"});
  DatasetReader reader(path);
  IngestSummary summary;
  std::vector<eval::skew::IngestRow> batch;
  const std::string now = core::now_timestamp();
  const auto flush = [&] {
    const auto outcome = eval::skew::ingest_rows(store, chain, path.generic_string(), batch);
    summary.added += outcome.added;
    summary.present += outcome.present;
    batch.clear();
  };
  while (auto row = reader.next()) {
    const std::string where = path.string() + ":" + std::to_string(row->line);
    std::string ts = now;
    for (const char* key : {"timestamp", "ts"}) {
      auto it = row->values.find(key);
      if (it == row->values.end() || it->is_null()) continue;
      auto tp = parse_timestamp(*it);
      if (!tp)
        core::fail_input(where + ": " + key + " " + core::quote(core::dump_json(*it)) + " is not a time",
                         {"write ISO 8601 (2026-11-20T10:00:00Z) or Unix seconds"});
      ts = core::format_timestamp(*tp);
      break;
    }
    auto inputs = inputs_of_logged_row(std::move(row->values));
    if (!inputs.is_object() || inputs.empty())
      core::fail_input(where + ": the row has no input fields", {"a row is {\"question\": \"...\"} or {\"inputs\": {...}, \"timestamp\": ...}"});
    if (summary.first.empty() || ts < summary.first) summary.first = ts;
    if (ts > summary.last) summary.last = ts;
    batch.push_back({core::dump_json(inputs), ts});
    ++summary.rows;
    if (batch.size() >= k_batch_rows) flush();
  }
  if (!batch.empty()) flush();
  return summary;
}

}  // namespace genops::eval::skew
