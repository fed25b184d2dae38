#include <doctest/doctest.h>

#include <sqlite3.h>

#include "core/error.hpp"
#include "core/lineage/migrations.hpp"
#include "core/prompt/prompt_store.hpp"
#include "core/lineage/store.hpp"
#include "tests/support/store_backends.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::core;
using namespace genops::core::lineage;
using namespace genops::core::prompt;

namespace {

NewPromptVersion version(const std::string& name, const std::string& hash) {
  return {name, hash, "{\"h\":\"" + hash + "\"}", "source " + hash, "p.yaml", "msg " + hash, "tester"};
}

int user_version(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  int v = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return v;
}

void run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace

TEST_CASE("lineage::Store: creates, migrates and refuses a newer store") {
  genops::test::TempDir dir;
  auto path = (dir.path() / "sub" / "genops.db").string();
  SUBCASE("fresh store at the current schema, in WAL mode") {
    { Store store(path); CHECK(store.opened_version() == 0); }
    CHECK(user_version(path) == k_schema_version);
    Store again(path);
    CHECK(again.opened_version() == k_schema_version);
    auto mode = again.db().prepare("PRAGMA journal_mode");
    mode.step();
    CHECK(mode.text(0) == "wal");
    // Checkpoints every 10,000 WAL pages, not SQLite's 1,000 (bench/store/README.md).
    auto checkpoint = again.db().prepare("PRAGMA wal_autocheckpoint");
    checkpoint.step();
    CHECK(checkpoint.integer(0) == 10000);
  }
  SUBCASE("a version 1 store migrates forward, keeping its rows") {
    std::filesystem::create_directories(dir.path() / "sub");
    run_sql(path, std::string(migrations(Dialect::sqlite)[0]) + "PRAGMA user_version=1;" +
                      "INSERT INTO prompts(name, created_at) VALUES('kept', 'now');");
    Store store(path);
    CHECK(store.opened_version() == 1);
    CHECK(user_version(path) == k_schema_version);
    auto count = store.db().prepare("SELECT COUNT(*) FROM prompts WHERE name = 'kept'");
    count.step();
    CHECK(count.integer(0) == 1);
    store.db().exec("SELECT key FROM response_cache");  // the v2 table exists
  }
  SUBCASE("a newer store is refused with exit 5 and left untouched") {
    std::filesystem::create_directories(dir.path() / "sub");
    run_sql(path, "CREATE TABLE future(x); PRAGMA user_version=" + std::to_string(k_schema_version + 1) + ";");
    try {
      Store store(path);
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::storage);
      CHECK(exit_code(e.kind()) == 5);
      CHECK(std::string(e.what()).find("newer than this genops understands") != std::string::npos);
    }
    CHECK(user_version(path) == k_schema_version + 1);
  }
  SUBCASE("a directory that cannot be created is a storage error") {
    dir.write("file", "x");
    CHECK_THROWS_AS(Store((dir.path() / "file" / "x.db").string()), Error);
  }
}

TEST_CASE("lineage::Store: blobs are stored once by content hash (both backends)") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
  CAPTURE(backend.name);
  Store store(backend.location);
  auto h1 = store.put_blob("hello");
  auto h2 = store.put_blob("hello");
  CHECK(h1 == h2);
  CHECK(h1 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  CHECK(store.get_blob(h1) == std::optional<std::string>("hello"));
  CHECK_FALSE(store.get_blob("00").has_value());
  auto count = store.db().prepare("SELECT COUNT(*) FROM blobs");
  count.step();
  CHECK(count.integer(0) == 1);
  }
}

TEST_CASE("core::prompt::PromptStore: versions, identical content, labels and history (both backends)") {
  genops::test::TempDir dir;
  for (const auto& backend : genops::test::store_backends(dir)) {
  CAPTURE(backend.name);
  Store store(backend.location);
  PromptStore prompts(store);
  auto a = prompts.add_version(version("p", "aaaa1111"));
  CHECK(a.created);
  CHECK(a.version.number == 1);
  CHECK(a.version.parent_number == 0);
  auto same = prompts.add_version(version("p", "aaaa1111"));
  CHECK_FALSE(same.created);
  CHECK(same.version.number == 1);
  auto b = prompts.add_version(version("p", "bbbb2222"), "production");
  CHECK(b.version.number == 2);
  CHECK(b.version.parent_number == 1);
  REQUIRE(b.label_move.has_value());
  CHECK(b.label_move->previous == 0);
  CHECK(prompts.find_label("p", "production")->number == 2);

  auto back = prompts.set_label("p", 1, "production", "tester");
  CHECK(back.previous == 2);
  CHECK(prompts.find_label("p", "production")->number == 1);
  auto history = prompts.label_history("p");
  REQUIRE(history.size() == 2);
  CHECK(history[0].number == 2);
  CHECK(history[1].number == 1);
  CHECK(history[1].previous == 2);

  CHECK(prompts.find_hash_prefix("p", "bbbb").size() == 1);
  CHECK(prompts.find_latest("p")->number == 2);
  CHECK(prompts.log("p").front().number == 2);
  CHECK(prompts.source_text(*prompts.find_number("p", 2)) == std::optional<std::string>("source bbbb2222"));
  auto list = prompts.list();
  REQUIRE(list.size() == 1);
  CHECK(list[0].versions == 2);
  CHECK(list[0].labels == std::vector<std::pair<std::string, std::int64_t>>{{"production", 1}});
  CHECK_THROWS_AS(prompts.set_label("p", 7, "x", "t"), Error);
  }
}
