#include "eval/reports/report.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/redact.hpp"
#include "core/strings.hpp"
#include "eval/reports/formats.hpp"

namespace genops::eval::reports {

namespace {

constexpr std::array<std::pair<std::string_view, ReportFormat>, 6> k_extensions = {{
    {".json", ReportFormat::json},
    {".jsonl", ReportFormat::jsonl},
    {".xml", ReportFormat::junit},
    {".md", ReportFormat::markdown},
    {".html", ReportFormat::html},
    {".csv", ReportFormat::csv},
}};

}  // namespace

ReportFormat parse_report_format(const std::filesystem::path& path) {
  const std::string extension = core::to_lower(path.extension().string());
  for (const auto& [name, format] : k_extensions)
    if (extension == name) return format;
  std::vector<std::string> known;
  for (const auto& [name, format] : k_extensions) known.emplace_back(name);
  const std::string shown = extension.empty() ? "no extension" : "extension " + core::quote(extension);
  core::fail_usage("--output " + core::display_path(path) + ": " + shown + " names no report format",
                   {extension.empty() ? "expected one of " + core::join(known, ", ") : core::suggest(extension, known)});
}

void check_report_path(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  (void)parse_report_format(path);
  const std::string where = "--output " + core::display_path(path) + ": ";
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  auto status = fs::status(folder, ec);
  if (!fs::exists(status))
    core::fail_input(where + "folder " + core::display_path(folder) + " does not exist",
                     {"create it first: mkdir -p " + core::display_path(folder)});
  if (!fs::is_directory(status))
    core::fail_input(where + core::display_path(folder) + " is not a folder", {"write the report into a folder"});
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    core::fail_input(where + "folder " + core::display_path(folder) + " is not writable: " + std::strerror(errno));
  if (fs::is_directory(path, ec)) core::fail_input(where + "is a folder, expected a file name");
}

std::string render_report(const Report& report, ReportFormat format) {
  std::string text;
  switch (format) {
    case ReportFormat::json: text = render_json(report); break;
    case ReportFormat::jsonl: text = render_jsonl(report); break;
    case ReportFormat::junit: text = render_junit(report); break;
    case ReportFormat::markdown: text = render_markdown(report); break;
    case ReportFormat::html: text = render_html(report); break;
    case ReportFormat::csv: text = render_csv(report); break;
  }
  return core::redact(text);
}

void write_report(const Report& report, const std::filesystem::path& path) {
  core::write_file_atomic(path, render_report(report, parse_report_format(path)));
}

}  // namespace genops::eval::reports
