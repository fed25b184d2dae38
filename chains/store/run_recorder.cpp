#include "chains/store/run_recorder.hpp"

#include <unordered_set>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/lineage/run_owner.hpp"
#include "core/lineage/sqlite.hpp"
#include "core/random_id.hpp"
#include "core/redact.hpp"
#include "core/time.hpp"

namespace genops::chains {

using core::lineage::Database;
using core::lineage::Statement;

namespace {

constexpr std::size_t k_max_queue = 200'000;    // producers wait beyond this
constexpr std::size_t k_max_batch = 20'000;     // items per transaction
constexpr std::size_t k_known_blobs = 50'000;   // hashes remembered as written

constexpr std::size_t k_inline_bytes = 4096;      // shorter texts are stored in their row

// A text to store: inline when short (empty hash), else as a blob.
std::optional<RunRecorder::Blob> blob_of(std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto clean = core::redact(text);
  if (clean.size() < k_inline_bytes) return RunRecorder::Blob{"", std::move(clean)};
  auto hash = core::sha256_hex(clean);
  return RunRecorder::Blob{std::move(hash), std::move(clean)};
}

void bind_optional(Statement& s, int index, const std::optional<std::int64_t>& v) {
  if (v) s.bind(index, *v);
  else s.bind_null(index);
}

// Binds the blob hash at `index` and the inline text at `inline_index`.
void bind_text(Statement& s, int index, int inline_index, const std::optional<RunRecorder::Blob>& b) {
  if (b && !b->hash.empty()) s.bind(index, std::string_view(b->hash));
  else s.bind_null(index);
  if (b && b->hash.empty()) s.bind(inline_index, std::string_view(b->text));
  else s.bind_null(inline_index);
}

}  // namespace

struct RunRecorder::Statements {
  explicit Statements(const std::filesystem::path& path)
      : db(path.string(), Database::Create::no),
        blob(db.prepare("INSERT INTO blobs(hash, size, content) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING")),
        version(db.prepare("INSERT INTO chain_versions(hash, name, source_path, content_blob, created_at) "
                           "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")),
        run(db.prepare("INSERT INTO runs(id, kind, name, version, source_path, status, started_at, inputs_blob, "
                       "git_commit, host, batch_id, row_index, inputs, owner_pid, owner_start) VALUES(?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, "
                       "?8, ?9, ?10, ?11, ?12, ?13, ?14) "
                       "ON CONFLICT DO NOTHING")),
        step(db.prepare("INSERT INTO steps(run_id, seq, parent_seq, item_index, step_id, kind, status, prompt_ref, "
                        "prompt_hash, provider, model, params, request_blob, output_blob, input_tokens, output_tokens, "
                        "cost_usd, started_at, latency_us, cache_hit, retries, error, request, output) VALUES(?1, ?2, ?3, ?4, ?5, "
                        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) "
                        "ON CONFLICT DO NOTHING")),
        end(db.prepare("UPDATE runs SET status = ?2, ended_at = ?3, outputs_blob = ?4, error = ?5, steps = ?6, "
                       "input_tokens = ?7, output_tokens = ?8, cost_usd = ?9, duration_ms = ?10, outputs = ?11 WHERE id = ?1")) {}

  void put_blob(const Blob& b) {
    if (b.hash.empty() || known.count(b.hash)) return;
    blob.reset();
    blob.bind(1, std::string_view(b.hash)).bind(2, static_cast<std::int64_t>(b.text.size())).bind(3, std::string_view(b.text));
    blob.run();
    if (known.size() >= k_known_blobs) known.clear();
    known.insert(b.hash);
  }

  void write(const QueuedVersion& v) {
    put_blob(v.content);
    version.reset();
    version.bind(1, std::string_view(v.version.hash)).bind(2, std::string_view(v.version.name));
    version.bind(3, std::string_view(v.version.source_path)).bind(4, std::string_view(v.content.hash));
    version.bind(5, core::now_timestamp());
    version.run();
  }

  void write(const QueuedRun& r) {
    if (r.inputs) put_blob(*r.inputs);
    const auto& x = r.run;
    run.reset();
    run.bind(1, std::string_view(x.id)).bind(2, std::string_view(x.kind)).bind(3, std::string_view(x.name));
    run.bind(4, std::string_view(x.version)).bind(5, std::string_view(x.source_path)).bind(6, std::string_view(x.started_at));
    bind_text(run, 7, 12, r.inputs);
    run.bind(8, std::string_view(x.git_commit)).bind(9, std::string_view(x.host.empty() ? core::lineage::this_process().host : x.host)).bind(10, std::string_view(x.batch_id));
    bind_optional(run, 11, x.row_index);
    // The process that records the run owns it (B6: a killed owner makes it `abandoned`).
    run.bind(13, core::lineage::this_process().pid).bind(14, core::lineage::this_process().start);
    run.run();
  }

