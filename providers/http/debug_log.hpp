#pragma once
// The HTTP layer's debug channel: one line per finished request and per retry,
// every line through the one redaction function.
#include <string_view>

#include "providers/http/client.hpp"

namespace genops::providers::http {

class DebugLog {
 public:
  // Uses `sink` when set; otherwise stderr when GENOPS_LOG=debug, else nothing.
  explicit DebugLog(LogSink sink);

  bool enabled() const { return static_cast<bool>(m_sink); }
  // Writes "genops: debug: <text>" with secrets redacted. Never throws.
  void write(std::string_view text) const noexcept;

 private:
  LogSink m_sink;
};

}  // namespace genops::providers::http
