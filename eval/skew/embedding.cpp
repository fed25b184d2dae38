// Engine::embed_and_compare: the embedding side of skew, on samples.
#include <algorithm>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "eval/skew/engine.hpp"

namespace genops::eval::skew {

namespace {

constexpr std::size_t k_batch = 256;
constexpr std::size_t k_shown_chars = 300;

std::vector<Embedding> embed_all(const EmbedFn& embed, const std::vector<std::string>& texts) {
  std::vector<Embedding> out;
  out.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); i += k_batch) {
    const std::size_t n = std::min(k_batch, texts.size() - i);
    auto batch = embed(std::span<const std::string>(texts.data() + i, n));
    if (batch.size() != n)
      throw core::Error(core::ErrorKind::provider, "embedding: asked for " + std::to_string(n) + " vectors, got " + std::to_string(batch.size()));
    for (auto& v : batch) out.push_back(std::move(v));
  }
  return out;
}

// Long strings shortened for the report (on a UTF-8 boundary).
nlohmann::json shorten(nlohmann::json values) {
  for (auto& [key, value] : values.items()) {
    if (!value.is_string()) continue;
    auto& s = value.get_ref<std::string&>();
    if (s.size() <= k_shown_chars) continue;
    s = s.substr(0, core::utf8::floor_boundary(s, k_shown_chars)) + "…";
  }
  return values;
}

}  // namespace

std::string Engine::embedded_text(const nlohmann::json& values, const std::set<std::string>& identifiers) const {
  if (identifiers.empty()) return input_text(values);
  nlohmann::json kept = values;
  for (const auto& name : identifiers) kept.erase(name);
  return input_text(kept);
}

void Engine::embed_and_compare(SkewReport& report, const std::set<std::string>& identifiers) {
  auto& result = report.embedding;
  result.provider = m_options.embedding_provider;
  result.threshold = m_options.thresholds.embedding_distance;
  if (!m_context.embed) {
    result.note = "no embedding function given";
    result.verdict = Verdict::no_data;
    return;
  }
  std::vector<std::string> ref_texts;
  SplitMix64 rng(0x656d62);
  std::vector<std::size_t> order(m_ref_rows.items().size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::size_t take = std::min(order.size(), m_options.embedding_sample);
  for (std::size_t i = 0; i < take; ++i) std::swap(order[i], order[i + rng.below(order.size() - i)]);
  std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(take));
  for (std::size_t i = 0; i < take; ++i) ref_texts.push_back(embedded_text(m_ref_rows.items()[order[i]], identifiers));
  std::vector<std::string> cur_texts;
  for (const auto& s : m_cur_inputs.items()) cur_texts.push_back(embedded_text(s.values, identifiers));

  const auto ref = embed_all(m_context.embed, ref_texts);
  const auto cur = embed_all(m_context.embed, cur_texts);
  result.drift = embedding_drift(ref, cur, m_options.mmd);
  result.computed = true;
  const bool significant = result.drift.p_value < m_options.thresholds.p_value;
  result.verdict = significant && result.drift.centroid_distance >= result.threshold ? Verdict::drift : Verdict::ok;
  if (result.drift.reference_n < 2 || result.drift.current_n < 2)
    result.note = "MMD needs at least two inputs on each side";

  const auto ref_centroid = centroid(ref);
  std::vector<std::pair<double, std::size_t>> distances;
  for (std::size_t i = 0; i < cur.size(); ++i) {
    const std::vector<double> v(cur[i].begin(), cur[i].end());
    distances.emplace_back(cosine_distance(ref_centroid, v), i);
  }
  const std::size_t n = std::min(m_options.farthest, distances.size());
  std::partial_sort(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(n), distances.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  for (std::size_t i = 0; i < n; ++i)
    report.farthest.push_back(FarInput{distances[i].first, shorten(m_cur_inputs.items()[distances[i].second].values)});
}

}  // namespace genops::eval::skew
