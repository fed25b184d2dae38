#pragma once
// The interface chains and eval use to call a model, without knowing HTTP.
// Implementations live in providers/; cli/context.cpp picks them.
#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/llm/types.hpp"

namespace genops::core::llm {

using Outcome = std::variant<Response, Failure>;
using Completion = std::function<void(Outcome)>;
// Called with each text delta of a streamed reply, on the client's I/O thread.
using TokenSink = std::function<void(std::string_view delta)>;

class ModelClient {
 public:
  virtual ~ModelClient() = default;

  // Starts a call; `done` runs exactly once, on a client thread, with the
  // response or the failure after retries. Never throws for provider errors.
  virtual void submit(Request request, Completion done, TokenSink on_token = {}) = 0;

  // Blocking convenience over submit().
  Outcome complete(Request request, TokenSink on_token = {});

  // Embeddings, one vector per text. Throws Error(provider) on failure.
  virtual std::vector<std::vector<float>> embed(std::span<const std::string> texts) = 0;

  // The configured provider name (from genops.yaml) and model, for lineage.
  virtual const std::string& name() const = 0;
  virtual const std::string& model() const = 0;
};

}  // namespace genops::core::llm
