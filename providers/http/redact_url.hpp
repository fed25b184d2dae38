#pragma once
// URLs for logs and error messages: some providers (Gemini, Azure SAS) put keys
// in the query string, and proxies put passwords in the user info.
#include <string>
#include <string_view>

namespace genops::providers::http {

// `url` through core::redact(), with any user info ("user:pass@") and the value
// of every secret-looking query parameter (key, token, secret, sig, password,
// auth, credential) replaced by "[REDACTED]".
std::string redact_url(std::string_view url);

}  // namespace genops::providers::http
