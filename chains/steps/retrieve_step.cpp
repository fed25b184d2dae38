// kind: retrieve — the best chunks of a local index, through the Retriever seam.
#include "chains/steps/kinds.hpp"
#include "core/strings.hpp"

namespace genops::chains::steps {

void run_retrieve(const StepCall& call, run::StepDone done) {
  const auto& r = std::get<RetrieveStep>(call.step->body);
  auto query = r.query.render_text(*call.scope);
  call.record->request = nlohmann::json{{"index", r.index}, {"query", query}, {"top_k", r.top_k},
                                        {"mode", std::string(core::retrieval::to_string(r.mode))}}
                             .dump();
  auto* retriever = call.run->services().retriever;
  if (!retriever)
    return done(run::StepOutcome::failure(core::ErrorKind::invalid_input,
                                          "index " + core::quote(r.index) + " not found; build it with: genops index add " + r.index + " FILES..."));
  auto chunks = retriever->query(r.index, query, r.top_k, r.mode);
  auto out = nlohmann::json::array();
  for (const auto& c : chunks) out.push_back({{"source", c.source}, {"score", c.score}, {"text", c.text}});
  done(run::StepOutcome::success(std::move(out)));
}

}  // namespace genops::chains::steps
