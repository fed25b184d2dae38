#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/prompt/prompt_store.hpp"
#include "core/lineage/store.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::core;
using namespace genops::core::lineage;
using namespace genops::core::prompt;

namespace fs = std::filesystem;

TEST_CASE("lineage::Store: Access::read never creates a store or its directory") {
  genops::test::TempDir dir;
  auto path = dir.path() / "missing" / "x.db";
  try {
    Store store(path, Access::read);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::storage);
    CHECK(std::string(e.what()) == "no store at " + path.string());
    REQUIRE_FALSE(e.hints().empty());
    CHECK(e.hints()[0].find("genops init") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir.path() / "missing"));
}

TEST_CASE("lineage::Store: Access::read of an existing writable store reads it as it is") {
  genops::test::TempDir dir;
  auto path = dir.path() / "genops.db";
  { Store store(path); PromptStore(store).list(); }
  Store store(path, Access::read);
  CHECK_FALSE(store.read_only());
  CHECK(store.opened_version() == k_schema_version);
}

// Root ignores file modes, so a read-only file cannot be made here; these
// open read-only directly, as Store does when store_writable() says no (the
// e2e suite test_store_access.sh covers a real read-only mount).
TEST_CASE("lineage::Database: ReadOnly reads without writing, and a write names the store") {
  genops::test::TempDir dir;
  auto path = (dir.path() / "genops.db").string();
  { Store store(path); store.put_blob("kept"); }
  Database db(path, Database::ReadOnly{});
  CHECK(db.read_only());
  auto count = db.prepare("SELECT COUNT(*) FROM blobs");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 1);
  try {
    db.exec("INSERT INTO blobs(hash, size, content) VALUES('h', 1, 'x')");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::storage);
    CHECK(std::string(e.what()).find("store " + path + ": attempt to write a readonly database") == 0);
  }
}

TEST_CASE("lineage::Database: ReadOnly falls back to immutable when the WAL index cannot be opened") {
  genops::test::TempDir dir;
  auto path = (dir.path() / "genops.db").string();
  { Store store(path); store.put_blob("kept"); }
  REQUIRE_FALSE(fs::exists(path + "-shm"));  // removed on a clean close
  // What a read-only directory does to a WAL reader: the -shm cannot be created or opened.
  fs::create_directory(path + "-shm");
  Database db(path, Database::ReadOnly{});
  auto count = db.prepare("SELECT COUNT(*) FROM blobs");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 1);
}

TEST_CASE("lineage::store_writable: a writable file in a writable directory") {
  genops::test::TempDir dir;
  auto path = dir.write("genops.db", "");
  CHECK(store_writable(path));
  CHECK_FALSE(store_writable(dir.path() / "absent" / "genops.db"));
}
