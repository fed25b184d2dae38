#pragma once
// The stores a store test runs against: always a SQLite file, and a fresh
// PostgreSQL database when the test harness started a server (ctest's
// `postgresql` fixture writes its URL to the file GENOPS_TEST_PG_FILE names).
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace genops::test {

struct StoreBackend {
  std::string name;      // "sqlite" or "postgresql"
  std::string location;  // a file path or a postgresql:// URL
};

// A SQLite file `file` under `dir`, then (when a server runs) a new database on it.
std::vector<StoreBackend> store_backends(const TempDir& dir, std::string_view file = "genops.db");

// The server's URL, or empty when the harness started none. When
// GENOPS_TEST_PG_FILE is set but unreadable, fails the test: a missing server
// must never turn PostgreSQL tests into silent passes.
std::string postgresql_server_url();

// Creates an empty database on the test server and returns its URL.
std::string new_postgresql_database();

}  // namespace genops::test
