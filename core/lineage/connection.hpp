#pragma once
// The two halves a store backend implements behind Database and Statement:
// a connection and a prepared statement's cursor. Only core/lineage/ sees
// these; SQLite lives in sqlite_connection.cpp, PostgreSQL in pg_connection.cpp.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace genops::core::lineage {

// Which SQL a store speaks where the two differ (migrations, schema version,
// full-text search, administration).
enum class Dialect { sqlite, postgresql };

namespace detail {

class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_null(int index) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  // Runs the statement on the first call after a reset; true while a row is available.
  virtual bool step() = 0;
  // Runs a statement whose rows nobody reads. A backend may defer its
  // outcome to the next statement that returns rows, changes() or COMMIT.
  virtual void run() {
    while (step()) {
    }
  }
  // Forgets the rows and the bindings.
  virtual void reset() = 0;
  virtual std::string text(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  virtual std::string blob(int column) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters.
  virtual void exec(std::string_view sql) = 0;
  virtual std::unique_ptr<Cursor> prepare(std::string_view sql) = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  virtual std::int64_t changes() const = 0;
  // Starts a write transaction that serialises with every other writer.
  virtual void begin_write() = 0;
  // The schema version recorded in the store (0 for an empty one).
  virtual int schema_version() = 0;
  // Records `version`; called inside the migrating transaction.
  virtual void set_schema_version(int version) = 0;
  // Drops a broken connection and connects again (retrying with backoff);
  // throws Error(storage) when the server stays away. SQLite has nothing to do.
  virtual void reconnect() {}
  // True when the last failure was the connection itself, not the SQL.
  virtual bool connection_lost() const { return false; }
  virtual bool read_only() const { return false; }
};

}  // namespace detail
}  // namespace genops::core::lineage
