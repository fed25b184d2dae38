// kind: map — the sub-step once per item of a list, at most `concurrency` at a time.
#include <mutex>

#include "chains/steps/kinds.hpp"

namespace genops::chains::steps {

namespace {

class MapRun : public std::enable_shared_from_this<MapRun> {
 public:
  MapRun(StepCall call, nlohmann::json items, run::StepDone done)
      : m_call(std::move(call)), m_items(std::move(items)), m_done(std::move(done)) {
    m_results = nlohmann::json::array();
    for (std::size_t i = 0; i < m_items.size(); ++i) m_results.push_back(nullptr);
  }

  void start(int concurrency) {
    std::vector<std::size_t> first;
    {
      std::lock_guard lock(m_mutex);
      while (m_next < m_items.size() && static_cast<int>(first.size()) < concurrency) first.push_back(m_next++);
      m_in_flight = first.size();
    }
    for (auto i : first) launch(i);
  }

 private:
  void launch(std::size_t i) {
    const auto& map = std::get<MapStep>(m_call.step->body);
    auto scope = make_child_scope(m_call.scope, {{"item", m_items[i]}, {"index", static_cast<std::int64_t>(i)}});
    auto self = shared_from_this();
    m_call.run->post([self, i, scope, &map] {
      run::execute_step(self->m_call.run, *map.step, scope, self->m_call.child(static_cast<std::int64_t>(i)),
                        [self, i](run::StepOutcome o) { self->on_done(i, std::move(o)); });
    });
  }

  void on_done(std::size_t i, run::StepOutcome outcome) {
    std::optional<std::size_t> next;
    bool complete = false;
    {
      std::lock_guard lock(m_mutex);
      --m_in_flight;
      if (outcome.failed()) {
        if (!m_failure) m_failure = std::move(outcome);
      } else {
        m_results[i] = std::move(outcome.output);
      }
      if (!m_failure && m_next < m_items.size()) {
        next = m_next++;
        ++m_in_flight;
      }
      complete = m_in_flight == 0;
    }
    if (next) launch(*next);
    if (!complete) return;
    if (m_failure) return m_done(std::move(*m_failure));
    m_done(run::StepOutcome::success(std::move(m_results)));
  }

  StepCall m_call;
  nlohmann::json m_items;
  run::StepDone m_done;
  std::mutex m_mutex;
  nlohmann::json m_results;
  std::size_t m_next = 0;
  std::size_t m_in_flight = 0;
  std::optional<run::StepOutcome> m_failure;
};

std::string describe(const nlohmann::json& v) {
  if (v.is_null()) return "null (is the step it reads skipped?)";
  if (v.is_string()) return "a string";
  if (v.is_object()) return "an object";
  return v.is_number() ? "a number" : "a boolean";
}

}  // namespace

void run_map(const StepCall& call, run::StepDone done) {
  const auto& map = std::get<MapStep>(call.step->body);
  auto items = map.over.render_value(*call.scope);
  if (!items.is_array())
    return done(run::StepOutcome::failure(core::ErrorKind::invalid_input,
                                          "over " + map.over.source() + ": expected a list, got " + describe(items)));
  call.record->request = nlohmann::json{{"items", items.size()}, {"concurrency", map.concurrency}}.dump();
  if (items.empty()) return done(run::StepOutcome::success(nlohmann::json::array()));
  auto state = std::make_shared<MapRun>(call, std::move(items), std::move(done));
  state->start(map.concurrency);
}

}  // namespace genops::chains::steps
