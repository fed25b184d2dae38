#include "core/hash.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <vector>

#include "core/error.hpp"

namespace genops::core {

namespace {
constexpr char k_hex[] = "0123456789abcdef";
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += k_hex[digest[i] >> 4];
    out += k_hex[digest[i] & 0xF];
  }
  return out;
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (bytes > 0 && RAND_bytes(raw.data(), static_cast<int>(bytes)) != 1)
    throw Error(ErrorKind::internal, "random_hex: the system's random generator failed");
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char b : raw) {
    out += k_hex[b >> 4];
    out += k_hex[b & 0xF];
  }
  return out;
}

}  // namespace genops::core
