#include "providers/http/client.hpp"

#include <algorithm>
#include <cctype>

namespace genops::providers::http {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (equal_ignoring_case(h.name, name)) return h.value;
  }
  return {};
}

bool HttpResponse::ok() const { return transport == TransportError::none && status >= 200 && status < 300; }

}  // namespace genops::providers::http
