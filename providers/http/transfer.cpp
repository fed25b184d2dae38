#include "providers/http/transfer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <exception>

#include "core/redact.hpp"
#include "providers/http/redact_url.hpp"

namespace genops::providers::http::detail {

namespace {

constexpr std::size_t k_max_header_bytes = 256 * 1024;

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// The status of "HTTP/1.1 200 OK" or "HTTP/2 429", or 0.
int parse_status_line(std::string_view line) {
  const auto space = line.find(' ');
  if (space == std::string_view::npos) return 0;
  int status = 0;
  const char* begin = line.data() + space + 1;
  std::from_chars(begin, line.data() + line.size(), status);
  return status;
}

std::size_t stop_transfer(Transfer& t, AbortReason reason, std::string message) {
  t.abort = reason;
  t.abort_message = std::move(message);
  return 0;  // anything but the size given makes curl end the transfer
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t.body_bytes += n;
  try {
    if (t.body_bytes > t.request.max_body_bytes) {
      return stop_transfer(t, AbortReason::too_large,
                           "reply body over " + std::to_string(t.request.max_body_bytes) + " bytes");
    }
    if (t.on_chunk && t.response.status >= 200 && t.response.status <= 299) {
      t.streamed = true;
      if (!t.on_chunk(std::string_view(data, n))) {
        return stop_transfer(t, AbortReason::by_handler, "the chunk handler stopped the transfer");
      }
    } else {
      t.response.body.append(data, n);
    }
  } catch (const std::exception& e) {
    return stop_transfer(t, AbortReason::by_handler, std::string("the chunk handler threw: ") + e.what());
  } catch (...) {
    return stop_transfer(t, AbortReason::by_handler, "the chunk handler threw");
  }
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t.header_bytes += n;
  try {
    if (t.header_bytes > k_max_header_bytes) {
      return stop_transfer(t, AbortReason::too_large, "reply headers over 256 KiB");
    }
    const std::string_view line = trim(std::string_view(data, n));
    if (line.starts_with("HTTP/")) {
      // A new response begins (after a 100 Continue or a proxy's CONNECT reply).
      t.response.headers.clear();
      t.response.status = parse_status_line(line);
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
      std::string name(trim(line.substr(0, colon)));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      t.response.headers.push_back({std::move(name), std::string(trim(line.substr(colon + 1)))});
    }
  } catch (...) {
    return stop_transfer(t, AbortReason::by_handler, "out of memory reading reply headers");
  }
  return n;
}

void set_method(CURL* handle, const HttpRequest& request) {
  const bool has_body = !request.body.empty();
  if (request.method == "GET" && !has_body) {
    set_option(handle, CURLOPT_HTTPGET, 1L);
    return;
  }
  if (request.method == "HEAD") {
    set_option(handle, CURLOPT_NOBODY, 1L);
    return;
  }
  if (request.method != "POST") set_option(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  // POSTFIELDS is not copied: the Transfer owns the body for the whole attempt.
  set_option(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  set_option(handle, CURLOPT_POSTFIELDS, request.body.data());
}

void set_headers(Transfer& t) {
  t.header_list.reset();
  for (const auto& h : t.request.headers) append_header(t.header_list, h.name + ": " + h.value);
  // curl would wait up to 1 s for "100 Continue" before sending a large body.
  append_header(t.header_list, "Expect:");
  set_option(t.easy.get(), CURLOPT_HTTPHEADER, t.header_list.get());
}

TransportError transport_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return TransportError::timeout;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR: return TransportError::connect;
    default: return TransportError::other;
  }
}

}  // namespace

void configure_attempt(Transfer& t, const std::string& user_agent) {
  t.response = HttpResponse{};
  t.body_bytes = 0;
  t.header_bytes = 0;
  t.streamed = false;
  t.abort = AbortReason::none;
  t.abort_message.clear();
  t.error_buffer[0] = '\0';
  CURL* h = t.easy.get();
  const HttpRequest& r = t.request;
  set_option(h, CURLOPT_URL, r.url.c_str());
  set_option(h, CURLOPT_PROTOCOLS_STR, "http,https");
  set_option(h, CURLOPT_NOSIGNAL, 1L);
  set_option(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // Over TLS, wait for a connection that may multiplex rather than open another.
  if (r.url.starts_with("https:")) set_option(h, CURLOPT_PIPEWAIT, 1L);
  set_option(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.connect_timeout.count()));
  set_option(h, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  set_option(h, CURLOPT_SSL_VERIFYPEER, 1L);
  set_option(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!r.ca_bundle.empty()) set_option(h, CURLOPT_CAINFO, r.ca_bundle.c_str());
  set_option(h, CURLOPT_TCP_KEEPALIVE, 1L);
  set_option(h, CURLOPT_USERAGENT, user_agent.c_str());
  set_option(h, CURLOPT_ERRORBUFFER, t.error_buffer.data());
  set_method(h, r);
  set_headers(t);
  set_option(h, CURLOPT_WRITEFUNCTION, &on_body);
  set_option(h, CURLOPT_WRITEDATA, static_cast<void*>(&t));
  set_option(h, CURLOPT_HEADERFUNCTION, &on_header);
  set_option(h, CURLOPT_HEADERDATA, static_cast<void*>(&t));
}

void finish_attempt(Transfer& t, CURLcode code) {
  long status = 0;
  if (curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status != 0) {
    t.response.status = static_cast<int>(status);
  }
  if (code == CURLE_OK) return;
  switch (t.abort) {
    case AbortReason::too_large: t.response.transport = TransportError::too_large; break;
    case AbortReason::by_handler: t.response.transport = TransportError::other; break;
    case AbortReason::none: t.response.transport = transport_of(code); break;
  }
  const std::string message = t.abort != AbortReason::none ? t.abort_message
                              : t.error_buffer[0] != '\0'  ? std::string(t.error_buffer.data())
                                                           : std::string(curl_easy_strerror(code));
  t.response.transport_message = core::redact(message);
}

std::string describe_request(const HttpRequest& request) {
  return request.method + " " + redact_url(request.url);
}

}  // namespace genops::providers::http::detail
