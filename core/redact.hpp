#pragma once
// The one redaction function: every log, error, report and store path passes
// text through it so secrets never leave the process.
#include <string>
#include <string_view>

namespace genops::core {

// Registers a secret value (an API key read from the environment) so that
// every later redact() call replaces it: raw, URL-encoded (either hex case),
// and base64 (standard and URL-safe, at any byte alignment, so the key inside
// base64 of a whole "Bearer <key>" header is found too; base64 fragments
// shorter than 8 characters are not registered). Values shorter than 4 bytes
// are ignored. Thread-safe.
void register_secret(std::string_view value);

// `text` with every registered secret (in every form above) and every
// bearer token or key-like query parameter replaced by "[REDACTED]".
// Linear in the text whatever it holds (RE2).
std::string redact(std::string_view text);

// Whether `text` holds a registered secret in any of its forms.
bool contains_secret(std::string_view text);

}  // namespace genops::core
