#include "core/spool.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/fs.hpp"

namespace genops::core {

namespace fs = std::filesystem;

namespace {

fs::path make_temp_file() {
  std::error_code ec;
  auto dir = fs::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string name = (dir / "genops-input-XXXXXX").string();
  int fd = ::mkstemp(name.data());
  if (fd < 0)
    throw Error(ErrorKind::storage, "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno),
                {"set TMPDIR to a writable folder"});
  ::close(fd);
  return name;
}

}  // namespace

bool is_stream_file(const fs::path& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  return !ec && fs::exists(status) && !fs::is_directory(status) && !fs::is_regular_file(status);
}

RereadableFile::RereadableFile(const fs::path& path) : m_path(path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) fail_input(display_path(path) + ": no such file");
  if (fs::is_directory(status)) fail_input(display_path(path) + ": is a directory, expected a file");
  if (fs::is_regular_file(status)) return;
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_input(display_path(path) + ": cannot open: " + std::strerror(errno));
  m_copy = make_temp_file();
  m_path = m_copy;
  try {
    copy_stream(in, path);
  } catch (...) {
    fs::remove(m_copy, ec);  // the destructor does not run for a throwing constructor
    throw;
  }
}

void RereadableFile::copy_stream(std::ifstream& in, const fs::path& path) {
  std::ofstream out(m_copy, std::ios::binary | std::ios::trunc);
  std::array<char, 64 * 1024> chunk{};
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.write(chunk.data(), in.gcount());
  }
  if (in.bad()) fail_input(display_path(path) + ": read failed: " + std::strerror(errno));
  out.flush();
  if (!out)
    throw Error(ErrorKind::storage, m_copy.string() + ": cannot write a copy of " + display_path(path) + ": " +
                                        std::strerror(errno), {"free space in the temporary folder, or set TMPDIR"});
}

RereadableFile::~RereadableFile() {
  if (m_copy.empty()) return;
  std::error_code ec;
  fs::remove(m_copy, ec);
}

}  // namespace genops::core
