#pragma once
// Content hashing (SHA-256, hex). The digest itself is OpenSSL's
// (hash_openssl.cpp, the only OpenSSL user), built as the module
// lib/genops/genops_crypto.so (core/module.hpp) and loaded on the first hash,
// so that commands which never hash do not load libcrypto; tests link it in.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace genops::core {

// Lower-case hex SHA-256 of `data` (64 characters). Thread-safe. Loads the
// module on first use: throws Error(internal) when it is missing.
std::string sha256_hex(std::string_view data);

// `bytes` bytes from the kernel's CSPRNG (getrandom(2)), as lower-case hex
// (2 * bytes characters): a secret nobody can guess, e.g. `genops view`'s
// token. Throws Error(internal) when the generator fails.
std::string random_hex(std::size_t bytes);

namespace detail {

// The SHA-256 digest of `data`, installed by hash_openssl.cpp (on load of the
// module or at start-up of a program that links it in).
using Sha256Function = std::array<unsigned char, 32> (*)(std::string_view data);
void register_sha256(Sha256Function digest);

}  // namespace detail

}  // namespace genops::core
