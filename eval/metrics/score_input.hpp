#pragma once
// Reading what `genops score` scores: segment files (one segment per line, one
// file per reference stream, as sacreBLEU reads them) or JSONL rows
// {"hypothesis": "...", "references": ["...", ...]}.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace genops::eval::metrics {

struct ScoreInput {
  std::vector<std::string> hypotheses;
  std::vector<std::vector<std::string>> references;  // references[i] belong to hypotheses[i]
};

// Reads segment files. Lines end at "\n" and lose trailing whitespace (Python's
// rstrip), as in sacreBLEU's command line. Throws core::Error (invalid_input)
// for an unreadable file, invalid UTF-8 (file:line), no segments, or a
// reference file whose line count differs from the hypotheses' (naming both
// files and both counts).
ScoreInput read_segment_files(const std::filesystem::path& hypotheses,
                              std::span<const std::filesystem::path> references);

// Reads JSONL rows; blank lines are skipped, other keys in a row are ignored,
// strings are taken as they are. Throws core::Error (invalid_input) naming
// file:line for invalid JSON or UTF-8, a missing or non-string "hypothesis",
// a missing, empty or non-string-array "references", and for no rows.
ScoreInput read_segment_jsonl(const std::filesystem::path& path);

}  // namespace genops::eval::metrics
