#pragma once
// The streaming core of compute_skew (internal to eval/skew): the reference
// is read first and kept as a bounded sample; the current side is then
// streamed through fixed-size state (bin counts on the reference's deciles,
// running moments, reservoir samples, category counts).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/skew/identifiers.hpp"
#include "eval/skew/sketch.hpp"
#include "eval/skew/skew.hpp"
#include "eval/skew/sources.hpp"

namespace genops::eval::skew {

// One numeric measurement (a number variable or a text variable's length,
// words, non-letter share or OOV share) on both sides.
struct NumericFeature {
  std::string name, variable, measure;
  FeatureKind kind = FeatureKind::number;
  Reservoir<double> ref_sample;  // every reference value up to SkewOptions::ks_sample, a uniform sample beyond
  RunningStats ref_stats;        // over every reference value
  std::uint64_t ref_invalid = 0;
  std::vector<double> edges;  // the reference's deciles, deduplicated: bins (-inf, e0], (e0, e1], …, (ek, inf)
  std::vector<double> ref_bins, cur_bins;
  RunningStats cur_stats;
  Reservoir<double> cur_sample;  // every current value up to SkewOptions::ks_sample, a uniform sample beyond
  std::uint64_t cur_invalid = 0;

  explicit NumericFeature(std::size_t sample_size) : ref_sample(sample_size, 0x7266), cur_sample(sample_size, 0x6b73) {}
  void add_reference(double v) {
    ref_stats.add(v);
    ref_sample.offer(v);
  }
  // Fixes the bin edges from the reference's values and counts them.
  void finish_reference();
  std::size_t bin_of(double v) const;
  void add_current(double v) {
    cur_stats.add(v);
    cur_bins[bin_of(v)] += 1;
    cur_sample.offer(v);
  }
};

// One categorical measurement (a category variable or a text's script).
struct CategoryFeature {
  std::string name, variable, measure;
  FeatureKind kind = FeatureKind::category;
  std::map<std::string, double> ref, cur;
  double ref_n = 0, cur_n = 0;
  void add(std::map<std::string, double>& side, double& n, const std::string& value);
};

// What skew does with one input variable.
struct VariablePlan {
  std::string name;
  FeatureKind kind = FeatureKind::text;
  std::uint64_t ref_present = 0, cur_present = 0;
  bool identifier = false;                // unique per row: reported, not compared
  std::unordered_map<std::uint64_t, std::uint32_t>* vocabulary = nullptr;  // text: rows per word in the reference
  std::unordered_set<std::uint64_t>* reference_texts = nullptr;  // text: hashes of the reference's whole texts
  std::vector<NumericFeature*> numeric;   // text: length, words, non_letter, oov; number: value
  CategoryFeature* category = nullptr;    // text: script; category: value
};

// One variable's measurement in one current row: computed on a worker thread
// (measure_batch), applied to the features in row order on the caller's
// thread (merge_batch), so that the result does not depend on the threads.
struct CurrentValue {
  enum class What : std::uint8_t { present, number, invalid, category, text };
  VariablePlan* plan = nullptr;
  What what = What::present;
  double v[4] = {0, 0, 0, 0};  // number: v[0]; text: length, words, non_letter, oov
  const char* script = "";     // text
  std::string category;        // category
};

// A value of a variable the reference does not have.
struct CurrentOnly {
  std::size_t row = 0;  // in its batch
  std::string key;
  nlohmann::json value;
};

// A batch of current rows with their measurements.
struct MeasuredBatch {
  std::vector<RawRow> rows;
  std::vector<CurrentValue> values;   // row i's are [row_end[i-1], row_end[i])
  std::vector<std::size_t> row_end;
  std::vector<CurrentOnly> only;      // in row order
};

// Worker threads for `asked` (SkewOptions::threads): itself, or one per core (at most 8) for 0.
std::size_t worker_threads(std::size_t asked);

// The hash of a whole text (copies of reference inputs).
inline std::uint64_t text_hash(std::string_view text) { return std::hash<std::string_view>{}(text); }

struct SampledInput {
  nlohmann::json values;   // embedded without identifiers (input_text), shown in the report as they are
};

class Engine {
 public:
  Engine(const SkewOptions& options, const SkewContext& context);
  // Reads the reference; `reopen` opens it again for a second pass when it
  // has more rows than the kept row sample (so that every value, up to
  // ks_sample per feature, is measured).
  void read_reference(RowSource& source, const std::string& label, const std::function<std::unique_ptr<RowSource>()>& reopen);
  void read_current(RowSource& source, const std::string& label);
  SkewReport finish();

