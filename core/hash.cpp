#include "core/hash.hpp"

#include <atomic>

#include "core/error.hpp"
#include "core/module.hpp"

namespace genops::core {

namespace {

std::atomic<detail::Sha256Function> g_sha256{nullptr};

detail::Sha256Function sha256_function() {
  if (auto digest = g_sha256.load(std::memory_order_acquire)) return digest;
  load_module("genops_crypto");
  if (auto digest = g_sha256.load(std::memory_order_acquire)) return digest;
  throw Error(ErrorKind::internal, "genops_crypto.so: loaded, but it registered no SHA-256 function",
              {"reinstall genops: the module does not match the binary"});
}

}  // namespace

namespace detail {

void register_sha256(Sha256Function digest) { g_sha256.store(digest, std::memory_order_release); }

}  // namespace detail

std::string sha256_hex(std::string_view data) {
  const auto digest = sha256_function()(data);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0xF];
  }
  return out;
}

}  // namespace genops::core
