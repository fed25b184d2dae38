#pragma once
// Content hashing (SHA-256, hex). The only OpenSSL user.
#include <cstddef>
#include <string>
#include <string_view>

namespace genops::core {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string sha256_hex(std::string_view data);

// `bytes` bytes from the system's CSPRNG (OpenSSL RAND_bytes), as lower-case
// hex (2 * bytes characters): a secret nobody can guess, e.g. `genops view`'s
// token. Throws Error(internal) when the generator fails.
std::string random_hex(std::size_t bytes);

}  // namespace genops::core
