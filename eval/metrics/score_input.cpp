#include "eval/metrics/score_input.hpp"

#include <algorithm>
#include <sstream>
#include <string_view>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/json.hpp"
#include "core/jsonl.hpp"
#include "core/strings.hpp"
#include "core/utf8.hpp"
#include "eval/metrics/py_text.hpp"

namespace genops::eval::metrics {
namespace {

constexpr std::size_t k_max_input_bytes = std::size_t{4} << 30;  // corpora, not config files

// The 1-based line holding byte `offset`.
std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string read_utf8(const std::filesystem::path& path) {
  std::string text = core::read_file(path, k_max_input_bytes);
  std::size_t bad = 0;
  if (!core::utf8::is_valid(text, &bad)) {
    core::fail_input(core::display_path(path) + ":" + std::to_string(line_of(text, bad)) +
                     ": invalid UTF-8 (byte " + std::to_string(bad) + ")",
                     {"score text files must be UTF-8"});
  }
  return text;
}

// Python's file iteration with newline="\n" plus rstrip(): sacreBLEU's reader.
std::vector<std::string> segment_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(py_rstrip(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

std::string where(const std::filesystem::path& path, std::size_t line) {
  return core::display_path(path) + ":" + std::to_string(line);
}

std::vector<std::string> parse_references(const nlohmann::json& row, const std::string& at) {
  const auto found = row.find("references");
  if (found == row.end()) {
    core::fail_input(at + ": missing \"references\"", {"each row is {\"hypothesis\": \"...\", \"references\": [\"...\"]}"});
  }
  if (!found->is_array() || found->empty()) {
    core::fail_input(at + ": \"references\" must be a non-empty array of strings");
  }
  std::vector<std::string> references;
  for (const auto& reference : *found) {
    if (!reference.is_string()) {
      core::fail_input(at + ": \"references\" must be a non-empty array of strings, found " +
                       std::string(reference.type_name()));
    }
    references.push_back(reference.get<std::string>());
  }
  return references;
}

}  // namespace

ScoreInput read_segment_files(const std::filesystem::path& hypotheses,
                              std::span<const std::filesystem::path> references) {
  ScoreInput input;
  input.hypotheses = segment_lines(read_utf8(hypotheses));
  if (input.hypotheses.empty()) {
    core::fail_input(core::display_path(hypotheses) + ": no segments to score (the file is empty)");
  }
  input.references.resize(input.hypotheses.size());
  for (const auto& path : references) {
    std::vector<std::string> lines = segment_lines(read_utf8(path));
    if (lines.size() != input.hypotheses.size()) {
      core::fail_input(core::display_path(path) + ": " + std::to_string(lines.size()) + " lines, but " +
                           core::display_path(hypotheses) + " has " + std::to_string(input.hypotheses.size()),
                       {"a reference file holds one reference per hypothesis line, in the same order"});
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      input.references[i].push_back(std::move(lines[i]));
    }
  }
  return input;
}

ScoreInput read_segment_jsonl(const std::filesystem::path& path) {
  std::istringstream in(read_utf8(path));  // validated whole first: the UTF-8 error names its line
  core::JsonlReader rows(in);
  ScoreInput input;
  while (auto row = rows.next()) {
    const std::string at = where(path, static_cast<std::size_t>(row->line));
    using Status = core::JsonlRecord::Status;
    if (row->status == Status::too_long || row->status == Status::not_json) {
      core::fail_input(at + ": " + row->problem);
    }
    if (row->status == Status::not_object) {
      core::fail_input(at + ": expected an object like {\"hypothesis\": \"...\", \"references\": [\"...\"]}");
    }
    const auto hypothesis = row->value.find("hypothesis");
    if (hypothesis == row->value.end() || !hypothesis->is_string()) {
      core::fail_input(at + ": \"hypothesis\" must be a string",
                       {"each row is {\"hypothesis\": \"...\", \"references\": [\"...\"]}"});
    }
    input.hypotheses.push_back(hypothesis->get<std::string>());
    input.references.push_back(parse_references(row->value, at));
  }
  if (input.hypotheses.empty()) {
    core::fail_input(core::display_path(path) + ": no rows to score");
  }
  return input;
}

}  // namespace genops::eval::metrics
