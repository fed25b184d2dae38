#pragma once
// The one redaction function: every log, error, report and store path passes
// text through it so secrets never leave the process.
#include <string>
#include <string_view>

namespace genops::core {

// Registers a secret value (an API key read from the environment) so that
// every later redact() call replaces it. Values shorter than 4 bytes are ignored.
// Thread-safe.
void register_secret(std::string_view value);

// `text` with every registered secret (raw, base64 and URL-encoded) and every
// bearer token or key-like query parameter replaced by "[REDACTED]".
std::string redact(std::string_view text);

}  // namespace genops::core
