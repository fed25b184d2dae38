// read_git_head against git's own answer (`git rev-parse HEAD`) in the layouts
// it reads: a loose ref, packed refs, a detached HEAD, a linked worktree, a subfolder.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "core/git_head.hpp"
#include "core/strings.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

std::string sh(const std::string& command) {
  std::string out;
  if (std::FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    pclose(pipe);
  }
  return genops::core::trim(out);
}

std::string git(const std::filesystem::path& dir, const std::string& args) {
  return sh("git -C '" + dir.string() + "' -c user.name=t -c user.email=t@example.com -c init.defaultBranch=main " + args);
}

void commit(const std::filesystem::path& dir, const std::string& file) {
  std::ofstream(dir / file) << file;
  git(dir, "add " + file);
  git(dir, "commit -q -m " + file);
}

}  // namespace

TEST_CASE("core::read_git_head: the commit git rev-parse HEAD names, without running git") {
  if (sh("git --version").empty()) return;  // no git on this machine: nothing to compare with
  genops::test::TempDir tmp;
  const auto repo = tmp.path() / "repo";
  std::filesystem::create_directories(repo / "sub" / "deeper");

  CHECK(genops::core::read_git_head(repo) == std::optional<std::string>(""));  // not a checkout (TempDir is not in one)
  git(repo, "init -q");
  CHECK(genops::core::read_git_head(repo) == std::optional<std::string>(""));  // no commit yet

  commit(repo, "a");
  const auto first = git(repo, "rev-parse HEAD");
  REQUIRE(first.size() == 40);
  CHECK(genops::core::read_git_head(repo) == first);                   // loose ref
  CHECK(genops::core::read_git_head(repo / "sub" / "deeper") == first);  // from a subfolder

  git(repo, "pack-refs --all");
  CHECK(genops::core::read_git_head(repo) == first);  // packed-refs

  commit(repo, "b");
  const auto second = git(repo, "rev-parse HEAD");
  CHECK(second != first);
  CHECK(genops::core::read_git_head(repo) == second);

  git(repo, "checkout -q --detach " + first);
  CHECK(genops::core::read_git_head(repo) == first);  // detached
  git(repo, "checkout -q main");

  const auto linked = tmp.path() / "linked";
  git(repo, "worktree add -q -b side '" + linked.string() + "'");
  commit(linked, "c");
  const auto third = git(linked, "rev-parse HEAD");
  CHECK(genops::core::read_git_head(linked) == third);  // a linked worktree: .git is a file
  CHECK(genops::core::read_git_head(repo) == second);
}
