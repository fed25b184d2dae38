// run_chain(): a chain invocation's steps as a graph.
#include <mutex>

#include "chains/run/run_context.hpp"

namespace genops::chains::run {

namespace {

class ChainRun : public std::enable_shared_from_this<ChainRun> {
 public:
  ChainRun(std::shared_ptr<RunContext> run, const Chain& chain, std::shared_ptr<Frame> frame, Place place, StepDone done)
      : m_run(std::move(run)), m_chain(chain), m_frame(std::move(frame)), m_place(place), m_done(std::move(done)) {
    m_frame->outputs.assign(chain.steps.size(), nullptr);
    m_scope = make_root_scope(m_frame);
    m_waiting.resize(chain.steps.size());
    m_readers.resize(chain.steps.size());
    for (std::size_t i = 0; i < chain.steps.size(); ++i) {
      m_waiting[i] = chain.steps[i].depends_on.size();
      for (auto d : chain.steps[i].depends_on) m_readers[d].push_back(i);
    }
  }

  void start() {
    std::vector<std::size_t> ready;
    {
      std::lock_guard lock(m_mutex);
      for (std::size_t i = 0; i < m_waiting.size(); ++i) {
        if (m_waiting[i] == 0) ready.push_back(i);
      }
      m_in_flight = ready.size();
    }
    launch(ready);
  }

 private:
  void launch(const std::vector<std::size_t>& ready) {
    for (auto i : ready) {
      auto self = shared_from_this();
      // Posted, not called: a long run of synchronous steps must not grow the stack.
      m_run->post([self, i] {
        execute_step(self->m_run, self->m_chain.steps[i], self->m_scope, self->m_place,
                     [self, i](StepOutcome o) { self->on_done(i, std::move(o)); });
      });
    }
  }

  void on_done(std::size_t i, StepOutcome outcome) {
    std::vector<std::size_t> ready;
    bool complete = false;
    {
      std::lock_guard lock(m_mutex);
      --m_in_flight;
      ++m_finished;
      if (outcome.failed()) {
        if (!m_failure) m_failure = std::move(outcome);
      } else {
        m_frame->outputs[i] = std::move(outcome.output);
        if (!m_failure) {
          for (auto r : m_readers[i]) {
            if (--m_waiting[r] == 0) ready.push_back(r);
          }
        }
      }
      m_in_flight += ready.size();
      complete = m_in_flight == 0 && (m_failure || m_finished == m_chain.steps.size());
    }
    launch(ready);
    if (complete) finish();
  }

  void finish() {
    if (m_failure) return m_done(std::move(*m_failure));
    try {
      auto outputs = nlohmann::json::object();
      for (const auto& [name, tmpl] : m_chain.outputs) outputs[name] = tmpl.render_value(*m_scope);
      m_done(StepOutcome::success(std::move(outputs)));
    } catch (const core::Error& e) {
      m_done(StepOutcome::failure(e.kind(), "chain " + m_chain.name + " outputs: " + e.what()));
    }
  }

  std::shared_ptr<RunContext> m_run;
  const Chain& m_chain;
  std::shared_ptr<Frame> m_frame;
  std::shared_ptr<const Scope> m_scope;
  Place m_place;
  StepDone m_done;
  std::mutex m_mutex;
  std::vector<std::size_t> m_waiting;               // unfinished steps each step reads
  std::vector<std::vector<std::size_t>> m_readers;  // steps reading each step
  std::size_t m_in_flight = 0;
  std::size_t m_finished = 0;
  std::optional<StepOutcome> m_failure;
};

}  // namespace

void run_chain(const std::shared_ptr<RunContext>& run, const Chain& chain, std::shared_ptr<Frame> frame, Place place,
               StepDone done) {
  auto state = std::make_shared<ChainRun>(run, chain, std::move(frame), place, std::move(done));
  state->start();
}

}  // namespace genops::chains::run
