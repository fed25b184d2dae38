#include "core/lineage/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "core/error.hpp"

namespace genops::core::lineage::detail {

namespace {
constexpr int k_busy_timeout_ms = 30'000;

// `path` as a file: URI, percent-encoding what a URI would read otherwise.
std::string file_uri(const std::string& path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) {
      uri += '%';
      uri += k_hex[c >> 4];
      uri += k_hex[c & 15];
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri;
}

class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(sqlite3* db, sqlite3_stmt* stmt, const std::string& path) : m_db(db), m_stmt(stmt), m_path(path) {}
  ~SqliteCursor() override { sqlite3_finalize(m_stmt); }
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;

  void bind_text(int index, std::string_view text) override {
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind_integer(int index, std::int64_t value) override { sqlite3_bind_int64(m_stmt, index, value); }
  void bind_real(int index, double value) override { sqlite3_bind_double(m_stmt, index, value); }
  void bind_null(int index) override { sqlite3_bind_null(m_stmt, index); }
  void bind_blob(int index, std::string_view bytes) override {
    sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  bool step() override {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw Error(ErrorKind::storage, "store " + m_path + ": statement failed: " + sqlite3_errmsg(m_db));
  }
  void reset() override {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  }
  std::string text(int column) const override {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(m_stmt, column); }
  double real(int column) const override { return sqlite3_column_double(m_stmt, column); }
  bool is_null(int column) const override { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
  std::string blob(int column) const override {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
  }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt;
  const std::string& m_path;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(std::string path) : m_path(std::move(path)) {}
  ~SqliteConnection() override { sqlite3_close_v2(m_db); }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // sqlite3_open_v2 with `flags`; false (and the connection closed) on failure, with `message` set.
  bool open(const std::string& name, int flags, std::string& message) {
    int rc = sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr);
    if (rc == SQLITE_OK) {
      // busy_timeout before anything else: even the WAL pragma can meet a lock.
      sqlite3_busy_handler(m_db, &SqliteConnection::wait_for_lock, this);
      return true;
    }
    message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    close();
    return false;
  }
  void close() {
    sqlite3_close(m_db);
    m_db = nullptr;
  }
  void mark_read_only() { m_read_only = true; }
  sqlite3* handle() { return m_db; }

  Dialect dialect() const override { return Dialect::sqlite; }
  void exec(std::string_view sql) override {
    char* message = nullptr;
    std::string text(sql);
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string what = message ? message : "unknown error";
      sqlite3_free(message);
      throw Error(ErrorKind::storage, "store " + m_path + ": " + what);
    }
  }
  std::unique_ptr<Cursor> prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
      throw Error(ErrorKind::storage, "store " + m_path + ": cannot prepare statement: " + sqlite3_errmsg(m_db));
    return std::make_unique<SqliteCursor>(m_db, stmt, m_path);
  }
  std::int64_t changes() const override { return sqlite3_changes(m_db); }
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  int schema_version() override {
    auto stmt = prepare("PRAGMA user_version");
    stmt->step();
    return static_cast<int>(stmt->integer(0));
  }
  void set_schema_version(int version) override { exec("PRAGMA user_version=" + std::to_string(version)); }
  bool read_only() const override { return m_read_only; }

 private:
  // The busy handler: waits up to k_busy_timeout_ms for a lock another
  // connection holds, trying again every 100 µs, then every 1 ms after 10 ms.
  // (sqlite3_busy_timeout sleeps 1, 2, 5, 10, 15, 20, 25 ms… between tries, so
  // a lock released after 1 ms kept its waiter asleep up to 24 ms longer; an
  // eval's dispatching thread slept ~60 ms at a time behind the run recorder,
  // its slots idle: issue 14, bench/eval/README.md.)
  static int wait_for_lock(void* self, int count) {
    auto* conn = static_cast<SqliteConnection*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) conn->m_busy_since = now;
    const auto waited = now - conn->m_busy_since;
    if (waited >= std::chrono::milliseconds(k_busy_timeout_ms)) return 0;
    std::this_thread::sleep_for(waited < std::chrono::milliseconds(10) ? std::chrono::microseconds(100)
                                                                       : std::chrono::microseconds(1000));
    return 1;
  }

  std::string m_path;
  sqlite3* m_db = nullptr;
  bool m_read_only = false;
  std::chrono::steady_clock::time_point m_busy_since;
};

}  // namespace

// WAL pages (4 KiB each) between automatic checkpoints: 40 MiB at most.
constexpr int k_checkpoint_pages = 10000;

std::unique_ptr<Connection> open_sqlite(const std::string& path, bool create) {
  auto conn = std::make_unique<SqliteConnection>(path);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  std::string message;
  if (!conn->open(path, flags, message))
    throw Error(ErrorKind::storage, "cannot open the store " + path + ": " + message,
                {"check that the directory exists and is writable, or set GENOPS_STORE"});
  conn->exec("PRAGMA journal_mode=WAL");
  conn->exec("PRAGMA foreign_keys=ON");
  conn->exec("PRAGMA synchronous=NORMAL");
  // Checkpoint every k_checkpoint_pages of WAL instead of SQLite's 1,000:
  // each checkpoint reads the WAL's pages back (pread) and writes them into
  // the store, and an eval's writers (results, runs, steps) rewrite the same
  // leaf pages between checkpoints (bench/store/README.md: syscalls per case).
  conn->exec("PRAGMA wal_autocheckpoint=" + std::to_string(k_checkpoint_pages));
  return conn;
}

std::unique_ptr<Connection> open_sqlite_read_only(const std::string& path) {
  auto conn = std::make_unique<SqliteConnection>(path);
  conn->mark_read_only();
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  std::string message;
  for (const char* mode : {"?mode=ro", "?immutable=1"}) {
    if (!conn->open(file_uri(path) + mode, flags, message)) break;
    // The open is lazy: reading the schema is what meets a missing -shm.
    if (sqlite3_exec(conn->handle(), "SELECT COUNT(*) FROM sqlite_schema", nullptr, nullptr, nullptr) == SQLITE_OK)
      return conn;
    message = sqlite3_errmsg(conn->handle());
    conn->close();
  }
  throw Error(ErrorKind::storage, "cannot read the store " + path + ": " + message,
              {"check that the file is a genops store and can be read"});
}

}  // namespace genops::core::lineage::detail

namespace genops::core::lineage::detail {
namespace {

[[maybe_unused]] const bool k_registered = (register_sqlite({&open_sqlite, &open_sqlite_read_only}), true);

}  // namespace
}  // namespace genops::core::lineage::detail
