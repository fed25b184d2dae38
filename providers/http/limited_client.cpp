#include "providers/http/limited_client.hpp"

#include <stdexcept>

namespace genops::providers::http {

namespace {

// What a queued request carries until the limiter admits it; shared because
// std::function needs copyable captures.
struct Pending {
  HttpRequest request;
  ResponseHandler done;
  ChunkHandler on_chunk;
};

class LimitedClient final : public Client {
 public:
  LimitedClient(std::shared_ptr<Client> inner, std::shared_ptr<Limiter> limiter)
      : m_inner(std::move(inner)), m_limiter(std::move(limiter)) {
    if (!m_inner || !m_limiter) throw std::invalid_argument("make_limited_client: null client or limiter");
  }

  void send(HttpRequest request, ResponseHandler done, ChunkHandler on_chunk) override {
    request.on_retry = [limiter = m_limiter, own = std::move(request.on_retry)](
                           int status, std::chrono::milliseconds delay) {
      if (status == 429) limiter->note_rate_limited();
      if (own) own(status, delay);
    };
    const std::size_t tokens = request.estimated_tokens;
    auto pending = std::make_shared<Pending>(Pending{std::move(request), std::move(done), std::move(on_chunk)});
    m_limiter->acquire(tokens, [inner = m_inner, limiter = m_limiter, pending] {
      inner->send(
          std::move(pending->request),
          [limiter, done = std::move(pending->done)](HttpResponse response) {
            limiter->release(outcome_of(response));
            done(std::move(response));
          },
          std::move(pending->on_chunk));
    });
  }

 private:
  std::shared_ptr<Client> m_inner;
  std::shared_ptr<Limiter> m_limiter;
};

}  // namespace

CallOutcome outcome_of(const HttpResponse& response) {
  if (response.transport == TransportError::none && response.status == 429) return CallOutcome::rate_limited;
  return response.ok() ? CallOutcome::ok : CallOutcome::failed;
}

std::shared_ptr<Client> make_limited_client(std::shared_ptr<Client> inner, std::shared_ptr<Limiter> limiter) {
  return std::make_shared<LimitedClient>(std::move(inner), std::move(limiter));
}

}  // namespace genops::providers::http
