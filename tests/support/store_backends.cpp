#include "tests/support/store_backends.hpp"

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

#include "core/lineage/sqlite.hpp"

namespace genops::test {

std::string postgresql_server_url() {
  const char* file = std::getenv("GENOPS_TEST_PG_FILE");
  if (!file || !*file) return {};
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty())
    throw std::runtime_error(std::string("GENOPS_TEST_PG_FILE=") + file + " names no server URL: did pg_start fail?");
  return url;
}

std::string new_postgresql_database() {
  auto url = postgresql_server_url();
  if (url.empty()) throw std::runtime_error("no PostgreSQL test server (GENOPS_TEST_PG_FILE is unset)");
  static std::mt19937_64 rng{std::random_device{}()};
  std::string name = "genops_t" + std::to_string(rng() % 1'000'000'000'000ULL);
  core::lineage::Database server(url, core::lineage::Database::Create::no);
  server.exec("CREATE DATABASE " + name);
  return url.substr(0, url.rfind('/') + 1) + name;
}

std::vector<StoreBackend> store_backends(const TempDir& dir, std::string_view file) {
  std::vector<StoreBackend> out{{"sqlite", (dir.path() / file).string()}};
  if (!postgresql_server_url().empty()) out.push_back({"postgresql", new_postgresql_database()});
  return out;
}

}  // namespace genops::test
