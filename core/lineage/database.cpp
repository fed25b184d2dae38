#include "core/lineage/sqlite.hpp"

#include "core/error.hpp"
#include "core/lineage/pg_connection.hpp"
#include "core/lineage/sqlite_connection.hpp"

namespace genops::core::lineage {

bool is_server_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string display_location(std::string_view location) {
  std::string out(location);
  if (!is_server_url(location)) return out;
  auto scheme = out.find("://") + 3;
  auto at = out.find('@', scheme);
  auto slash = out.find('/', scheme);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return out;
  auto colon = out.find(':', scheme);
  if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  return out;
}

Database::Database(const std::string& location, Create create)
    : m_path(location),
      m_conn(is_server_url(location) ? detail::open_postgresql(location)
                                     : detail::sqlite_backend().open(location, create == Create::yes)) {}

Database::Database(const std::string& location, ReadOnly)
    : m_path(location),
      m_conn(is_server_url(location) ? detail::open_postgresql(location) : detail::sqlite_backend().open_read_only(location)) {}

Database::~Database() = default;
Database::Database(Database&&) noexcept = default;

void Database::exec(std::string_view sql) { m_conn->exec(sql); }
Statement Database::prepare(std::string_view sql) { return Statement(*this, m_conn->prepare(sql)); }
int Database::changes() const { return static_cast<int>(m_conn->changes()); }
Dialect Database::dialect() const { return m_conn->dialect(); }
bool Database::read_only() const { return m_conn->read_only(); }

Statement::~Statement() = default;
Statement::Statement(Statement&& other) noexcept = default;

Statement& Statement::bind(int index, std::string_view text) {
  m_cursor->bind_text(index, text);
  return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
  m_cursor->bind_integer(index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  m_cursor->bind_real(index, value);
  return *this;
}
Statement& Statement::bind_null(int index) {
  m_cursor->bind_null(index);
  return *this;
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
  m_cursor->bind_blob(index, bytes);
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() { return m_cursor->step(); }

void Statement::run() { m_cursor->run(); }

void Statement::reset() { m_cursor->reset(); }
std::string Statement::text(int column) const { return m_cursor->text(column); }
std::int64_t Statement::integer(int column) const { return m_cursor->integer(column); }
double Statement::real(int column) const { return m_cursor->real(column); }
bool Statement::is_null(int column) const { return m_cursor->is_null(column); }
std::string Statement::blob(int column) const { return m_cursor->blob(column); }

Transaction::Transaction(Database& db) : m_db(db) { m_db.connection().begin_write(); }

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

void write_with_retry(Database& db, const std::function<void()>& body) {
  constexpr int k_max_attempts = 5;  // a connection that flaps this often is as good as gone
  for (int attempt = 1;; ++attempt) {
    try {
      body();
      return;
    } catch (const Error&) {
      if (!db.connection().connection_lost() || attempt == k_max_attempts) throw;
      // Throws Error(storage) when the server stays away.
      db.connection().reconnect();
    }
  }
}

}  // namespace genops::core::lineage
