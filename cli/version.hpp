#pragma once
// The genops version, printed by `genops --version` and recorded in lineage.

namespace genops::cli {

inline constexpr const char* k_version = "0.1.0";

}  // namespace genops::cli
