#include "core/fs.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "core/error.hpp"

namespace genops::core {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_too_large(const fs::path& path, const std::string& size, std::size_t max_bytes) {
  fail_input(display_path(path) + ": file is " + size + " bytes, over the limit of " + std::to_string(max_bytes) +
                 " bytes",
             {"split the file, or keep large data in a dataset file, which is streamed"});
}

// A pipe, a terminal or /dev/stdin has no size: read it in chunks, up to the limit.
std::string read_stream(std::ifstream& in, const fs::path& path, std::size_t max_bytes) {
  std::string content;
  std::array<char, 64 * 1024> chunk{};
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (content.size() + got > max_bytes) fail_too_large(path, "more than " + std::to_string(max_bytes), max_bytes);
    content.append(chunk.data(), got);
  }
  if (in.bad()) fail_input(display_path(path) + ": read failed: " + std::strerror(errno));
  return content;
}

}  // namespace

std::string read_file(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    fail_input(display_path(path) + ": no such file", {"check the path, relative to " + display_path(fs::current_path()) });
  }
  if (fs::is_directory(status)) fail_input(display_path(path) + ": is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_input(display_path(path) + ": cannot open: " + std::strerror(errno));
  if (!fs::is_regular_file(status)) return read_stream(in, path, max_bytes);
  auto size = fs::file_size(path, ec);
  if (ec) fail_input(display_path(path) + ": cannot read its size: " + ec.message());
  if (size > max_bytes) fail_too_large(path, std::to_string(size), max_bytes);
  std::string content;
  content.resize(static_cast<std::size_t>(size));
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content;
}

void write_file_atomic(const fs::path& path, std::string_view content) {
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) fail_input(display_path(path) + ": cannot write: " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) fail_input(display_path(path) + ": write failed: " + std::strerror(errno));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fail_input(display_path(path) + ": cannot rename into place: " + ec.message());
}

std::string display_path(const fs::path& path) {
  std::error_code ec;
  if (path.is_relative()) return path.lexically_normal().string();
  auto rel = fs::relative(path, fs::current_path(ec), ec);
  if (!ec && !rel.empty() && rel.string().rfind("..", 0) != 0) return rel.string();
  return path.string();
}

}  // namespace genops::core