  void write(const QueuedStep& q) {
    if (q.request) put_blob(*q.request);
    if (q.output) put_blob(*q.output);
    const auto& s = q.step;
    step.reset();
    step.bind(1, std::string_view(s.run_id)).bind(2, s.seq);
    bind_optional(step, 3, s.parent_seq);
    bind_optional(step, 4, s.item_index);
    step.bind(5, std::string_view(s.step_id)).bind(6, std::string_view(s.kind)).bind(7, std::string_view(s.status));
    step.bind(8, std::string_view(s.prompt_ref)).bind(9, std::string_view(s.prompt_hash));
    step.bind(10, std::string_view(s.provider)).bind(11, std::string_view(s.model)).bind(12, std::string_view(s.params_json));
    bind_text(step, 13, 23, q.request);
    bind_text(step, 14, 24, q.output);
    step.bind(15, s.input_tokens).bind(16, s.output_tokens).bind(17, s.cost_usd);
    step.bind(18, std::string_view(s.started_at)).bind(19, s.latency_us);
    step.bind(20, static_cast<std::int64_t>(s.cache_hit ? 1 : 0)).bind(21, static_cast<std::int64_t>(s.retries));
    step.bind(22, std::string_view(s.error));
    step.run();
  }

  void write(const QueuedEnd& q) {
    if (q.outputs) put_blob(*q.outputs);
    const auto& e = q.end;
    end.reset();
    end.bind(1, std::string_view(e.id)).bind(2, std::string_view(e.status)).bind(3, std::string_view(e.ended_at));
    bind_text(end, 4, 11, q.outputs);
    end.bind(5, std::string_view(e.error)).bind(6, e.steps).bind(7, e.input_tokens).bind(8, e.output_tokens);
    end.bind(9, e.cost_usd).bind(10, e.duration_ms);
    end.run();
  }

  Database db;
  Statement blob, version, run, step, end;
  std::unordered_set<std::string> known;
};

RunRecorder::RunRecorder(const std::filesystem::path& path)
    : m_sql(std::make_unique<Statements>(path)), m_writer(1, k_max_queue) {}

RunRecorder::~RunRecorder() { m_writer.shut_down(); }  // drains: what is queued is committed

std::uint64_t RunRecorder::enqueue(Item item) {
  std::uint64_t ticket;
  {
    std::lock_guard lock(m_mutex);
    m_pending.push_back(std::move(item));
    ticket = ++m_enqueued;
  }
  // The item is pending before its task is queued, so some task (its own or
  // an earlier one) takes it. Waits while k_max_queue tasks are queued.
  m_writer.enqueue([this] { write_pending(); });
  return ticket;
}

void RunRecorder::record_chain_version(ChainVersionRecord version) {
  // Chain files are always blobs: chain_versions refers to one.
  auto clean = core::redact(version.content);
  auto content = std::optional<Blob>(Blob{core::sha256_hex(clean), std::move(clean)});
  version.content.clear();
  enqueue(QueuedVersion{std::move(version), std::move(*content)});
}

void RunRecorder::begin_run(RunRecord run) {
  auto inputs = blob_of(run.inputs_json);
  run.inputs_json.clear();
  run.source_path = core::redact(run.source_path);
  enqueue(QueuedRun{std::move(run), std::move(inputs)});
}

void RunRecorder::record_step(StepRecord step) {
  // Redaction and hashing here, on the caller's thread: the writer only writes.
  auto request = blob_of(step.request);
  auto output = blob_of(step.output);
  step.request.clear();
  step.output.clear();
  if (!step.error.empty()) step.error = core::redact(step.error);
  if (!step.params_json.empty()) step.params_json = core::redact(step.params_json);
  enqueue(QueuedStep{std::move(step), std::move(request), std::move(output)});
}

std::uint64_t RunRecorder::end_run(RunEnd end) {
  auto outputs = blob_of(end.outputs_json);
  end.outputs_json.clear();
  if (!end.error.empty()) end.error = core::redact(end.error);
  return enqueue(QueuedEnd{std::move(end), std::move(outputs)});
}

void RunRecorder::wait_durable(std::uint64_t ticket) {
  std::unique_lock lock(m_mutex);
  m_committed.wait(lock, [&] { return m_done >= ticket || m_error; });
  if (m_error) throw core::Error(core::ErrorKind::storage, *m_error, {"the runs finished so far are in the store; check disk space and permissions"});
}

void RunRecorder::flush() {
  std::uint64_t ticket;
  {
    std::lock_guard lock(m_mutex);
    ticket = m_enqueued;
  }
  wait_durable(ticket);
}

void RunRecorder::write_batch(std::vector<Item>& batch) {
  bool again = false;
  m_sql->db.write([&] {
    // A retried batch (a server connection dropped) rolled back the blobs it wrote.
    if (again) m_sql->known.clear();
    again = true;
    for (const auto& item : batch) std::visit([&](const auto& x) { m_sql->write(x); }, item);
  });
}

void RunRecorder::write_pending() {
  std::vector<Item> batch;
  std::unique_lock lock(m_mutex);
  if (m_pending.empty()) return;  // an earlier task took this item
  std::size_t n = std::min(m_pending.size(), k_max_batch);
  batch.assign(std::make_move_iterator(m_pending.begin()), std::make_move_iterator(m_pending.begin() + static_cast<std::ptrdiff_t>(n)));
  m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(n));
  bool failed = m_error.has_value();
  lock.unlock();
  std::optional<std::string> error;
  if (!failed) {
    try {
      write_batch(batch);
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "the store writer failed with an exception that is not a std::exception";
    }
  }
  lock.lock();
  if (error && !m_error) m_error = *error;
  m_done += n;
  lock.unlock();
  m_committed.notify_all();
}

std::string new_run_id() { return core::random_id(); }

}  // namespace genops::chains
