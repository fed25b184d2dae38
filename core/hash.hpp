#pragma once
// Content hashing (SHA-256, hex). The only OpenSSL user.
#include <string>
#include <string_view>

namespace genops::core {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string sha256_hex(std::string_view data);

}  // namespace genops::core
