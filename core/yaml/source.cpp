#include "core/yaml/source.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "core/yaml/document.hpp"

namespace genops::core::yaml {

namespace {

constexpr std::size_t k_max_shown = 120;  // characters of a long line shown around the caret

// Byte length of the UTF-8 character starting at `text[i]`; 1 for an invalid byte.
std::size_t char_length(std::string_view text, std::size_t i) { return utf8::decode(text, i).length; }

// How character `line[i, i+len)` is shown: invalid bytes and control
// characters other than tab become '?', so a message never writes raw control bytes.
std::string_view shown_char(std::string_view line, std::size_t i, std::size_t len) {
  auto c = static_cast<unsigned char>(line[i]);
  bool invalid = len == 1 && c >= 0x80;
  bool control = (c < 0x20 && c != '\t') || c == 0x7f;
  return invalid || control ? std::string_view("?") : line.substr(i, len);
}

}  // namespace

int char_column(std::string_view line, std::size_t byte_col) {
  int column = 1;
  for (std::size_t i = 0; i < line.size() && i < byte_col; i += char_length(line, i)) ++column;
  return column;
}

std::vector<std::string> render_context(std::string_view line, int column) {
  std::vector<std::size_t> starts;  // byte offset of each character, then the end
  for (std::size_t i = 0; i < line.size(); i += char_length(line, i)) starts.push_back(i);
  auto count = starts.size();
  starts.push_back(line.size());
  std::size_t caret = column > 1 ? std::min(static_cast<std::size_t>(column - 1), count) : 0;
  std::size_t leading = 0;
  while (leading < caret && line[starts[leading]] == ' ') ++leading;
  std::size_t start = leading;
  std::size_t end = count;
  if (end - start > k_max_shown) {
    start = std::max(start, caret > k_max_shown / 2 ? caret - k_max_shown / 2 : std::size_t{0});
    end = std::min(end, start + k_max_shown);
  }
  std::string shown = start > leading ? "    ..." : "    ";
  std::string marker = start > leading ? "       " : "    ";
  for (std::size_t i = start; i < end; ++i) {
    shown += shown_char(line, starts[i], starts[i + 1] - starts[i]);
    if (i < caret) marker += line[starts[i]] == '\t' ? '\t' : ' ';
  }
  if (end < count) shown += "...";
  marker += '^';
  return {shown, marker};
}

std::string_view Document::source_line(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > m_line_starts.size()) return {};
  auto begin = m_line_starts[static_cast<std::size_t>(line - 1)];
  auto end = m_text.find('\n', begin);
  if (end == std::string::npos) end = m_text.size();
  std::string_view text(m_text);
  auto result = text.substr(begin, end - begin);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

void Document::fail_at(Mark mark, std::string_view path, std::string_view message,
                       std::vector<std::string> hints) const {
  std::string what = m_name;
  if (mark.line > 0) what += ":" + std::to_string(mark.line) + ":" + std::to_string(mark.column);
  what += ": ";
  if (!path.empty()) what += std::string(path) + ": ";
  what += message;
  std::vector<std::string> context;
  auto line = source_line(mark.line);
  if (mark.line > 0 && line.find_first_not_of(' ') != std::string_view::npos) {
    context = render_context(line, mark.column);
  }
  throw Error(ErrorKind::invalid_input, std::move(what), std::move(hints), std::move(context));
}

}  // namespace genops::core::yaml
