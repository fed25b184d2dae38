#include "core/lineage/pg_connection.hpp"

#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/lineage/pg_sql.hpp"
#include "core/lineage/sqlite.hpp"
#include "core/redact.hpp"

namespace genops::core::lineage::detail {

namespace {

constexpr Oid k_int8 = 20, k_text = 25, k_float8 = 701, k_bytea = 17;
// The key of the advisory lock every writing transaction takes: "genops" in ASCII.
constexpr const char* k_write_lock = "SELECT pg_advisory_xact_lock(113723700766579)";

std::chrono::milliseconds retry_budget() {
  const char* env = std::getenv("GENOPS_STORE_RETRY_SECONDS");
  double seconds = env ? std::atof(env) : 10.0;
  if (seconds < 0) seconds = 0;
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

std::string first_line(std::string text) {
  auto nl = text.find('\n');
  if (nl != std::string::npos) text.resize(nl);
  return redact(text);
}

void ignore_notice(void*, const char*) {}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection;

// A cursor's bound values as libpq takes them (pointers into the cursor's strings).
struct Params {
  std::vector<const char*> values;
  std::vector<int> lengths;
};

class PgCursor final : public Cursor {
 public:
  PgCursor(PgConnection& conn, std::string sql) : m_conn(conn), m_sql(std::move(sql)) {}

  void bind_text(int index, std::string_view text) override { set(index, std::string(text), k_text, 0); }
  void bind_integer(int index, std::int64_t value) override { set(index, std::to_string(value), k_int8, 0); }
  void bind_real(int index, double value) override {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    set(index, buf, k_float8, 0);
  }
  void bind_null(int index) override { set(index, std::nullopt, 0, 0); }
  void bind_blob(int index, std::string_view bytes) override { set(index, std::string(bytes), k_bytea, 1); }
  bool step() override;
  void run() override;
  void reset() override {
    m_result.reset();
    m_row = -1;
    m_values.clear();
    m_types.clear();
    m_formats.clear();
  }
  std::string text(int column) const override { return value(column); }
  std::int64_t integer(int column) const override {
    if (is_null(column)) return 0;
    const char* v = PQgetvalue(m_result.get(), m_row, column);
    if (*v == 't' || *v == 'f') return *v == 't';
    return std::strtoll(v, nullptr, 10);
  }
  double real(int column) const override {
    return is_null(column) ? 0.0 : std::strtod(PQgetvalue(m_result.get(), m_row, column), nullptr);
  }
  bool is_null(int column) const override { return PQgetisnull(m_result.get(), m_row, column) != 0; }
  std::string blob(int column) const override { return value(column); }

 private:
  void set(int index, std::optional<std::string> v, Oid type, int format) {
    auto i = static_cast<std::size_t>(index - 1);
    if (m_values.size() <= i) {
      m_values.resize(i + 1);
      m_types.resize(i + 1, 0);
      m_formats.resize(i + 1, 0);
    }
    m_values[i] = std::move(v);
    m_types[i] = type;
    m_formats[i] = format;
  }
  Params params() const;
  std::string value(int column) const {
    if (is_null(column)) return {};
    const char* v = PQgetvalue(m_result.get(), m_row, column);
    if (PQftype(m_result.get(), column) != k_bytea) {
      return std::string(v, static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, column)));
    }
    std::size_t n = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
    std::string out(reinterpret_cast<const char*>(bytes), n);
    PQfreemem(bytes);
    return out;
  }

  PgConnection& m_conn;
  std::string m_sql;
  std::vector<std::optional<std::string>> m_values;
  std::vector<Oid> m_types;
  std::vector<int> m_formats;
  Result m_result;
  int m_row = -1;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(std::string url) : m_url(std::move(url)) { connect(); }
  ~PgConnection() override { PQfinish(m_pg); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::postgresql; }

  void exec(std::string_view sql) override {
    flush();
    std::string text(sql);
    run([&] { return Result(PQexec(m_pg, text.c_str())); });
    if (text == "COMMIT" || text == "ROLLBACK") m_in_transaction = false;
  }

  std::unique_ptr<Cursor> prepare(std::string_view sql) override {
    return std::make_unique<PgCursor>(*this, postgres_placeholders(sql));
  }

  std::int64_t changes() const override {
    const_cast<PgConnection*>(this)->flush();
    return m_changes;
  }

