#include "eval/session/shards.hpp"

#include <algorithm>
#include <set>

namespace genops::eval::session {

using eval::EvalRunRecord;

std::string ShardCensus::describe() const {
  std::string out;
  for (const auto& [status, list] : not_in) {
    if (!out.empty()) out += "; ";
    out += status + ": ";
    for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + list[i];
  }
  return out;
}

ShardCensus census(const std::vector<EvalRunRecord>& shards) {
  ShardCensus out;
  out.count = shards.empty() ? 0 : shards.front().shard_count;
  for (std::int64_t i = 1; i <= out.count; ++i) {
    auto it = std::find_if(shards.begin(), shards.end(), [i](const EvalRunRecord& s) { return s.shard_index == i; });
    const std::string text = std::to_string(i) + "/" + std::to_string(out.count);
    if (it == shards.end()) out.not_in["missing"].push_back(text);
    else if (it->status == "finished") ++out.in;
    else
      out.not_in[it->status == "running" ? "still running" : it->status].push_back(
          text + (it->host.empty() ? "" : " on " + it->host));
  }
  return out;
}

EvalRunRecord whole_run(const std::vector<EvalRunRecord>& shards, const std::string& id, const std::string& host) {
  EvalRunRecord run = shards.front();
  run.id = id;
  run.shard_index = 0;
  run.status = "running";
  run.host = host;
  run.ended_at.clear();
  run.summary_json.clear();
  run.gate_passed.reset();
  run.planned = 0;
  std::set<std::pair<std::string, std::int64_t>> versions;
  for (const auto& s : shards) {
    run.started_at = std::min(run.started_at, s.started_at);
    run.planned += s.planned;
    versions.insert(s.prompt_versions.begin(), s.prompt_versions.end());
  }
  run.prompt_versions.assign(versions.begin(), versions.end());
  return run;
}

}  // namespace genops::eval::session
