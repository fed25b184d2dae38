#include <doctest/doctest.h>

#include <map>

#include "core/config/project.hpp"
#include "core/error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::core;
using namespace genops::core::config;

namespace {

ProjectOptions options_in(const std::filesystem::path& cwd, std::map<std::string, std::string> env = {}) {
  ProjectOptions o;
  o.cwd = cwd;
  o.getenv = [env](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(std::string(name));
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

const char* k_project = R"(version: 1
store: data/store.db
defaults:
  provider: local
  concurrency: 8
providers:
  local: {kind: mock, responses: mocks/m.yaml}
  gpt: {kind: openai, model: gpt-4o-mini, api_key_env: OPENAI_API_KEY, max_retries: 2}
prices:
  gpt-4o-mini: {input: 0.15, output: 0.6}
)";

}  // namespace

TEST_CASE("config::load_project: discovery walks up and precedence is default < file < env < flag") {
  genops::test::TempDir dir;
  dir.write("genops.yaml", k_project);
  std::filesystem::create_directories(dir.path() / "a" / "b");
  auto cwd = dir.path() / "a" / "b";

  SUBCASE("file values with their line") {
    auto p = load_project(options_in(cwd));
    CHECK(p.file == dir.path() / "genops.yaml");
    CHECK(p.store_path == dir.path() / "data/store.db");
    CHECK(p.setting("store")->origin == "genops.yaml:2");
    CHECK(p.setting("defaults.timeout")->origin == "default");
    CHECK(p.defaults.concurrency == 8);
    CHECK(p.provider("gpt").limits.max_retries == 2);
    CHECK(p.provider("local").options["responses"] == (dir.path() / "mocks/m.yaml").string());
    CHECK(p.prices.at("gpt-4o-mini").output == 0.6);
  }
  SUBCASE("environment over file, flag over environment") {
    auto o = options_in(cwd, {{"GENOPS_STORE", "/tmp/env.db"}, {"GENOPS_CONCURRENCY", "4"}});
    auto p = load_project(o);
    CHECK(p.store_path == "/tmp/env.db");
    CHECK(p.setting("store")->origin == "env GENOPS_STORE");
    CHECK(p.defaults.concurrency == 4);
    o.store = "/tmp/flag.db";
    o.concurrency = 2;
    p = load_project(o);
    CHECK(p.store_path == "/tmp/flag.db");
    CHECK(p.setting("store")->origin == "flag --store");
    CHECK(p.setting("defaults.concurrency")->origin == "flag -j");
  }
  SUBCASE("a bad environment value names the variable") {
    try {
      load_project(options_in(cwd, {{"GENOPS_CONCURRENCY", "many"}}));
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) == "env GENOPS_CONCURRENCY: defaults.concurrency: expected a number, got \"many\"");
    }
  }
  SUBCASE("unknown provider with did-you-mean") {
    auto p = load_project(options_in(cwd));
    try {
      p.provider("gtp");
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.hints().front() == "did you mean \"gpt\"?");
    }
  }
}

TEST_CASE("config::load_project: errors") {
  genops::test::TempDir dir;
  SUBCASE("no project") {
    CHECK_THROWS_AS(load_project(options_in(dir.path())), Error);
    auto p = load_project(options_in(dir.path(), {{"GENOPS_STORE", "/tmp/x.db"}}));
    CHECK_FALSE(p.has_file());
    CHECK(p.store_path == "/tmp/x.db");
  }
  SUBCASE("unknown provider kind and key") {
    dir.write("genops.yaml", "version: 1\nproviders:\n  x: {kind: opneai}\n");
    try {
      load_project(options_in(dir.path()));
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("genops.yaml:3:") != std::string::npos);
      CHECK(e.hints().front() == "did you mean \"openai\"?");
    }
  }
  SUBCASE("a literal API key is refused") {
    dir.write("genops.yaml", "version: 1\nproviders:\n  x: {kind: openai, api_key_env: sk-abcdefabcdefabcdef}\n");
    try {
      load_project(options_in(dir.path()));
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("expected the NAME of an environment variable") != std::string::npos);
      CHECK(std::string(e.what()).find("abcdefabcdef") == std::string::npos);
    }
  }
}
