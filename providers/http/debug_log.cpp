#include "providers/http/debug_log.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/redact.hpp"

namespace genops::providers::http {

namespace {

void write_stderr(std::string_view line) {
  std::string text(line);
  text += '\n';
  // One write per line, so lines from several threads do not interleave.
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

DebugLog::DebugLog(LogSink sink) : m_sink(std::move(sink)) {
  if (m_sink) return;
  const char* level = std::getenv("GENOPS_LOG");
  if (level != nullptr && std::string_view(level) == "debug") m_sink = write_stderr;
}

void DebugLog::write(std::string_view text) const noexcept {
  if (!m_sink) return;
  try {
    m_sink("genops: debug: " + core::redact(text));
  } catch (...) {
    // A failing log sink must not take a transfer down with it.
  }
}

}  // namespace genops::providers::http
