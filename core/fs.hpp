#pragma once
// File-system helpers that fail with located, user-facing errors.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace genops::core {

inline constexpr std::size_t k_default_max_file_bytes = 1024 * 1024;  // 1 MiB for YAML files

// Reads a whole file, or a pipe (/dev/stdin, <(...)) to its end. Throws
// Error(invalid_input) naming the path when it is missing, unreadable, a
// directory, or larger than `max_bytes` (a file's size is checked before reading).
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes = k_default_max_file_bytes);

// Writes a file atomically (temp file + rename). Throws Error(invalid_input) on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// `path` relative to the current directory when that is shorter, for messages.
std::string display_path(const std::filesystem::path& path);

}  // namespace genops::core
