#include "core/random_id.hpp"

#include <cstdint>
#include <functional>
#include <random>
#include <thread>

namespace genops::core {

std::string random_id() {
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   static_cast<std::uint64_t>(std::hash<std::thread::id>{}(std::this_thread::get_id()))};
  static constexpr char k_hex[] = "0123456789abcdef";
  auto v = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i) {
    id[static_cast<std::size_t>(i)] = k_hex[v & 15];
    v >>= 4;
  }
  return id;
}

}  // namespace genops::core
