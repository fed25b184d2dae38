#pragma once
// The batch endpoints of one provider over the shared http::Client: OpenAI's
// Files + Batches (POST {base}/files purpose=batch, POST {base}/batches, GET
// {base}/batches/{id}, GET {base}/files/{id}/content, POST …/cancel) and
// Anthropic's Message Batches (POST {base}/v1/messages/batches, GET …/{id},
// GET results_url, POST …/cancel). Calls block the calling thread (never the
// HTTP I/O thread) until the reply, after the client's retries.
#include <memory>
#include <string>
#include <vector>

#include "core/expected.hpp"
#include "providers/batch/batch_wire.hpp"
#include "providers/http/client.hpp"

namespace genops::providers::batch {

struct BatchEndpoint {
  BatchKind kind = BatchKind::openai;
  std::string base_url;               // as configured: OpenAI's includes /v1, Anthropic's does not
  std::vector<http::Header> headers;  // authentication and version, from the provider's wire format
  std::string url_path;               // OpenAI: the path each input line posts to ("/v1/chat/completions")
  std::string ca_bundle;
};

class BatchApi {
 public:
  BatchApi(BatchEndpoint endpoint, std::shared_ptr<http::Client> http);

  struct Created {
    std::string remote_id;
    std::string input_file_id;  // OpenAI
    BatchState state;
  };
  // Uploads (OpenAI) and creates one batch of `lines`. The error names the
  // call, its HTTP status and the provider's message (redacted).
  core::Expected<Created> create(const std::vector<BatchLine>& lines) const;
  // The batch's state now.
  core::Expected<BatchState> poll(const std::string& remote_id) const;
  // The results of an ended batch: OpenAI's output file then its error file;
  // Anthropic's results file. Empty when the batch has none.
  core::Expected<std::string> results(const BatchState& state) const;
  // Asks the provider to cancel the batch (best effort).
  core::Expected<BatchState> cancel(const std::string& remote_id) const;

  BatchKind kind() const { return m_endpoint.kind; }

 private:
  core::Expected<std::string> call(const std::string& method, const std::string& url, std::string body,
                                   const std::string& content_type) const;
  core::Expected<BatchState> state_of(const core::Expected<std::string>& body) const;
  std::string batches_url() const;

  BatchEndpoint m_endpoint;
  std::shared_ptr<http::Client> m_http;
};

// The path of `url` ("https://h/v1/chat/completions" -> "/v1/chat/completions").
std::string url_path(const std::string& url);

}  // namespace genops::providers::batch
