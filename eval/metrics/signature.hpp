#pragma once
// What sacreBLEU-style signatures share: the version marker and the nrefs value.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace genops::eval::metrics {

// Stands where sacreBLEU writes its own version ("version:2.4.0"). It names the
// genops metric implementation, not the binary: it changes only when a metric's
// numbers would change, so equal signatures mean comparable scores.
inline constexpr std::string_view k_metrics_version = "genops-0.1";

// sacreBLEU's `nrefs` value: the number of references when every segment has the
// same number, "var" otherwise.
std::string nrefs_label(std::span<const std::vector<std::string>> references_per_segment);

// Python's f"{value:.{digits}f}".
std::string format_fixed(double value, int digits);

}  // namespace genops::eval::metrics
