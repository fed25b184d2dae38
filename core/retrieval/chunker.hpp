#pragma once
// Splits a document into overlapping chunks for a retrieval index: about
// `size` characters each, cut at paragraph, then sentence, then word
// boundaries. Markdown headings start a new chunk and are kept as context:
// every chunk of a section begins with its heading path ("Refunds > Timing").
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace genops::core::retrieval {

enum class TextFormat { text, markdown };

struct ChunkOptions {
  std::size_t size = 800;    // target characters (bytes) per chunk, overlap included
  std::size_t overlap = 100; // characters repeated from the previous chunk of the same section
};

// Markdown for .md / .markdown / .mdx paths, plain text otherwise.
TextFormat format_for_path(std::string_view path);

// The chunks of `text`, in document order; none for blank text. An overlap of
// size/2 or more is treated as size/2. Never throws.
std::vector<std::string> chunk_text(std::string_view text, TextFormat format, ChunkOptions options);

}  // namespace genops::core::retrieval
