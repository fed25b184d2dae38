#include "cli/output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "core/redact.hpp"

namespace genops::cli {

bool colour_enabled(std::FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fileno(stream)) == 1;
}

std::string paint(std::string_view text, Colour colour, bool enabled) {
  if (!enabled) return std::string(text);
  const char* code = "";
  switch (colour) {
    case Colour::red: code = "\x1b[31m"; break;
    case Colour::green: code = "\x1b[32m"; break;
    case Colour::yellow: code = "\x1b[33m"; break;
    case Colour::cyan: code = "\x1b[36m"; break;
    case Colour::bold: code = "\x1b[1m"; break;
    case Colour::dim: code = "\x1b[2m"; break;
  }
  return std::string(code) + std::string(text) + "\x1b[0m";
}

void print_json(const nlohmann::json& value) {
  std::cout << core::redact(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) << '\n';
}

namespace {
// Display width in code points (continuation bytes do not count).
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    out += line + '\n';
  }
  std::cout << out;
}

void print_warning(std::string_view message) {
  std::cerr << "genops: warning: " << core::redact(message) << '\n';
}

void print_note(std::string_view message) { std::cerr << core::redact(message) << '\n'; }

}  // namespace genops::cli
