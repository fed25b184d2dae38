#include "core/lineage/sqlite.hpp"

#include <sqlite3.h>

#include "core/error.hpp"

namespace genops::core::lineage {

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
}  // namespace

bool Database::open(const std::string& name, int flags, std::string& message) {
  int rc = sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr);
  if (rc == SQLITE_OK) return true;
  message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
  sqlite3_close(m_db);
  m_db = nullptr;
  return false;
}

Database::Database(const std::string& path, Create create) : m_path(path) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create == Create::yes) flags |= SQLITE_OPEN_CREATE;
  std::string message;
  if (!open(path, flags, message))
    throw Error(ErrorKind::storage, "cannot open the store " + path + ": " + message,
                {"check that the directory exists and is writable, or set GENOPS_STORE"});
  // busy_timeout before anything else: even the WAL pragma can meet a lock.
  sqlite3_busy_timeout(m_db, k_busy_timeout_ms);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA foreign_keys=ON");
  exec("PRAGMA synchronous=NORMAL");
}

Database::Database(const std::string& path, ReadOnly) : m_path(path), m_read_only(true) {
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  std::string message;
  for (const char* mode : {"?mode=ro", "?immutable=1"}) {
    if (!open(file_uri(path) + mode, flags, message)) break;
    sqlite3_busy_timeout(m_db, k_busy_timeout_ms);
    // The open is lazy: reading the schema is what meets a missing -shm.
    if (sqlite3_exec(m_db, "SELECT COUNT(*) FROM sqlite_schema", nullptr, nullptr, nullptr) == SQLITE_OK) return;
    message = sqlite3_errmsg(m_db);
    sqlite3_close(m_db);
    m_db = nullptr;
  }
  throw Error(ErrorKind::storage, "cannot read the store " + path + ": " + message,
              {"check that the file is a genops store and can be read"});
}

Database::~Database() { sqlite3_close_v2(m_db); }

void Database::fail(std::string_view what) const {
  throw Error(ErrorKind::storage,
              "store " + m_path + ": " + std::string(what) + ": " + sqlite3_errmsg(m_db));
}

void Database::exec(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string what = message ? message : "unknown error";
    sqlite3_free(message);
    throw Error(ErrorKind::storage, "store " + m_path + ": " + what);
  }
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    fail("cannot prepare statement");
  return Statement(*this, stmt);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
  other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(m_stmt, index, value);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(m_stmt, index);
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  m_db->fail("statement failed");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int column) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }
bool Statement::is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
std::string Statement::blob(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

Transaction::Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!m_done) {
    try {
      m_db.exec("ROLLBACK");
    } catch (...) {
      // Nothing to do: the connection's own rollback happens on close.
    }
  }
}

void Transaction::commit() {
  m_db.exec("COMMIT");
  m_done = true;
}

}  // namespace genops::core::lineage
