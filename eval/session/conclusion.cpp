#include "eval/session/conclusion.hpp"

#include "core/error.hpp"

namespace genops::eval::session {

namespace {

// Failing results a comparison keeps with their texts (for its reasons); the
// others are kept without (100,000 results with their texts took ~180 MB).
constexpr std::size_t k_failures_with_text = 100;

void drop_texts(CaseResult& result) {
  result.vars = nlohmann::json::object();
  std::string().swap(result.output);
  std::string().swap(result.description);
  result.expected.reset();
  for (auto& a : result.assertions) std::string().swap(a.reason);
}

// Results without a matrix provider carry provider "" (their key in the
// store); reports name the provider the target used instead.
void name_provider(CaseResult& result, const std::string& provider_used) {
  if (result.provider.empty() && !provider_used.empty()) result.provider = provider_used;
}

// The baseline's results, without texts: the comparison joins on keys and scores.
std::vector<CaseResult> baseline_results(ResultStore& store, const std::string& run_id, const std::string& provider_used) {
  std::vector<CaseResult> results;
  store.for_each_result(run_id, [&](CaseResult r) {
    drop_texts(r);
    name_provider(r, provider_used);
    results.push_back(std::move(r));
  });
  results.shrink_to_fit();
  return results;
}

}  // namespace

Conclusion conclude(ResultStore& store, const std::string& run_id, const ConcludeOptions& options) {
  Conclusion out;
  const bool comparing = options.baseline_run.has_value();
  stats::SummaryBuilder builder(options.keep_results ? stats::CaseDetail::all : stats::CaseDetail::failing);
  std::int64_t count = 0, failed = 0;
  std::size_t failures_kept = 0;
  store.for_each_result(run_id, [&](CaseResult r) {
    name_provider(r, options.provider_used);
    if (count++ == 0) out.first_error = r.error;
    if (!r.error.empty()) ++failed;
    builder.add(r);
    if (options.keep_results) {
      out.results.push_back(std::move(r));
    } else if (comparing) {
      if (r.pass || failures_kept++ >= k_failures_with_text) drop_texts(r);
      out.results.push_back(std::move(r));
    }
  });
  out.results.shrink_to_fit();
  out.all_failed = count > 0 && failed == count;
  out.summary = builder.finish();
  if (comparing) {
    const auto baseline = baseline_results(store, *options.baseline_run, options.provider_used);
    out.comparison = gate::compare(out.results, baseline);
    if (!options.keep_results) std::vector<CaseResult>().swap(out.results);
  }
  return out;
}

void throw_if_all_failed(const Conclusion& conclusion) {
  if (conclusion.all_failed)
    throw core::Error(core::ErrorKind::provider, "every case failed on its target; first: " + conclusion.first_error,
                      {"check the provider with: genops providers check NAME"});
}

}  // namespace genops::eval::session
