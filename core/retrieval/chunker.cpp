#include "core/retrieval/chunker.hpp"

#include <algorithm>

namespace genops::core::retrieval {

namespace {

struct Section {
  std::string heading;                  // "A > B", empty before the first heading
  std::vector<std::string> paragraphs;  // trimmed, non-empty
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// "## Title" -> level 2; 0 when the line is not an ATX heading.
std::size_t heading_level(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '#') ++n;
  return (n >= 1 && n <= 6 && n < line.size() && line[n] == ' ') ? n : 0;
}

std::vector<Section> split_sections(std::string_view text, TextFormat format) {
  std::vector<Section> sections(1);
  std::vector<std::string> path;  // heading titles by level
  std::string paragraph;
  auto flush = [&] {
    auto t = trim(paragraph);
    if (!t.empty()) sections.back().paragraphs.emplace_back(t);
    paragraph.clear();
  };
  bool in_fence = false;
  for (std::size_t pos = 0; pos <= text.size();) {
    auto end = std::min(text.find('\n', pos), text.size());
    auto line = text.substr(pos, end - pos);
    pos = end + 1;
    if (format == TextFormat::markdown && trim(line).starts_with("```")) in_fence = !in_fence;
    std::size_t level = (format == TextFormat::markdown && !in_fence) ? heading_level(line) : 0;
    if (level) {
      flush();
      path.resize(level - 1);
      path.emplace_back(trim(line.substr(level)));
      std::string heading;
      for (const auto& p : path) heading += (heading.empty() || p.empty() ? "" : " > ") + p;
      sections.push_back({heading, {}});
    } else if (trim(line).empty() && !in_fence) {
      flush();
    } else {
      paragraph.append(line).push_back('\n');
    }
    if (end == text.size()) break;
  }
  flush();
  return sections;
}

// Cuts `text` into pieces of at most `size` bytes, preferring sentence ends,
// then spaces; a word longer than `size` is cut where it must be.
std::vector<std::string> split_long(std::string_view text, std::size_t size) {
  std::vector<std::string> out;
  while (text.size() > size) {
    std::size_t cut = 0;
    for (std::size_t i = size; i > size / 3 && !cut; --i) {
      char c = text[i - 1];
      if ((c == '.' || c == '?' || c == '!' || c == '\n') && (i == text.size() || text[i] == ' ' || text[i] == '\n')) cut = i;
    }
    if (!cut) {
      auto space = text.substr(0, size + 1).rfind(' ');
      cut = (space != std::string_view::npos && space > 0) ? space : size;
    }
    out.emplace_back(trim(text.substr(0, cut)));
    text = trim(text.substr(cut));
  }
  if (!text.empty()) out.emplace_back(text);
  return out;
}

// The last `overlap` bytes of `body`, starting at a word.
std::string tail_of(std::string_view body, std::size_t overlap) {
  if (overlap == 0) return {};
  if (body.size() <= overlap) return std::string(body);
  auto tail = body.substr(body.size() - overlap);
  auto space = tail.find_first_of(" \n");
  if (space != std::string_view::npos) tail = tail.substr(space + 1);
  return std::string(trim(tail));
}

void chunk_section(const Section& section, ChunkOptions o, std::vector<std::string>& out) {
  std::string prefix = section.heading.empty() ? "" : section.heading + "\n\n";
  // The budget for new text: what remains after the heading and the overlap.
  std::size_t budget = o.size > prefix.size() + o.overlap + 20 ? o.size - prefix.size() - o.overlap : 20;
  std::vector<std::string> units;
  for (const auto& p : section.paragraphs)
    for (auto& piece : split_long(p, budget)) units.push_back(std::move(piece));
  std::string body;
  std::string previous;
  auto emit = [&] {
    if (body.empty()) return;
    auto carried = tail_of(previous, o.overlap);
    out.push_back(prefix + (carried.empty() ? "" : carried + " ") + body);
    previous = body;
    body.clear();
  };
  for (const auto& u : units) {
    if (!body.empty() && body.size() + 2 + u.size() > budget) emit();
    body += (body.empty() ? "" : "\n\n") + u;
  }
  emit();  // a bare heading has no units and so no chunk
}

}  // namespace

TextFormat format_for_path(std::string_view path) {
  for (std::string_view ext : {".md", ".markdown", ".mdx"})
    if (path.ends_with(ext)) return TextFormat::markdown;
  return TextFormat::text;
}

std::vector<std::string> chunk_text(std::string_view text, TextFormat format, ChunkOptions options) {
  options.size = std::max<std::size_t>(options.size, 40);
  options.overlap = std::min(options.overlap, options.size / 2);
  std::vector<std::string> out;
  for (const auto& section : split_sections(text, format)) chunk_section(section, options, out);
  return out;
}

}  // namespace genops::core::retrieval
