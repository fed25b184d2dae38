#pragma once
// Random identifiers: run ids, eval run ids, batch job ids.
#include <string>

namespace genops::core {

// 16 random lower-case hex digits (64 bits), from a per-thread generator seeded
// by std::random_device.
std::string random_id();

}  // namespace genops::core
