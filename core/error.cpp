#include "core/error.hpp"

namespace genops::core {

int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::check_failed: return 1;
    case ErrorKind::usage: return 2;
    case ErrorKind::invalid_input: return 3;
    case ErrorKind::provider: return 4;
    case ErrorKind::storage: return 5;
    case ErrorKind::internal: return 70;
    case ErrorKind::interrupted: return 130;
  }
  return 70;
}

Error::Error(ErrorKind kind, std::string message, std::vector<std::string> hints,
             std::vector<std::string> context)
    : std::runtime_error(std::move(message)),
      m_kind(kind),
      m_hints(std::move(hints)),
      m_context(std::move(context)) {}

std::string Error::format() const {
  std::string out = "genops: error: ";
  out += what();
  out += '\n';
  for (const auto& line : m_context) out += line + '\n';
  for (const auto& hint : m_hints) out += "  hint: " + hint + '\n';
  return out;
}

void fail_input(std::string message, std::vector<std::string> hints) {
  throw Error(ErrorKind::invalid_input, std::move(message), std::move(hints));
}

void fail_storage(std::string message, std::vector<std::string> hints) {
  throw Error(ErrorKind::storage, std::move(message), std::move(hints));
}

void fail_usage(std::string message, std::vector<std::string> hints) {
  throw Error(ErrorKind::usage, std::move(message), std::move(hints));
}

}  // namespace genops::core
