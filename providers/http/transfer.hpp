#pragma once
// One logical request inside the curl client: the caller's request and
// callbacks, plus the state of its current attempt. Internal to providers/http.
#include <array>
#include <chrono>
#include <cstddef>
#include <string>

#include "providers/http/client.hpp"
#include "providers/http/curl_handles.hpp"

namespace genops::providers::http::detail {

enum class AbortReason { none, too_large, by_handler };

struct Transfer {
  HttpRequest request;
  ResponseHandler done;
  ChunkHandler on_chunk;
  std::chrono::steady_clock::time_point started;
  int retries = 0;

  // The current attempt.
  EasyHandle easy;
  HeaderList header_list;
  HttpResponse response;
  std::size_t body_bytes = 0;    // received in this attempt, streamed or kept
  std::size_t header_bytes = 0;
  bool streamed = false;         // on_chunk saw bytes: a retry would repeat them
  AbortReason abort = AbortReason::none;
  std::string abort_message;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
};

// Points `transfer.easy` (fresh or reset) at its request for a new attempt and
// clears the attempt state. Throws std::runtime_error on a rejected option.
void configure_attempt(Transfer& transfer, const std::string& user_agent);

// Fills `transfer.response` from the finished attempt: status, transport error
// and its (redacted) message.
void finish_attempt(Transfer& transfer, CURLcode code);

// "POST http://host/path" with the URL redacted, for log lines.
std::string describe_request(const HttpRequest& request);

}  // namespace genops::providers::http::detail
