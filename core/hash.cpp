#include "core/hash.hpp"

#include <sys/random.h>

#include <atomic>
#include <cerrno>
#include <vector>

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

// `size` bytes as lower-case hex.
std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += k_hex[bytes[i] >> 4];
    out += k_hex[bytes[i] & 0xF];
  }
  return out;
}

}  // namespace

namespace detail {

void register_sha256(Sha256Function digest) { g_sha256.store(digest, std::memory_order_release); }

}  // namespace detail

std::string sha256_hex(std::string_view data) {
  const auto digest = sha256_function()(data);
  return to_hex(digest.data(), digest.size());
}

std::string random_hex(std::size_t bytes) {
  // getrandom(2) reads the kernel's CSPRNG (the pool OpenSSL seeds from), so
  // no module is loaded for a token.
  std::vector<unsigned char> raw(bytes);
  std::size_t filled = 0;
  while (filled < bytes) {
    const auto got = getrandom(raw.data() + filled, bytes - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw Error(ErrorKind::internal, "random_hex: the system's random generator failed");
    filled += static_cast<std::size_t>(got);
  }
  return to_hex(raw.data(), raw.size());
}

}  // namespace genops::core
