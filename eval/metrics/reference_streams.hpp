#pragma once
// sacreBLEU passes references as streams (one list per reference set, each as
// long as the hypotheses); genops metrics take them per segment. This converts.
#include <span>
#include <string>
#include <vector>

namespace genops::eval::metrics {

// references[i] = {streams[0][i], streams[1][i], ...}. Throws core::Error
// (invalid_input) naming the stream when a stream's length is not `segment_count`.
std::vector<std::vector<std::string>> references_from_streams(
    std::span<const std::vector<std::string>> streams, std::size_t segment_count);

}  // namespace genops::eval::metrics
