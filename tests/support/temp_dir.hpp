#pragma once
// A fresh directory under the system temp dir, removed with its contents on destruction.
#include <filesystem>
#include <string_view>

namespace genops::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // Writes `content` to `relative` inside the directory (parents created); returns the full path.
  std::filesystem::path write(std::string_view relative, std::string_view content) const;

 private:
  std::filesystem::path m_path;
};

}  // namespace genops::test
