#pragma once
// Wall-clock timestamps as the store and reports write them.
#include <chrono>
#include <string>

namespace genops::core {

// UTC, ISO 8601 with milliseconds: "2026-11-23T16:28:31.123Z".
std::string format_timestamp(std::chrono::system_clock::time_point when);
std::string now_timestamp();

}  // namespace genops::core
