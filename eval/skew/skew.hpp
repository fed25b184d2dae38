#pragma once
// `genops skew` as a library (DESIGN §6): compares the inputs of a reference
// source with those of a current one, feature by feature, and returns a
// report with a verdict. The eval report calls compute_skew for the gate's
// `skew:` key and embeds to_json(report).
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lineage/store.hpp"
#include "eval/skew/features.hpp"
#include "eval/skew/mmd.hpp"

namespace genops::eval::skew {

// Embeds a batch of texts (one vector per text); throws Error(provider) on failure.
using EmbedFn = std::function<std::vector<std::vector<float>>(std::span<const std::string> texts)>;

enum class DatasetMethod { share, bonferroni };

// Whose binning and tests decide a feature (docs/skew.md "Conventions"):
// genops's own (decile bins, PSI + KS, L-infinity + chi-square), Evidently's
// (Sturges bins on both sides, PSI, Jensen-Shannon distance, normed
// Wasserstein, chi-square / Z tests) or TFDV's (per-side equal-width
// histograms, approximate Jensen-Shannon, L-infinity).
enum class Binning { genops, evidently, tfdv };
const char* to_string(Binning binning);
// Reads "genops", "evidently" or "tfdv"; nullopt for anything else.
std::optional<Binning> parse_binning(std::string_view text);

// Defaults are documented in docs/skew.md.
struct Thresholds {
  double psi_warn = 0.1;          // numeric features: warn
  double psi_alert = 0.25;        // numeric features: drift (with a KS p-value under p_value)
  double js = 0.3;                // reported for every feature (Vertex AI's default)
  double linf = 0.3;              // categories: drift (with a chi-square p-value under p_value)
  double p_value = 0.05;          // significance for KS, chi-square and MMD
  double embedding_distance = 0.05;  // centroid cosine distance for embedding drift (with MMD p under p_value)
  double new_category = 0.1;      // a category feature drifts on its own when values absent from the reference hold more of the current side
};

struct SkewOptions {
  std::string reference;          // "eval:PATH", "runs:CHAIN" or "file:PATH"
  std::string current;
  std::string since, until;       // bounds for runs: sources ("7d", "2026-11-01"; "" for none)
  std::vector<FeatureRequest> features;  // only these variables when non-empty
  DatasetMethod method = DatasetMethod::share;
  double drift_share = 0.5;       // dataset drift when this share of columns drifted (method share)
  double alpha = 0.05;            // family-wise level for method bonferroni (over columns)
  Binning binning = Binning::genops;
  Thresholds thresholds;
  bool embeddings = true;
  std::string embedding_provider = "hash-embed";  // named in the report
  std::size_t reference_rows = 100000;  // reference rows kept (a uniform sample beyond)
  std::size_t ks_sample = 1000000;      // values kept per side per numeric feature for KS and Wasserstein (a uniform sample beyond)
  std::size_t embedding_sample = 2000;  // inputs embedded per side
  std::size_t threads = 0;  // worker threads that parse and measure the current side; 0: one per core (the result is the same for any number)
  MmdOptions mmd;
  std::size_t farthest = 10;            // current inputs listed as least like the reference
};

// What the caller provides: the store (for runs: sources; may be null when
// none is used) and the embedding function (may be empty when !embeddings).
struct SkewContext {
  core::lineage::Store* store = nullptr;
  EmbedFn embed;
};

// constant: a feature with one and the same value on both sides (reported,
// left out of every count); identifier: a column unique per row (user_id,
// timestamps), left out of the verdict.
enum class Verdict { ok, warn, drift, missing, added, no_data, constant, identifier };
const char* to_string(Verdict verdict);

struct HistogramBin {
  std::string label;
  double reference = 0, current = 0;  // shares, each side summing to 1
};

struct FeatureResult {
  std::string name;                   // "question.length", "intent"
  std::string variable;
  FeatureKind kind = FeatureKind::text;
  std::string measure;                // length, words, non_letter, oov, script, value
  std::string test;                   // the deciding statistic: psi or linf ("" when none)
  double statistic = 0, threshold = 0;
  std::optional<double> p_value;      // KS (numeric) or chi-square (category)
  std::optional<double> p_adjusted;   // p_value after Holm's correction within the column
  bool effect_alert = false;          // the effect size reached the drift threshold
  bool effect_warn = false;           // the effect size reached the warn threshold
  bool new_values = false;            // values absent from the reference hold more than Thresholds::new_category of the current side
  Verdict verdict = Verdict::ok;
  std::string note;
  nlohmann::json tests = nlohmann::json::object();  // every statistic computed, all finite
  std::uint64_t reference_n = 0, current_n = 0;     // values seen
  std::uint64_t reference_invalid = 0, current_invalid = 0;  // non-numbers in a numeric feature
  std::vector<HistogramBin> histogram;
};

// One input column (a variable, or the whole input's embedding): drifted when
// any of its features drifted, after Holm's correction within the column.
struct ColumnResult {
  std::string name;                   // the variable, or "embedding"
  std::string kind;                   // text, category, number or embedding
  Verdict verdict = Verdict::ok;      // ok, drift, missing, added (new), no_data, constant, identifier
  std::string decided_by;             // the feature that decided it ("" when none did)
  std::string reason;                 // why, in words ("psi 1.41 >= 0.25 and Holm p 2e-10 < 0.05")
  std::optional<double> p_value;      // the smallest Holm-adjusted p-value of its features
  int features = 0, constant = 0;     // features, and how many were constant on both sides
  bool new_values = false;            // decided by a category's values absent from the reference
};

struct EmbeddingResult {
  bool computed = false;
  std::string provider;
  EmbeddingDrift drift;
  double threshold = 0;
  Verdict verdict = Verdict::ok;
  std::string note;
};

struct FarInput {
  double distance = 0;                // cosine distance to the reference centroid
  nlohmann::json input;
};

struct SideSummary {
  std::string source;
  std::uint64_t rows = 0;             // rows read
  std::uint64_t sample = 0;           // rows kept for features (reference) or for embeddings (current)
};

struct SkewReport {
  SideSummary reference, current;
  std::vector<FeatureResult> features;
  std::vector<ColumnResult> columns;  // in feature order, the embedding last
  EmbeddingResult embedding;
  std::vector<FarInput> farthest;
  DatasetMethod method = DatasetMethod::share;
  double drift_share = 0.5, alpha = 0.05;
  Binning binning = Binning::genops;
  int tested = 0, drifted = 0;        // columns (the embedding counts as one)
  bool drift = false;
  std::vector<std::string> warnings;
};

// Reads both sources (the reference first, then the current one streamed
// with bounded memory) and compares them. Throws Error(invalid_input) for a
// missing file, a bad row or an empty side, Error(usage) for a bad option,
// Error(storage) when the store cannot be read, Error(provider) when
// embedding fails.
SkewReport compute_skew(const SkewOptions& options, const SkewContext& context);

// Whether the current source has at least one row within since/until (read
// up to the first). Throws as compute_skew does for a bad or missing source.
bool has_current_rows(const SkewOptions& options, const SkewContext& context);

// Sets one threshold from "NAME=VALUE": psi_warn, psi, js, linf, p_value,
// embedding or new_category. Throws Error(usage) for an unknown name or a value outside [0, 1]
// (PSI: [0, 10]).
void set_threshold(Thresholds& thresholds, std::string_view spec);

// The report as JSON (docs/skew.md has the schema); never holds NaN or infinity.
nlohmann::json to_json(const SkewReport& report);

// The report as an aligned terminal table with small text histograms, and as Markdown.
std::string render_text(const SkewReport& report);
std::string render_markdown(const SkewReport& report);

}  // namespace genops::eval::skew
