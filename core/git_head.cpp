#include "core/git_head.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/strings.hpp"

namespace genops::core {

namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_commit(const std::string& text) {
  return text.size() == 40 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool owned_by_us(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && st.st_uid == ::geteuid();
}

// The repository directory of the checkout holding `dir`: fs::path() when
// there is none, nullopt when it cannot be read.
std::optional<fs::path> find_git_dir(const fs::path& dir) {
  std::error_code ec;
  fs::path at = fs::absolute(dir, ec);
  if (ec) return std::nullopt;
  for (;;) {
    const fs::path dot_git = at / ".git";
    if (fs::is_directory(dot_git, ec)) return dot_git;
    if (fs::is_regular_file(dot_git, ec)) {  // a linked worktree or submodule: "gitdir: PATH"
      const auto text = read_text(dot_git);
      if (!text || text->rfind("gitdir: ", 0) != 0) return std::nullopt;
      fs::path target = trim(text->substr(8));
      return target.is_absolute() ? target : at / target;
    }
    if (!at.has_parent_path() || at.parent_path() == at) return fs::path();
    at = at.parent_path();
  }
}

// `ref` ("refs/heads/main") as a loose ref in `git_dir` or `common`, else in packed-refs.
std::optional<std::string> resolve_ref(const fs::path& git_dir, const fs::path& common, const std::string& ref) {
  for (const fs::path& base : {git_dir, common})
    if (auto loose = read_text(base / ref)) return trim(*loose);
  const auto packed = read_text(common / "packed-refs");
  if (!packed) return std::string();
  std::istringstream lines(*packed);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#' || line[0] == '^') continue;
    const auto space = line.find(' ');
    if (space != std::string::npos && trim(line.substr(space + 1)) == ref) return line.substr(0, space);
  }
  return std::string();  // an unborn branch
}

}  // namespace

std::optional<std::string> read_git_head(const fs::path& dir) {
  try {
    if (std::getenv("GIT_DIR") || std::getenv("GIT_WORK_TREE")) return std::nullopt;
    const auto git_dir = find_git_dir(dir);
    if (!git_dir) return std::nullopt;
    if (git_dir->empty()) return std::string();
    if (!owned_by_us(*git_dir)) return std::nullopt;
    std::error_code ec;
    if (fs::exists(*git_dir / "reftable", ec)) return std::nullopt;
    fs::path common = *git_dir;
    if (auto text = read_text(*git_dir / "commondir")) {
      fs::path c = trim(*text);
      common = c.is_absolute() ? c : *git_dir / c;
    }
    auto head = read_text(*git_dir / "HEAD");
    if (!head) return std::nullopt;
    std::string value = trim(*head);
    if (value.rfind("ref: ", 0) == 0) {
      auto resolved = resolve_ref(*git_dir, common, trim(value.substr(5)));
      if (!resolved) return std::nullopt;
      value = *resolved;
      if (value.rfind("ref: ", 0) == 0) return std::nullopt;  // a symbolic ref to a symbolic ref
    }
    return is_commit(value) ? value : std::string();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace genops::core
