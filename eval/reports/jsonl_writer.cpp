#include "eval/reports/jsonl_writer.hpp"

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/redact.hpp"

namespace genops::eval::reports {

namespace {

[[noreturn]] void fail_write(const std::filesystem::path& path, const char* what, int error) {
  core::fail_input(core::display_path(path) + ": " + what + ": " + std::strerror(error));
}

}  // namespace

JsonlWriter::JsonlWriter(const std::filesystem::path& path, std::string default_provider)
    : m_path(path), m_default_provider(std::move(default_provider)) {
  m_file.reset(std::fopen(path.c_str(), "wb"));
  if (!m_file) fail_write(path, "cannot create the report", errno);
}

void JsonlWriter::append(const CaseResult& result) {
  auto json = result_to_json(result);
  if (result.provider.empty() && !m_default_provider.empty()) json["provider"] = m_default_provider;
  const std::string line = core::redact(core::dump_json(json)) + "\n";
  const std::lock_guard lock(m_mutex);
  if (!m_file) core::fail_input(core::display_path(m_path) + ": the report is already closed");
  if (std::fwrite(line.data(), 1, line.size(), m_file.get()) != line.size() || std::fflush(m_file.get()) != 0)
    fail_write(m_path, "cannot write the report", errno);
}

void JsonlWriter::close() {
  const std::lock_guard lock(m_mutex);
  if (!m_file) return;
  std::FILE* file = m_file.release();
  if (std::fclose(file) != 0) fail_write(m_path, "cannot close the report", errno);
}

}  // namespace genops::eval::reports