  void begin_write() override {
    exec(std::string("BEGIN; ") + k_write_lock);
    m_in_transaction = true;
  }

  int schema_version() override {
    flush();
    // pg_class is scanned with this statement's snapshot: to_regclass() looks the name up in the
    // catalog cache without a lock, which may not have seen a table another process just
    // committed (so two processes starting at once would both migrate from version 0).
    Result r = run([&] {
      return Result(PQexec(m_pg, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                                 "ON n.oid = c.relnamespace WHERE c.relname = 'genops_schema' "
                                 "AND n.nspname = current_schema())"));
    });
    if (std::string(PQgetvalue(r.get(), 0, 0)) != "t") return 0;
    Result v = run([&] { return Result(PQexec(m_pg, "SELECT MAX(version) FROM genops_schema")); });
    return PQgetisnull(v.get(), 0, 0) ? 0 : std::atoi(PQgetvalue(v.get(), 0, 0));
  }

  void set_schema_version(int version) override {
    exec("CREATE TABLE IF NOT EXISTS genops_schema (version BIGINT NOT NULL); DELETE FROM genops_schema; "
         "INSERT INTO genops_schema (version) VALUES (" + std::to_string(version) + ")");
  }

  bool connection_lost() const override { return m_lost; }

  // Inside a write transaction, a statement whose rows nobody reads is sent
  // without waiting for its outcome (libpq's pipeline mode): a batch of
  // inserts costs one round trip instead of one each. Its outcome is read by
  // flush(), before any statement that returns rows, changes() and COMMIT.
  bool can_defer() const { return m_in_transaction; }

  void send_deferred(const std::string& sql, int n, const Oid* types, const char* const* values, const int* lengths,
                     const int* formats) {
    if (!m_pipelined) {
      if (PQenterPipelineMode(m_pg) != 1) fail("cannot enter pipeline mode: " + first_line(PQerrorMessage(m_pg)));
      m_pipelined = true;
    }
    if (PQsendQueryParams(m_pg, sql.c_str(), n, types, values, lengths, formats, 0) != 1) {
      m_lost = PQstatus(m_pg) == CONNECTION_BAD;
      std::string message = PQerrorMessage(m_pg);
      drop_pipeline();
      fail((m_lost ? "lost the connection to the server: " : "") + first_line(message));
    }
    // A window small enough that the server's replies never fill the socket
    // while it waits for us to read them.
    if (++m_pending >= k_pipeline_window) flush();
  }

  // Reads the outcome of every deferred statement; throws the first failure.
  void flush() {
    if (!m_pipelined) return;
    std::string first_error;
    if (PQpipelineSync(m_pg) == 1) {
      for (;;) {
        Result r(PQgetResult(m_pg));
        if (!r) {
          // The end of one statement's results, or nothing more ever: a dead connection.
          if (PQstatus(m_pg) != CONNECTION_BAD) continue;
          if (first_error.empty()) first_error = first_line(PQerrorMessage(m_pg));
          break;
        }
        auto status = PQresultStatus(r.get());
        if (status == PGRES_PIPELINE_SYNC) break;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
          count_changes(r.get());
        } else if (status != PGRES_PIPELINE_ABORTED && first_error.empty()) {
          first_error = first_line(PQresultErrorMessage(r.get()));
        }
        if (PQstatus(m_pg) == CONNECTION_BAD) {
          if (first_error.empty()) first_error = first_line(PQerrorMessage(m_pg));
          break;
        }
      }
    } else if (first_error.empty()) {
      first_error = first_line(PQerrorMessage(m_pg));
    }
    m_lost = PQstatus(m_pg) == CONNECTION_BAD;
    drop_pipeline();
    if (!first_error.empty()) fail((m_lost ? "lost the connection to the server: " : "") + first_error);
  }

  void reconnect() override {
    m_pipelined = false;
    m_pending = 0;
    PQfinish(m_pg);
    m_pg = nullptr;
    m_in_transaction = false;
    connect();
  }

