#pragma once
// An input that is read more than once (an eval's dataset is validated, then
// run): a regular file is used as it is; a pipe (/dev/stdin, <(...)) can be
// read only once, so it is copied to a temporary file first.
#include <filesystem>
#include <fstream>

namespace genops::core {

class RereadableFile {
 public:
  // Copies `path` to a temporary file when it is not a regular file. Throws
  // Error(invalid_input) naming `path` when it does not exist, is a directory
  // or cannot be read, Error(storage) when the copy cannot be written.
  explicit RereadableFile(const std::filesystem::path& path);
  ~RereadableFile();  // removes the copy
  RereadableFile(const RereadableFile&) = delete;
  RereadableFile& operator=(const RereadableFile&) = delete;

  // What to open (the copy, for a pipe); read it as often as needed.
  const std::filesystem::path& path() const { return m_path; }
  bool spooled() const { return !m_copy.empty(); }

 private:
  void copy_stream(std::ifstream& in, const std::filesystem::path& path);
  std::filesystem::path m_path;
  std::filesystem::path m_copy;  // "" when `path` is used as it is
};

// True for something that exists, is not a directory and is not a regular
// file: a pipe, /dev/stdin, a character device.
bool is_stream_file(const std::filesystem::path& path);

}  // namespace genops::core
