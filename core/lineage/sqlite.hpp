#pragma once
// The store's connection and prepared statements, on either backend: a
// SQLite file or a PostgreSQL server (a postgresql:// or postgres:// URL).
// SQL is written once, in the subset both speak: ?1… placeholders,
// INSERT … ON CONFLICT, RETURNING; see docs/team.md for the rules.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/lineage/connection.hpp"

namespace genops::core::lineage {

class Statement;

// True when `location` names a PostgreSQL server rather than a file.
bool is_server_url(std::string_view location);

// `location` fit to print: a URL's password (if one was written in it) masked.
std::string display_location(std::string_view location);

// One connection. Every failure throws Error(storage) naming the store.
class Database {
 public:
  // Opens (creating when `create` is yes) the store at `location`. A file gets
  // busy_timeout first, then WAL, foreign keys and synchronous=NORMAL; a URL
  // connects (retrying with backoff while the server is unreachable).
  enum class Create { no, yes };
  Database(const std::string& location, Create create);
  // Opens an existing file for reading only (SQLITE_OPEN_READONLY, `mode=ro`),
  // changing nothing on disk. When its directory cannot be written, a WAL
  // store's -shm cannot be created; then the file is opened `immutable=1`
  // (nothing else may write it meanwhile, true of a read-only mount).
  // A URL connects as usual.
  struct ReadOnly {};
  Database(const std::string& location, ReadOnly);
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int changes() const;
  // The location as given (a path or a URL); display_location() to print it.
  const std::string& path() const { return m_path; }
  Dialect dialect() const;
  // True when opened with ReadOnly on a file.
  bool read_only() const;

  // Runs `body` in a write transaction and commits it. When the connection to
  // a server is lost, reconnects with backoff and runs `body` again (so it
  // must be idempotent: ON CONFLICT DO NOTHING writes are); when the server
  // stays away, Error(storage).
  template <typename Body>
  void write(Body&& body);

  detail::Connection& connection() { return *m_conn; }

 private:
  std::string m_path;
  std::unique_ptr<detail::Connection> m_conn;
};

// A prepared statement; bind with 1-based indices, step, read columns 0-based.
class Statement {
 public:
  Statement(Database& db, std::unique_ptr<detail::Cursor> cursor) : m_db(&db), m_cursor(std::move(cursor)) {}
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
  std::unique_ptr<detail::Cursor> m_cursor;
};

// A write transaction, rolled back unless commit() is called. On SQLite it is
// BEGIN IMMEDIATE, because a read-then-write transaction opened with plain
// BEGIN fails at once under contention whatever busy_timeout says
// (docs/reliability.md); on PostgreSQL, BEGIN plus a transaction-scoped
// advisory lock, which gives every writer the same one-at-a-time order.
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

// Retries `body` (see Database::write).
void write_with_retry(Database& db, const std::function<void()>& body);

template <typename Body>
void Database::write(Body&& body) {
  write_with_retry(*this, std::function<void()>([&] {
    Transaction tx(*this);
    body();
    tx.commit();
  }));
}

}  // namespace genops::core::lineage
