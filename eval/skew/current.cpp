// The current side of skew on every core: a reader thread reads raw rows
// (pipeline.hpp), worker threads parse and measure batches of them (the flat
// JSON fast path, else the source's own parser), and the caller's thread
// applies the measurements to the features in row order. Features, samples
// and reservoirs see the rows in the order one thread would, so the report is
// the same for any number of threads.
#include <algorithm>
#include <deque>
#include <future>
#include <thread>

#include "core/concurrency/thread_pool.hpp"
#include "core/error.hpp"
#include "eval/skew/engine.hpp"
#include "eval/skew/features.hpp"
#include "eval/skew/flat_json.hpp"
#include "eval/skew/pipeline.hpp"
#include "eval/skew/text_features.hpp"

namespace genops::eval::skew {

// Per-worker buffers, reused from row to row.
struct RowScratch {
  std::vector<FlatField> fields;
  std::string unescaped;
  std::vector<std::uint64_t> hashes;
};

std::size_t worker_threads(std::size_t asked) {
  if (asked > 0) return asked;
  const std::size_t cores = std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(cores, 1, 8);
}

CurrentValue Engine::measure_value(VariablePlan& plan, bool is_string, std::string_view text, const nlohmann::json* json,
                                   std::vector<std::uint64_t>& hashes) const {
  CurrentValue out;
  out.plan = &plan;
  if (plan.identifier) return out;
  if (plan.kind == FeatureKind::number) {
    const auto x = is_string ? number_of_text(text) : number_of(*json);
    out.what = x ? CurrentValue::What::number : CurrentValue::What::invalid;
    out.v[0] = x.value_or(0);
    return out;
  }
  if (plan.kind == FeatureKind::category) {
    out.what = CurrentValue::What::category;
    out.category = is_string ? std::string(text) : text_of(*json);
    return out;
  }
  std::string written;
  if (!is_string) written = text_of(*json);
  const auto st = analyse_text(is_string ? text : std::string_view(written), &hashes);
  // A current input that repeats a reference input is measured as that
  // reference input was (leave-one-out), so copies of the eval's own cases
  // do not look shifted.
  const bool repeat = is_string && plan.reference_texts->count(text_hash(text));
  double oov = 0;
  for (auto h : hashes) {
    auto w = plan.vocabulary->find(h);
    if (w == plan.vocabulary->end() || (repeat && w->second <= 1)) oov += 1;
  }
  out.what = CurrentValue::What::text;
  out.v[0] = st.length;
  out.v[1] = st.words;
  out.v[2] = st.non_letter_share;
  out.v[3] = hashes.empty() ? 0 : oov / static_cast<double>(hashes.size());
  out.script = st.script;
  return out;
}

void Engine::measure_row(RawRow& row, const RowSource& source, MeasuredBatch& out, RowScratch& scratch) const {
  const bool restricted = !m_options.features.empty();
  const std::size_t index = out.row_end.size();
  const auto visit = [&](std::string_view key, bool is_string, std::string_view text, const nlohmann::json* json) {
    auto it = m_by_name.find(key);
    if (it != m_by_name.end()) out.values.push_back(measure_value(*it->second, is_string, text, json, scratch.hashes));
    else if (!restricted) out.only.push_back({index, std::string(key), json ? *json : nlohmann::json(std::string(text))});
  };
  if (!row.parsed && scan_flat_object(row.text, scratch.fields, scratch.unescaped)) {
    const std::size_t values = out.values.size(), only = out.only.size();
    try {
      for (const auto& f : scratch.fields) {
        if (f.type == FlatType::null || (row.logged && (f.key == "timestamp" || f.key == "ts"))) continue;
        if (f.type == FlatType::string) {
          visit(f.key, true, f.value, nullptr);
        } else {
          const auto value = flat_value(f);
          visit(f.key, false, {}, &value);
        }
      }
      out.row_end.push_back(out.values.size());
      return;
    } catch (const nlohmann::json::exception&) {  // a number nlohmann reads differently: its parser decides
      out.values.resize(values);
      out.only.resize(only);
    }
  }
  if (!row.parsed) row.parsed = source.parse_raw(std::move(row));
  for (const auto& [key, value] : row.parsed->values.items()) {
    if (value.is_null()) continue;
    const bool is_string = value.is_string();
    visit(key, is_string, is_string ? std::string_view(value.get_ref<const std::string&>()) : std::string_view(), &value);
  }
  out.row_end.push_back(out.values.size());
}

MeasuredBatch Engine::measure_batch(std::vector<RawRow> rows, const RowSource& source) const {
  MeasuredBatch out;
  out.rows = std::move(rows);
  out.row_end.reserve(out.rows.size());
  out.values.reserve(out.rows.size() * 2);
  RowScratch scratch;
  for (auto& row : out.rows) measure_row(row, source, out, scratch);
  return out;
}

void Engine::merge_batch(MeasuredBatch& batch, const RowSource& source) {
  using What = CurrentValue::What;
  std::size_t v = 0, o = 0;
  for (std::size_t i = 0; i < batch.rows.size(); ++i) {
    ++m_cur.rows;
    for (; v < batch.row_end[i]; ++v) {
      auto& m = batch.values[v];
      auto& plan = *m.plan;
      ++plan.cur_present;
      switch (m.what) {
        case What::present: break;
        case What::number: plan.numeric[0]->add_current(m.v[0]); break;
        case What::invalid: ++plan.numeric[0]->cur_invalid; break;
        case What::category: plan.category->add(plan.category->cur, plan.category->cur_n, m.category); break;
        case What::text:
          for (std::size_t k = 0; k < 4; ++k) plan.numeric[k]->add_current(m.v[k]);
          plan.category->add(plan.category->cur, plan.category->cur_n, m.script);
          break;
      }
    }
    for (; o < batch.only.size() && batch.only[o].row == i; ++o) {
      ++m_cur_only[batch.only[o].key];
      m_cur_only_probes[batch.only[o].key].add(batch.only[o].value);
    }
    if (!m_options.embeddings) continue;
    m_cur_inputs.offer_lazy([&] {
      auto& row = batch.rows[i];
      auto values = row.parsed ? std::move(row.parsed->values) : source.parse_raw(std::move(row)).values;
      if (!m_options.features.empty())
        for (auto it = values.begin(); it != values.end();) it = m_by_name.count(it.key()) ? std::next(it) : values.erase(it);
      return SampledInput{std::move(values)};
    });
  }
}

void Engine::read_current(RowSource& source, const std::string& label) {
  m_cur.source = label;
  const std::size_t threads = worker_threads(m_options.threads);
  core::concurrency::ThreadPool workers(threads);
  std::deque<std::future<MeasuredBatch>> pending;
  const auto merge_oldest = [&] {
    auto oldest = std::move(pending.front());
    pending.pop_front();
    auto batch = oldest.get();  // rethrows what parsing the batch threw
    merge_batch(batch, source);
  };
  {
    RowPipeline pipeline(source);
    std::exception_ptr read_error;
    while (true) {
      std::optional<std::vector<RawRow>> batch;
      try {
        batch = pipeline.next();
      } catch (const core::Error&) {
        read_error = std::current_exception();
        break;
      }
      if (!batch) break;
      pending.push_back(workers.submit(
          [this, &source, rows = std::move(*batch)]() mutable { return measure_batch(std::move(rows), source); }));
      if (pending.size() > 2 * threads) merge_oldest();
    }
    // The rows before a reading error come first, as they would on one thread.
    while (!pending.empty()) merge_oldest();
    if (read_error) std::rethrow_exception(read_error);
  }
  if (m_cur.rows == 0)
    core::fail_input("current " + label + ": no rows",
                     {"the current side needs at least one input; check the source and --since/--until",
                      "store production inputs with: genops ingest FILE.jsonl --chain NAME"});
}

}  // namespace genops::eval::skew