  // Runs `query` (which returns a result); on a lost connection outside a
  // transaction, reconnects and runs it once more. Throws Error(storage).
  template <typename Query>
  Result run(Query&& query) {
    for (int attempt = 0;; ++attempt) {
      Result r = query();
      auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        m_lost = false;
        count_changes(r.get());
        return r;
      }
      m_lost = PQstatus(m_pg) == CONNECTION_BAD;
      std::string message = r ? PQresultErrorMessage(r.get()) : PQerrorMessage(m_pg);
      if (m_lost && !m_in_transaction && attempt == 0) {
        reconnect();
        continue;
      }
      if (m_lost) fail("lost the connection to the server: " + first_line(message));
      fail(first_line(message));
    }
  }

  PGconn* handle() { return m_pg; }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::storage, "store " + display_location(m_url) + ": " + what,
                {m_lost ? "check that the PostgreSQL server is running and reachable; then rerun (an eval with --resume)"
                        : "this is a bug in genops if the store was made by genops; please report it"});
  }

  void connect() {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + retry_budget();
    auto delay = milliseconds(100);
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {m_url.c_str(), "5", "genops", nullptr};
    for (;;) {
      m_pg = PQconnectdbParams(keys, values, 1);
      if (m_pg && PQstatus(m_pg) == CONNECTION_OK) break;
      std::string message = m_pg ? PQerrorMessage(m_pg) : "out of memory";
      PQfinish(m_pg);
      m_pg = nullptr;
      bool unreachable = message.find("could not connect") != std::string::npos ||
                         message.find("Connection refused") != std::string::npos ||
                         message.find("the database system is") != std::string::npos ||
                         message.find("timeout expired") != std::string::npos;
      if (!unreachable || steady_clock::now() + delay > deadline) {
        m_lost = unreachable;
        throw Error(ErrorKind::storage,
                    "cannot connect to the store " + display_location(m_url) + ": " + first_line(message),
                    {unreachable ? "check that the PostgreSQL server is running and reachable (retried for " +
                                       std::to_string(duration_cast<seconds>(retry_budget()).count()) +
                                       " s; GENOPS_STORE_RETRY_SECONDS sets how long)"
                                 : "check the user, database and password (PGPASSWORD or ~/.pgpass, never the URL)"});
      }
      std::this_thread::sleep_for(delay);
      delay = std::min(delay * 2, milliseconds(2000));
    }
    PQsetNoticeProcessor(m_pg, ignore_notice, nullptr);
    m_lost = false;
    Result r(PQexec(m_pg, "SET client_min_messages = warning"));
  }

  void count_changes(PGresult* r) {
    const char* n = PQcmdTuples(r);
    m_changes = (n && *n) ? std::atoll(n) : 0;
  }

  void drop_pipeline() {
    if (m_pipelined && PQstatus(m_pg) != CONNECTION_BAD) PQexitPipelineMode(m_pg);
    m_pipelined = false;
    m_pending = 0;
  }

  static constexpr int k_pipeline_window = 256;
  std::string m_url;
  PGconn* m_pg = nullptr;
  bool m_pipelined = false;
  int m_pending = 0;
  std::int64_t m_changes = 0;
  bool m_in_transaction = false;
  bool m_lost = false;
};

Params PgCursor::params() const {
  Params p{std::vector<const char*>(m_values.size()), std::vector<int>(m_values.size())};
  for (std::size_t i = 0; i < m_values.size(); ++i) {
    p.values[i] = m_values[i] ? m_values[i]->data() : nullptr;
    p.lengths[i] = m_values[i] ? static_cast<int>(m_values[i]->size()) : 0;
  }
  return p;
}

void PgCursor::run() {
  if (!m_conn.can_defer()) {
    while (step()) {
    }
    return;
  }
  const auto p = params();
  m_conn.send_deferred(m_sql, static_cast<int>(p.values.size()), m_types.data(), p.values.data(), p.lengths.data(),
                       m_formats.data());
}

bool PgCursor::step() {
  if (!m_result) {
    m_conn.flush();
    const auto p = params();
    m_result = m_conn.run([&] {
      return Result(PQexecParams(m_conn.handle(), m_sql.c_str(), static_cast<int>(p.values.size()), m_types.data(),
                                 p.values.data(), p.lengths.data(), m_formats.data(), 0));
    });
    m_row = -1;
  }
  return ++m_row < PQntuples(m_result.get());
}

std::unique_ptr<Connection> open_pg_connection(const std::string& url) { return std::make_unique<PgConnection>(url); }

[[maybe_unused]] const bool k_registered = (register_postgresql(&open_pg_connection), true);

}  // namespace

}  // namespace genops::core::lineage::detail
