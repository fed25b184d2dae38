#pragma once
// The forward-only schema migrations; migration i (0-based) takes a store
// from user_version i to i + 1. Never edit a released migration: append one.
#include <span>
#include <string_view>

namespace genops::core::lineage {

std::span<const std::string_view> migrations();

}  // namespace genops::core::lineage
