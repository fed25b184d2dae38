// The SHA-256 digest through OpenSSL (the only OpenSSL user). Built as the
// module lib/genops/genops_crypto.so, loaded by core::sha256_hex on first use
// (core/hash.hpp); test and bench programs link it in.
#include <openssl/evp.h>

#include "core/hash.hpp"

namespace genops::core {

namespace {

std::array<unsigned char, 32> openssl_sha256(std::string_view data) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return digest;
}

[[maybe_unused]] const bool k_registered = (detail::register_sha256(&openssl_sha256), true);

}  // namespace

}  // namespace genops::core
