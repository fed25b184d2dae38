#pragma once
// Input rows for a batch run, read lazily from a JSONL file (one JSON object
// per line; blank lines skipped), so a large file streams in bounded memory.
#include <filesystem>
#include <memory>

#include "chains/batch.hpp"

namespace genops::chains {

// A source reading `path` line by line. Throws Error(invalid_input) when the
// file cannot be opened; a line that is not a JSON object (or is over
// 16 MiB, read with bounded memory) becomes a RowError naming the file and
// line. A pipe is read as it comes.
RowSource open_jsonl_rows(const std::filesystem::path& path);

// A source yielding `row` once.
RowSource single_row(nlohmann::json row);

}  // namespace genops::chains