 private:
  void plan_variables();
  void add_reference_row(const nlohmann::json& values);
  void measure_reference_row(const nlohmann::json& values);
  void keep_wanted(nlohmann::json& values) const;
  // The current side, in current.cpp: rows are parsed and measured on
  // worker threads (const, thread-safe), then merged in order.
  MeasuredBatch measure_batch(std::vector<RawRow> rows, const RowSource& source) const;
  void measure_row(RawRow& row, const RowSource& source, MeasuredBatch& out, struct RowScratch& scratch) const;
  CurrentValue measure_value(VariablePlan& plan, bool is_string, std::string_view text, const nlohmann::json* json,
                             std::vector<std::uint64_t>& hashes) const;
  void merge_batch(MeasuredBatch& batch, const RowSource& source);
  void embed_and_compare(SkewReport& report);
  // The result for a variable only the current side has: new, or an identifier.
  FeatureResult current_only(const std::string& name, std::uint64_t rows);
  // input_text of `values` without the variables found to be identifiers.
  std::string embedded_text(const nlohmann::json& values, const SkewReport& report) const;

  const SkewOptions& m_options;
  const SkewContext& m_context;
  SideSummary m_ref, m_cur;
  Reservoir<nlohmann::json> m_ref_rows;
  std::map<std::string, std::uint64_t> m_ref_seen;  // rows per variable, over all reference rows
  std::map<std::string, std::unordered_map<std::uint64_t, std::uint32_t>> m_vocabularies;
  std::map<std::string, std::unordered_set<std::uint64_t>> m_reference_texts;  // at most k_max_reference_texts each
  std::map<std::string, IdentifierProbe> m_ref_probes;  // per reference variable, over every row
  std::map<std::string, VariablePlan*, std::less<>> m_by_name;
  std::map<std::string, std::uint64_t> m_cur_only;  // variables only the current side has
  std::map<std::string, IdentifierProbe> m_cur_only_probes;
  std::vector<std::unique_ptr<NumericFeature>> m_numeric;
  std::vector<std::unique_ptr<CategoryFeature>> m_categories;
  std::vector<VariablePlan> m_plans;
  Reservoir<SampledInput> m_cur_inputs;
  std::vector<std::uint64_t> m_hashes;
  std::vector<std::string> m_warnings;
};

// The text that stands for a whole input when it is embedded: the values in
// key order, one per line.
std::string input_text(const nlohmann::json& values);

// Builds the report entries (tests, verdicts, histograms); in compare.cpp.
FeatureResult compare_numeric(const NumericFeature& f, const SkewOptions& options);
FeatureResult compare_category(const CategoryFeature& f, const SkewOptions& options);
// The conventions of --binning evidently|tfdv applied to one feature (in
// conventions_apply.cpp): adds tests.evidently or tests.tfdv and makes that
// tool's test the deciding one. Nothing for Binning::genops.
void apply_convention(FeatureResult& r, const NumericFeature& f, const SkewOptions& options);
void apply_convention(FeatureResult& r, const CategoryFeature& f, const SkewOptions& options);

// Holm's step-down adjustment of p-values (same order, each in [0, 1]).
std::vector<double> holm(const std::vector<double>& p_values);
// Column verdicts (Holm within a column; constant features and identifiers
// left out) and the dataset verdict over columns; in columns.cpp.
void decide_columns(SkewReport& report, const SkewOptions& options);
void decide_dataset(SkewReport& report, const SkewOptions& options);

}  // namespace genops::eval::skew
