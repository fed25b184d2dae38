#include "eval/skew/skew.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "eval/skew/engine.hpp"
#include "eval/skew/sources.hpp"
#include "eval/skew/timestamps.hpp"

namespace genops::eval::skew {

namespace {

// NaN and infinities become null, so the report is always valid JSON.
nlohmann::json finite(nlohmann::json value) {
  if (value.is_number_float() && !std::isfinite(value.get<double>())) return nullptr;
  if (value.is_structured())
    for (auto& v : value) v = finite(std::move(v));
  return value;
}

nlohmann::json side_json(const SideSummary& s) { return {{"source", s.source}, {"rows", s.rows}, {"sample", s.sample}}; }

void check_options(const SkewOptions& o) {
  if (!(o.drift_share > 0 && o.drift_share <= 1)) core::fail_usage("--drift-share must be in (0, 1]");
  if (!(o.alpha > 0 && o.alpha < 1)) core::fail_usage("--alpha must be in (0, 1)");
  if (o.ks_sample < 2 || o.embedding_sample < 2 || o.reference_rows < 1) core::fail_usage("sample sizes must be at least 2");
}

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok: return "ok";
    case Verdict::warn: return "warn";
    case Verdict::drift: return "drift";
    case Verdict::missing: return "missing";
    case Verdict::added: return "new";
    case Verdict::no_data: return "no data";
    case Verdict::constant: return "constant";
    case Verdict::identifier: return "identifier";
  }
  return "ok";
}

void set_threshold(Thresholds& t, std::string_view spec) {
  const auto eq = spec.find('=');
  const std::string name(spec.substr(0, eq == std::string_view::npos ? spec.size() : eq));
  double* target = name == "psi_warn" ? &t.psi_warn : name == "psi" ? &t.psi_alert : name == "js" ? &t.js
                 : name == "linf" ? &t.linf : name == "p_value" ? &t.p_value : name == "embedding" ? &t.embedding_distance
                 : name == "new_category" ? &t.new_category : nullptr;
  if (!target)
    core::fail_usage("--threshold " + core::quote(spec) + ": unknown test " + core::quote(name),
                     {"thresholds: psi_warn, psi, js, linf, p_value, embedding, new_category (as in --threshold psi=0.2)"});
  const auto value = eq == std::string_view::npos ? std::nullopt : number_of(nlohmann::json(std::string(spec.substr(eq + 1))));
  const double max = name.starts_with("psi") ? 10.0 : 1.0;
  if (!value || *value < 0 || *value > max)
    core::fail_usage("--threshold " + core::quote(spec) + ": expected " + name + "=NUMBER in [0, " + (max > 1 ? "10" : "1") + "]");
  *target = *value;
}

SkewReport compute_skew(const SkewOptions& options, const SkewContext& context) {
  check_options(options);
  const auto ref_spec = parse_source(options.reference);
  const auto cur_spec = parse_source(options.current);
  const std::string since = parse_time_bound(options.since, "--since");
  const std::string until = parse_time_bound(options.until, "--until");
  Engine engine(options, context);
  {
    auto source = open_source(ref_spec, context.store, since, until);
    engine.read_reference(*source, ref_spec.text, [&] { return open_source(ref_spec, context.store, since, until); });
  }
  {
    auto source = open_source(cur_spec, context.store, since, until);
    engine.read_current(*source, cur_spec.text + (cur_spec.kind == SourceSpec::Kind::runs && !options.since.empty() ? " since " + options.since : ""));
  }
  return engine.finish();
}

bool has_current_rows(const SkewOptions& options, const SkewContext& context) {
  const auto spec = parse_source(options.current);
  auto source = open_source(spec, context.store, parse_time_bound(options.since, "--since"),
                            parse_time_bound(options.until, "--until"));
  return source->next().has_value();
}

nlohmann::json to_json(const SkewReport& r) {
  nlohmann::json features = nlohmann::json::array();
  for (const auto& f : r.features) {
    nlohmann::json hist = nlohmann::json::array();
    for (const auto& b : f.histogram) hist.push_back({{"bin", b.label}, {"reference", b.reference}, {"current", b.current}});
    nlohmann::json j = {{"name", f.name},       {"variable", f.variable},       {"kind", to_string(f.kind)},
                        {"measure", f.measure}, {"verdict", to_string(f.verdict)}, {"test", f.test},
                        {"statistic", f.statistic}, {"threshold", f.threshold},
                        {"p_value", f.p_value ? nlohmann::json(*f.p_value) : nlohmann::json(nullptr)},
                        {"reference_n", f.reference_n}, {"current_n", f.current_n},
                        {"reference_invalid", f.reference_invalid}, {"current_invalid", f.current_invalid},
                        {"p_adjusted", f.p_adjusted ? nlohmann::json(*f.p_adjusted) : nlohmann::json(nullptr)},
                        {"tests", f.tests}, {"histogram", hist}};
    if (f.test.empty()) j["statistic"] = j["threshold"] = nullptr;
    if (!f.note.empty()) j["note"] = f.note;
    features.push_back(std::move(j));
  }
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& c : r.columns)
    columns.push_back({{"name", c.name}, {"kind", c.kind}, {"verdict", to_string(c.verdict)},
                       {"decided_by", c.decided_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.decided_by)},
                       {"reason", c.reason}, {"p_value", c.p_value ? nlohmann::json(*c.p_value) : nlohmann::json(nullptr)},
                       {"features", c.features}, {"constant_features", c.constant}});
  nlohmann::json embedding = {{"computed", r.embedding.computed}, {"provider", r.embedding.provider},
                              {"verdict", to_string(r.embedding.verdict)}};
  if (r.embedding.computed) {
    const auto& d = r.embedding.drift;
    embedding.update({{"centroid_distance", d.centroid_distance}, {"threshold", r.embedding.threshold}, {"mmd2", d.mmd2},
                      {"p_value", d.p_value}, {"bandwidth", d.bandwidth}, {"permutations", d.permutations},
                      {"reference_n", d.reference_n}, {"current_n", d.current_n}});
  }
  if (!r.embedding.note.empty()) embedding["note"] = r.embedding.note;
  nlohmann::json farthest = nlohmann::json::array();
  for (const auto& f : r.farthest) farthest.push_back({{"distance", f.distance}, {"input", f.input}});
  return finite({{"reference", side_json(r.reference)},
                 {"current", side_json(r.current)},
                 {"method", r.method == DatasetMethod::share ? "share" : "bonferroni"},
                 {"binning", to_string(r.binning)},
                 {"drift_share", r.drift_share},
                 {"alpha", r.alpha},
                 {"tested", r.tested},
                 {"drifted", r.drifted},
                 {"share", r.tested > 0 ? static_cast<double>(r.drifted) / r.tested : 0.0},
                 {"drift", r.drift},
                 {"columns", columns},
                 {"features", features},
                 {"embedding", embedding},
                 {"farthest", farthest},
                 {"warnings", r.warnings}});
}

}  // namespace genops::eval::skew
