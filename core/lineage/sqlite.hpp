#pragma once
// A thin RAII wrapper over SQLite: a connection and prepared statements.
// sqlite3.h is included only by core/lineage/*.cpp.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace genops::core::lineage {

class Statement;

// One connection. Every failure throws Error(storage) naming the database file.
class Database {
 public:
  // Opens (creating when `create` is yes) the file, sets busy_timeout first,
  // then WAL, foreign keys and synchronous=NORMAL.
  enum class Create { no, yes };
  Database(const std::string& path, Create create);
  // Opens an existing file for reading only (SQLITE_OPEN_READONLY, `mode=ro`),
  // changing nothing on disk. When its directory cannot be written, a WAL
  // store's -shm cannot be created; then the file is opened `immutable=1`
  // (nothing else may write it meanwhile, true of a read-only mount).
  struct ReadOnly {};
  Database(const std::string& path, ReadOnly);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  const std::string& path() const { return m_path; }
  // True when opened with ReadOnly.
  bool read_only() const { return m_read_only; }
  [[noreturn]] void fail(std::string_view what) const;

 private:
  // sqlite3_open_v2 with `flags`; false (and the connection closed) on failure, with `message` set.
  bool open(const std::string& name, int flags, std::string& message);
  sqlite3* m_db = nullptr;
  std::string m_path;
  bool m_read_only = false;
};

// A prepared statement; bind with 1-based indices, step, read columns 0-based.
class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* stmt) : m_db(&db), m_stmt(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);
  // Binds raw bytes as a BLOB (e.g. an embedding's floats).
  Statement& bind_blob(int index, std::string_view bytes);
  // Advances; true while a row is available.
  bool step();
  // Runs to completion (for statements without rows).
  void run();
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;
  // A BLOB (or TEXT) column's bytes; empty for NULL.
  std::string blob(int column) const;

 private:
  Database* m_db;
  sqlite3_stmt* m_stmt;
};

// BEGIN IMMEDIATE … COMMIT, rolled back unless commit() is called.
// IMMEDIATE because a read-then-write transaction opened with plain BEGIN
// fails at once under contention whatever busy_timeout says (docs/reliability.md).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  bool m_done = false;
};

}  // namespace genops::core::lineage
