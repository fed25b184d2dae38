#include "eval/skew/engine.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <set>

#include "core/concurrency/thread_pool.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "eval/skew/text_features.hpp"

namespace genops::eval::skew {

namespace {

constexpr std::size_t k_max_categories = 10000;  // distinct values kept per side; the rest count as "(other)"
constexpr std::size_t k_max_reference_texts = 1000000;  // whole-text hashes kept per text variable (8 MB)


// numpy.quantile(sorted, q, method="lower"): an observed value, so that
// discrete features (word counts) get no empty bins between their values.
double quantile(const std::vector<double>& sorted, double q) {
  return sorted[static_cast<std::size_t>(std::floor(q * static_cast<double>(sorted.size() - 1)))];
}

void unique_hashes(std::vector<std::uint64_t>& hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
}

}  // namespace

std::string input_text(const nlohmann::json& values) {
  std::string out;
  for (const auto& [key, value] : values.items()) {
    if (value.is_null()) continue;
    if (!out.empty()) out += '\n';
    out += text_of(value);
  }
  return out;
}

void NumericFeature::finish_reference() {
  const auto& values = ref_sample.items();
  std::vector<double> sorted(values);
  std::sort(sorted.begin(), sorted.end());
  edges.clear();
  if (!sorted.empty())
    for (int d = 1; d <= 9; ++d) {
      const double e = quantile(sorted, d / 10.0);
      if (edges.empty() || e > edges.back()) edges.push_back(e);
    }
  ref_bins.assign(edges.size() + 1, 0.0);
  cur_bins.assign(edges.size() + 1, 0.0);
  for (double v : values) ref_bins[bin_of(v)] += 1;
}

std::size_t NumericFeature::bin_of(double v) const {
  return static_cast<std::size_t>(std::lower_bound(edges.begin(), edges.end(), v) - edges.begin());
}

void CategoryFeature::add(std::map<std::string, double>& side, double& n, const std::string& value) {
  n += 1;
  auto it = side.find(value);
  if (it != side.end()) ++it->second;
  else if (side.size() < k_max_categories) side.emplace(value, 1.0);
  else side["(other)"] += 1;
}

Engine::Engine(const SkewOptions& options, const SkewContext& context)
    : m_options(options), m_context(context), m_ref_rows(options.reference_rows, 0x7265),
      m_cur_inputs(options.embedding_sample, 0x6375) {}

void Engine::keep_wanted(nlohmann::json& values) const {
  if (m_options.features.empty()) return;
  for (auto it = values.begin(); it != values.end();) {
    bool wanted = false;
    for (const auto& f : m_options.features) wanted = wanted || f.name == it.key();
    it = wanted ? std::next(it) : values.erase(it);
  }
}

void Engine::read_reference(RowSource& source, const std::string& label, const std::function<std::unique_ptr<RowSource>()>& reopen) {
  m_ref.source = label;
  while (auto row = source.next()) {
    ++m_ref.rows;
    keep_wanted(row->values);
    add_reference_row(row->values);
    m_ref_rows.offer(std::move(row->values));
  }
  m_ref.sample = m_ref_rows.items().size();
  if (m_ref.rows == 0)
    core::fail_input("reference " + label + ": no rows", {"the reference side needs at least one input; check the source and --since/--until"});
  plan_variables();
  if (m_ref.sample == m_ref.rows) {
    for (const auto& row : m_ref_rows.items()) measure_reference_row(row);
  } else {
    // More rows than the kept sample: measure every row in a second pass.
    auto again = reopen();
    std::uint64_t rows = 0;
    while (auto row = again->next()) {
      ++rows;
      keep_wanted(row->values);
      measure_reference_row(row->values);
    }
    if (rows != m_ref.rows)
      core::fail_input("reference " + label + ": read " + std::to_string(m_ref.rows) + " rows, then " + std::to_string(rows) +
                           " on the second pass",
                       {"a reference of more than " + std::to_string(m_options.reference_rows) +
                            " rows is read twice: give a file or store that does not change while skew runs (not a pipe)"});
  }
  for (auto& f : m_numeric) f->finish_reference();
}

void Engine::add_reference_row(const nlohmann::json& values) {
  for (const auto& [key, value] : values.items()) {
    if (value.is_null()) continue;
    ++m_ref_seen[key];
    m_ref_probes[key].add(value);
    if (!value.is_string()) continue;
    analyse_text(value.get_ref<const std::string&>(), &m_hashes);
    unique_hashes(m_hashes);
    auto& vocabulary = m_vocabularies[key];
    for (auto h : m_hashes) ++vocabulary[h];
    auto& texts = m_reference_texts[key];
    if (texts.size() < k_max_reference_texts) texts.insert(text_hash(value.get_ref<const std::string&>()));
  }
}

void Engine::plan_variables() {
  std::map<std::string, std::vector<const nlohmann::json*>> values;
  for (const auto& row : m_ref_rows.items())
    for (const auto& [key, value] : row.items())
      if (!value.is_null()) values[key].push_back(&value);
  std::set<std::string> names;
  for (const auto& [name, _] : m_ref_seen) names.insert(name);
  for (const auto& f : m_options.features) names.insert(f.name);
  m_plans.reserve(names.size());
  for (const auto& name : names) {
    VariablePlan plan;
    plan.name = name;
    plan.ref_present = m_ref_seen.count(name) ? m_ref_seen[name] : 0;
    plan.kind = infer_kind(values[name]);
    bool requested = false;
    for (const auto& f : m_options.features)
      if (f.name == name) {
        requested = true;
        if (f.kind) plan.kind = *f.kind;
      }
    plan.identifier = !requested && m_ref_probes[name].identifier(name);
    const auto numeric = [&](const std::string& measure) {
      auto f = std::make_unique<NumericFeature>(m_options.ks_sample);
      f->variable = name;
      f->measure = measure;
      f->kind = plan.kind;
      f->name = measure == "value" ? name : name + "." + measure;
      plan.numeric.push_back(f.get());
      m_numeric.push_back(std::move(f));
    };
    const auto category = [&](const std::string& measure) {
      auto f = std::make_unique<CategoryFeature>();
      f->variable = name;
      f->measure = measure;
      f->kind = plan.kind;
      f->name = measure == "value" ? name : name + "." + measure;
      plan.category = f.get();
      m_categories.push_back(std::move(f));
    };
    if (plan.identifier) {
      // reported as an identifier; no features
    } else if (plan.kind == FeatureKind::text) {
      for (const char* m : k_text_measures) numeric(m);
      category(k_script_measure);
      plan.vocabulary = &m_vocabularies[name];
      plan.reference_texts = &m_reference_texts[name];
    } else if (plan.kind == FeatureKind::number) {
      numeric("value");
    } else {
      category("value");
    }
    m_plans.push_back(std::move(plan));
  }
  for (auto& p : m_plans) m_by_name[p.name] = &p;
}

void Engine::measure_reference_row(const nlohmann::json& values) {
  for (const auto& [key, value] : values.items()) {
    if (value.is_null()) continue;
    auto it = m_by_name.find(key);
    if (it == m_by_name.end() || it->second->identifier) continue;
    auto& plan = *it->second;
    if (plan.kind == FeatureKind::number) {
      if (auto x = number_of(value)) plan.numeric[0]->add_reference(*x);
      else ++plan.numeric[0]->ref_invalid;
    } else if (plan.kind == FeatureKind::category) {
      plan.category->add(plan.category->ref, plan.category->ref_n, text_of(value));
    } else {
      const auto st = analyse_text(text_of(value), &m_hashes);
      double oov = 0;
      for (auto h : m_hashes) {
        auto w = plan.vocabulary->find(h);
        if (w == plan.vocabulary->end() || w->second <= 1) oov += 1;  // leave-one-out: only this row has it
      }
      const double measures[] = {st.length, st.words, st.non_letter_share, m_hashes.empty() ? 0 : oov / static_cast<double>(m_hashes.size())};
      for (std::size_t i = 0; i < 4; ++i) plan.numeric[i]->add_reference(measures[i]);
      plan.category->add(plan.category->ref, plan.category->ref_n, st.script);
    }
  }
}

FeatureResult Engine::current_only(const std::string& name, std::uint64_t rows) {
  FeatureResult r;
  r.name = r.variable = name;
  r.measure = "presence";
  r.current_n = rows;
  if (m_cur_only_probes[name].identifier(name)) {
    r.measure = "identifier";
    r.verdict = Verdict::identifier;
    r.note = "only in the current side, unique per row in " + std::to_string(rows) + " rows: an identifier, left out of the verdict";
  } else {
    r.verdict = Verdict::added;
    r.note = "no reference input has " + name + "; the eval does not cover it";
  }
  return r;
}

SkewReport Engine::finish() {
  SkewReport report;
  report.reference = m_ref;
  report.current = m_cur;
  report.method = m_options.method;
  report.drift_share = m_options.drift_share;
  report.alpha = m_options.alpha;
  report.binning = m_options.binning;
  report.warnings = m_warnings;
  const auto presence = [](const std::string& name, FeatureKind kind, std::uint64_t ref_n, std::uint64_t cur_n) {
    FeatureResult r;
    r.name = r.variable = name;
    r.kind = kind;
    r.measure = "presence";
    r.reference_n = ref_n;
    r.current_n = cur_n;
    return r;
  };
  // The numeric features' tests (KS and Wasserstein sort up to a million values
  // a side) run on the workers, one task per feature; results come back in order.
  std::map<const NumericFeature*, std::future<FeatureResult>> numeric;
  {
    core::concurrency::ThreadPool pool(worker_threads(m_options.threads));
    for (const auto& plan : m_plans)
      if (!plan.identifier && plan.ref_present > 0 && plan.cur_present > 0)
        for (const auto* f : plan.numeric)
          numeric[f] = pool.submit([this, f] {
            auto r = compare_numeric(*f, m_options);
            apply_convention(r, *f, m_options);
            return r;
          });
  }
  for (const auto& plan : m_plans) {
    if (plan.identifier) {
      auto r = presence(plan.name, plan.kind, plan.ref_present, plan.cur_present);
      r.measure = "identifier";
      r.verdict = Verdict::identifier;
      r.note = "unique per row in " + std::to_string(plan.ref_present) +
               " reference rows: an identifier, left out of the verdict (compare it anyway with --feature " + plan.name + ")";
      report.features.push_back(std::move(r));
      continue;
    }
    if (plan.ref_present == 0 || plan.cur_present == 0) {
      auto r = presence(plan.name, plan.kind, plan.ref_present, plan.cur_present);
      r.verdict = plan.ref_present == 0 ? (plan.cur_present == 0 ? Verdict::no_data : Verdict::added) : Verdict::missing;
      r.note = plan.ref_present == 0 ? (plan.cur_present == 0 ? "neither side has " : "no reference input has ") + plan.name
                                     : "no current input has " + plan.name;
      report.features.push_back(std::move(r));
      continue;
    }
    for (const auto* f : plan.numeric) report.features.push_back(numeric[f].get());
    if (plan.category) {
      report.features.push_back(compare_category(*plan.category, m_options));
      apply_convention(report.features.back(), *plan.category, m_options);
    }
  }
  for (const auto& [name, rows] : m_cur_only) report.features.push_back(current_only(name, rows));
  m_cur.sample = m_cur_inputs.items().size();
  report.current.sample = m_cur.sample;
  if (m_options.embeddings) embed_and_compare(report);
  decide_columns(report, m_options);
  decide_dataset(report, m_options);
  return report;
}

}  // namespace genops::eval::skew
