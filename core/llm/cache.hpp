#pragma once
// The response cache the provider layer consults before a model call. Keys are
// SHA-256 hex digests of the canonical request (providers/cache/cache_key.hpp);
// values are opaque serialized responses. The store provides the SQLite one.
#include <optional>
#include <string>

namespace genops::core::llm {

class ResponseCache {
 public:
  virtual ~ResponseCache() = default;

  // The value stored under `key`, or nullopt. Called from any thread; must be
  // thread-safe. Failures should read as a miss rather than throw.
  virtual std::optional<std::string> get(const std::string& key) = 0;

  // Stores `value` under `key`, replacing any earlier value. Called from any
  // thread, including the HTTP I/O thread: it must not block for long
  // (implementations queue the write). Exceptions are caught and ignored by callers.
  virtual void put(const std::string& key, const std::string& value) = 0;
};

}  // namespace genops::core::llm
