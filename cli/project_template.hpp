#pragma once
// The files `genops init` writes.
#include <string_view>
#include <vector>

namespace genops::cli {

struct TemplateFile {
  std::string_view path;
  std::string_view content;
};

const std::vector<TemplateFile>& project_template_files();

}  // namespace genops::cli
