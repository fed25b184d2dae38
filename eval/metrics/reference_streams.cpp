#include "eval/metrics/reference_streams.hpp"

#include "core/error.hpp"

namespace genops::eval::metrics {

std::vector<std::vector<std::string>> references_from_streams(
    std::span<const std::vector<std::string>> streams, std::size_t segment_count) {
  for (std::size_t s = 0; s < streams.size(); ++s) {
    if (streams[s].size() != segment_count) {
      core::fail_input("reference stream " + std::to_string(s + 1) + " has " +
                       std::to_string(streams[s].size()) + " segments, the hypotheses have " +
                       std::to_string(segment_count));
    }
  }
  std::vector<std::vector<std::string>> references(segment_count);
  for (std::size_t i = 0; i < segment_count; ++i) {
    references[i].reserve(streams.size());
    for (const auto& stream : streams) {
      references[i].push_back(stream[i]);
    }
  }
  return references;
}

}  // namespace genops::eval::metrics
