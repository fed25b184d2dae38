#include "eval/metrics/bleu.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "eval/metrics/joined_tokens.hpp"
#include "eval/metrics/ngram_table.hpp"
#include "eval/metrics/py_text.hpp"
#include "eval/metrics/signature.hpp"

namespace genops::eval::metrics {
namespace {

using NgramCounts = NgramTable<std::string_view>;

void preprocess(std::string_view segment, const BleuOptions& options, JoinedTokens& out) {
  const std::string lowered = options.lowercase ? py_lower(segment) : std::string();
  const std::string_view text = options.lowercase ? std::string_view(lowered) : segment;
  out.assign(tokenize_bleu(py_rstrip(text), options.tokenize));
}

// sacreBLEU's _get_closest_ref_len: the nearest length, the shorter on a tie.
std::int64_t closest_ref_len(std::int64_t hyp_len, std::span<const std::int64_t> ref_lens) {
  std::int64_t closest_diff = -1;
  std::int64_t closest_len = -1;
  for (const std::int64_t ref_len : ref_lens) {
    const std::int64_t diff = std::llabs(hyp_len - ref_len);
    if (closest_diff == -1 || diff < closest_diff) {
      closest_diff = diff;
      closest_len = ref_len;
    } else if (diff == closest_diff && ref_len < closest_len) {
      closest_len = ref_len;
    }
  }
  return closest_len;
}

// sacreBLEU's my_log: log, floored for zero.
double floored_log(double value) { return value == 0.0 ? -9999999999.0 : std::log(value); }

double default_smooth_value(BleuSmoothing smoothing) {
  return smoothing == BleuSmoothing::floor ? 0.1 : smoothing == BleuSmoothing::add_k ? 1.0 : 0.0;
}

}  // namespace

std::string_view bleu_smoothing_name(BleuSmoothing smoothing) {
  switch (smoothing) {
    case BleuSmoothing::none: return "none";
    case BleuSmoothing::floor: return "floor";
    case BleuSmoothing::add_k: return "add-k";
    case BleuSmoothing::exp: return "exp";
  }
  return "exp";
}

core::Expected<BleuSmoothing> parse_bleu_smoothing(std::string_view name) {
  static const std::array<std::string, 4> k_names = {"exp", "floor", "add-k", "none"};
  for (const auto smoothing :
       {BleuSmoothing::exp, BleuSmoothing::floor, BleuSmoothing::add_k, BleuSmoothing::none}) {
    if (name == bleu_smoothing_name(smoothing)) {
      return smoothing;
    }
  }
  return core::unexpected("unknown smooth_method " + core::quote(name) + ": " +
                          core::suggest(name, k_names));
}

BleuStats& BleuStats::operator+=(const BleuStats& other) {
  sys_len += other.sys_len;
  ref_len += other.ref_len;
  correct.resize(std::max(correct.size(), other.correct.size()), 0);
  total.resize(std::max(total.size(), other.total.size()), 0);
  for (std::size_t i = 0; i < other.correct.size(); ++i) {
    correct[i] += other.correct[i];
    total[i] += other.total[i];
  }
  return *this;
}

namespace {

// Reusable buffers, so a corpus allocates once rather than per segment.
struct BleuScratch {
  std::vector<JoinedTokens> refs;
  JoinedTokens hyp;
  NgramCounts ref_counts;
  NgramCounts one_ref;
};

BleuStats segment_stats(std::string_view hypothesis, std::span<const std::string> references,
                        const BleuOptions& options, BleuScratch& scratch) {
  const auto order = static_cast<std::size_t>(options.max_ngram_order);
  // The n-gram views point into these strings: size them before taking any.
  if (scratch.refs.size() < references.size()) {
    scratch.refs.resize(references.size());
  }
  std::vector<std::int64_t> ref_lens;
  for (std::size_t r = 0; r < references.size(); ++r) {
    JoinedTokens& ref = scratch.refs[r];
    preprocess(references[r], options, ref);
    ref_lens.push_back(static_cast<std::int64_t>(ref.size()));
    // Across references an n-gram may be matched as often as its largest count.
    NgramCounts& target = r == 0 ? scratch.ref_counts : scratch.one_ref;
    target.reset(ref.size() * order);
    ref.for_each_ngram(order, [&](std::string_view ngram, std::uint64_t hash, int n) { ++target.at(ngram, hash, n); });
    if (r > 0) {
      scratch.one_ref.for_each([&](const NgramCounts::Entry& entry) {
        auto& merged = scratch.ref_counts.at(entry.key, entry.hash, entry.order);
        merged = std::max(merged, entry.count);
      });
    }
  }
  preprocess(hypothesis, options, scratch.hyp);
  BleuStats stats;
  stats.sys_len = static_cast<std::int64_t>(scratch.hyp.size());
  stats.ref_len = closest_ref_len(stats.sys_len, ref_lens);
  stats.correct.assign(order, 0);
  stats.total.assign(order, 0);
  // Counting each hypothesis occurrence against a decreasing reference budget
  // sums min(hyp count, ref count) per distinct n-gram, as sacreBLEU does.
  scratch.hyp.for_each_ngram(order, [&](std::string_view ngram, std::uint64_t hash, int n) {
    const auto index = static_cast<std::size_t>(n - 1);
    ++stats.total[index];
    if (auto* found = scratch.ref_counts.find(ngram, hash); found != nullptr && found->count > 0) {
      --found->count;
      ++stats.correct[index];
    }
  });
  return stats;
}

}  // namespace

BleuStats bleu_segment_stats(std::string_view hypothesis, std::span<const std::string> references,
                             const BleuOptions& options) {
  BleuScratch scratch;
  return segment_stats(hypothesis, references, options, scratch);
}

BleuScore compute_bleu(const BleuStats& stats, const BleuOptions& options) {
  const auto order = static_cast<std::size_t>(options.max_ngram_order);
  BleuScore result;
  result.counts.assign(stats.correct.begin(), stats.correct.end());
  result.totals.assign(stats.total.begin(), stats.total.end());
  result.counts.resize(order, 0.0);
  result.totals.resize(order, 0.0);
  result.precisions.assign(order, 0.0);
  result.sys_len = stats.sys_len;
  result.ref_len = stats.ref_len;
  result.bp = 1.0;
  if (stats.sys_len < stats.ref_len) {
    result.bp = stats.sys_len > 0
                    ? std::exp(1.0 - static_cast<double>(stats.ref_len) / static_cast<double>(stats.sys_len))
                    : 0.0;
  }
  // No match at all is a zero score whatever the smoothing (sacreBLEU #141).
  if (std::all_of(result.counts.begin(), result.counts.end(), [](double c) { return c == 0.0; })) {
    return result;
  }
  const double smooth_value = options.smooth_value.value_or(default_smooth_value(options.smooth_method));
  double smooth_mteval = 1.0;
  std::size_t effective = order;
  for (std::size_t n = 1; n <= order; ++n) {
    double& correct = result.counts[n - 1];
    double& total = result.totals[n - 1];
    if (options.smooth_method == BleuSmoothing::add_k && n > 1) {
      correct += smooth_value;
      total += smooth_value;
    }
    if (total == 0.0) {
      break;
    }
    if (options.effective_order) {
      effective = n;
    }
    double& precision = result.precisions[n - 1];
    if (correct != 0.0) {
      precision = 100.0 * correct / total;
    } else if (options.smooth_method == BleuSmoothing::exp) {
      smooth_mteval *= 2;
      precision = 100.0 / (smooth_mteval * total);
    } else if (options.smooth_method == BleuSmoothing::floor) {
      precision = 100.0 * smooth_value / total;
    }
  }
  double log_sum = 0.0;
  for (std::size_t n = 0; n < effective; ++n) {
    log_sum += floored_log(result.precisions[n]);
  }
  result.score = result.bp * std::exp(log_sum / static_cast<double>(effective));
  return result;
}

BleuScore corpus_bleu(std::span<const std::string> hypotheses,
                      std::span<const std::vector<std::string>> references, const BleuOptions& options) {
  if (hypotheses.size() != references.size()) {
    core::fail_input(std::to_string(hypotheses.size()) + " hypotheses but " +
                     std::to_string(references.size()) + " reference lists");
  }
  BleuStats sum;
  sum.correct.assign(static_cast<std::size_t>(options.max_ngram_order), 0);
  sum.total.assign(static_cast<std::size_t>(options.max_ngram_order), 0);
  BleuScratch scratch;
  for (std::size_t i = 0; i < hypotheses.size(); ++i) {
    sum += segment_stats(hypotheses[i], references[i], options, scratch);
  }
  return compute_bleu(sum, options);
}

BleuScore sentence_bleu(std::string_view hypothesis, std::span<const std::string> references,
                        const BleuOptions& options) {
  return compute_bleu(bleu_segment_stats(hypothesis, references, options), options);
}

std::string bleu_signature(const BleuOptions& options, std::string_view nrefs) {
  std::string smooth(bleu_smoothing_name(options.smooth_method));
  if (options.smooth_method == BleuSmoothing::floor || options.smooth_method == BleuSmoothing::add_k) {
    // Appended piecewise: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "[" + string.
    smooth += '[';
    smooth += format_fixed(options.smooth_value.value_or(default_smooth_value(options.smooth_method)), 2);
    smooth += ']';
  }
  return "nrefs:" + std::string(nrefs) + "|case:" + (options.lowercase ? "lc" : "mixed") +
         "|eff:" + (options.effective_order ? "yes" : "no") + "|tok:" +
         std::string(bleu_tokenizer_name(options.tokenize)) + "|smooth:" + smooth +
         "|version:" + std::string(k_metrics_version);
}

std::string bleu_verbose(const BleuScore& score) {
  std::vector<std::string> precisions;
  for (const double p : score.precisions) {
    precisions.push_back(format_fixed(p, 1));
  }
  const double ratio = score.ref_len != 0 ? static_cast<double>(score.sys_len) / static_cast<double>(score.ref_len) : 0.0;
  return core::join(precisions, "/") + " (BP = " + format_fixed(score.bp, 3) + " ratio = " +
         format_fixed(ratio, 3) + " hyp_len = " + std::to_string(score.sys_len) +
         " ref_len = " + std::to_string(score.ref_len) + ")";
}

}  // namespace genops::eval::metrics
