#pragma once
// The commit a git checkout is at, read from the repository's own files, so
// that recording it costs no git process (two process spawns were ~5 % of a
// short eval's wall time, and far more on a loaded machine).
#include <filesystem>
#include <optional>
#include <string>

namespace genops::core {

// The 40-hex commit HEAD of the checkout holding `dir` resolves to (a loose or
// packed ref, a linked worktree's, or a detached HEAD); "" when `dir` is not
// in a checkout or HEAD has no commit yet. nullopt when git itself must be
// asked: GIT_DIR or GIT_WORK_TREE set, a repository owned by another user
// (git's safe.directory), a reftable or other unknown layout. Never throws.
std::optional<std::string> read_git_head(const std::filesystem::path& dir);

}  // namespace genops::core
