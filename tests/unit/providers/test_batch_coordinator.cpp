// The batch coordinator's state machine against an in-memory OpenAI batch
// server: calls park, one batch per wave, results answer the calls at batch
// prices, failed requests go into the next batch, then fail after the limit,
// and stored results answer later calls without a batch.
#include <doctest/doctest.h>

#include <condition_variable>
#include <map>
#include <mutex>

#include "core/json.hpp"
#include "providers/batch/batch_store.hpp"
#include "core/lineage/store.hpp"
#include "core/strings.hpp"
#include "providers/batch/coordinator.hpp"
#include "providers/openai/openai_wire.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops;
using namespace genops::providers;
using nlohmann::json;

namespace {

// Files and Batches in memory: a batch ends at its second poll; a request
// whose user text has FAIL errors the first time, ALWAYS every time.
class FakeBatches final : public http::Client {
 public:
  int creates = 0;

  void send(http::HttpRequest r, http::ResponseHandler done, http::ChunkHandler) override {
    http::HttpResponse reply;
    reply.status = 200;
    {
      std::lock_guard lock(m_mutex);
      reply.body = answer(r);
    }
    done(std::move(reply));
  }

 private:
  std::string answer(const http::HttpRequest& r) {
    const auto path = r.url.substr(r.url.find("/v1"));
    if (r.method == "POST" && path == "/v1/files") {
      auto start = r.body.find("\r\n\r\n", r.body.find("name=\"file\"")) + 4;
      auto end = r.body.rfind("\r\n--");
      m_files["in" + std::to_string(m_files.size())] = r.body.substr(start, end - start);
      return json{{"id", "in" + std::to_string(m_files.size() - 1)}}.dump();
    }
    if (r.method == "POST" && path == "/v1/batches") {
      ++creates;
      auto input = m_files.at(json::parse(r.body)["input_file_id"].get<std::string>());
      std::string out;
      for (auto& line : core::split(input, '\n')) {
        if (line.empty()) continue;
        auto request = json::parse(line);
        std::string text = request["body"]["messages"].back()["content"];
        bool fail = text.find("ALWAYS") != std::string::npos ||
                    (text.find("FAIL") != std::string::npos && m_seen[text]++ == 0);
        json response = fail ? json{{"status_code", 500}, {"body", {{"error", {{"message", "busy"}}}}}}
                             : json{{"status_code", 200},
                                    {"body", {{"choices", {{{"message", {{"role", "assistant"}, {"content", "ok: " + text}}},
                                                            {"finish_reason", "stop"}}}},
                                              {"usage", {{"prompt_tokens", 10}, {"completion_tokens", 20}}}}}};
        out += json{{"custom_id", request["custom_id"]}, {"response", response}}.dump() + "\n";
      }
      const std::string id = "b" + std::to_string(creates);
      m_files["out-" + id] = out;
      m_polls[id] = 0;
      return json{{"id", id}, {"status", "validating"}}.dump();
    }
    if (r.method == "GET" && path.rfind("/v1/batches/", 0) == 0) {
      const auto id = path.substr(12);
      if (++m_polls[id] < 2) return json{{"id", id}, {"status", "in_progress"}}.dump();
      return json{{"id", id}, {"status", "completed"}, {"output_file_id", "out-" + id}}.dump();
    }
    if (r.method == "GET" && path.rfind("/v1/files/", 0) == 0) return m_files.at(path.substr(10, path.size() - 18));
    return "{}";
  }

  std::mutex m_mutex;
  std::map<std::string, std::string> m_files;
  std::map<std::string, int> m_polls;
  std::map<std::string, int> m_seen;
};

// Collects outcomes by name; waits until `n` arrived.
struct Outcomes {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, core::llm::Outcome> by_name;

  core::llm::Completion for_(std::string name) {
    return [this, name](core::llm::Outcome o) {
      std::lock_guard lock(mutex);
      by_name.emplace(name, std::move(o));
      changed.notify_all();
    };
  }
  void wait_for(std::size_t n) {
    std::unique_lock lock(mutex);
    if (!changed.wait_for(lock, std::chrono::seconds(60), [&] { return by_name.size() >= n; }))
      throw std::runtime_error("the coordinator did not answer in time");
  }
  std::string text(const std::string& name) {
    std::lock_guard lock(mutex);
    const auto* r = std::get_if<core::llm::Response>(&by_name.at(name));
    return r ? r->text : "failure: " + std::get<core::llm::Failure>(by_name.at(name)).message;
  }
};

core::llm::Request ask(const std::string& text) {
  core::llm::Request r;
  r.model = "m";
  r.messages = {{"user", text, {}, ""}};
  return r;
}

batch::LaneSpec lane(const std::shared_ptr<FakeBatches>& server) {
  batch::LaneSpec spec;
  spec.provider = "gpt";
  spec.kind = "openai";
  spec.wire = std::make_shared<openai::OpenAiWire>(common::Endpoint{"http://fake/v1", "m", ""},
                                                   openai::MaxTokensField::max_tokens);
  batch::BatchEndpoint endpoint{batch::BatchKind::openai, "http://fake/v1", {}, "/v1/chat/completions", ""};
  spec.api = std::make_shared<batch::BatchApi>(endpoint, server);
  spec.prices = pricing::PriceTable({{"m", core::config::Price{1.0, 2.0}}});
  return spec;
}

batch::CoordinatorOptions fast() {
  batch::CoordinatorOptions o;
  o.poll_first = std::chrono::milliseconds(1);
  o.quiet = std::chrono::milliseconds(20);
  return o;
}

}  // namespace

TEST_CASE("providers::batch::BatchCoordinator: a wave is one batch; failed requests go into the next; results are stored once") {
  test::TempDir dir;
  const auto path = (dir.path() / "genops.db").string();
  core::lineage::Store store(path);
  providers::batch::BatchStore batches(path);
  auto server = std::make_shared<FakeBatches>();
  Outcomes outcomes;
  {
    batch::BatchCoordinator coordinator(batches, fast());
    coordinator.add_lane(lane(server));
    coordinator.start();
    coordinator.submit("gpt", ask("a"), "ha", outcomes.for_("a"));
    coordinator.submit("gpt", ask("b FAIL"), "hb", outcomes.for_("b"));
    coordinator.submit("gpt", ask("a"), "ha", outcomes.for_("a again"));  // the same request: one line
    coordinator.submit("gpt", ask("z ALWAYS"), "hz", outcomes.for_("z"));
    outcomes.wait_for(4);
    CHECK(outcomes.text("a") == "ok: a");
    CHECK(outcomes.text("a again") == "ok: a");
    CHECK(outcomes.text("b") == "ok: b FAIL");
    CHECK(outcomes.text("z") == "failure: the request failed in 3 batches of provider gpt; the last said: HTTP 500: busy");
    CHECK(server->creates == 3);  // {a, b, z}, {b, z}, {z}
    const auto& a = std::get<core::llm::Response>(outcomes.by_name.at("a"));
    CHECK(a.cost_usd == doctest::Approx((10 * 1.0 + 20 * 2.0) / 1e6 * 0.5));
    auto summary = coordinator.summary();
    CHECK(summary.jobs == 3);
    CHECK(summary.answered == 3);
    CHECK(summary.failed == 1);
    CHECK(summary.saved_usd == doctest::Approx(summary.cost_usd));
  }
  CHECK(batches.result_count() == 2);

  // A later run: stored results answer at once, without a batch.
  Outcomes later;
  batch::BatchCoordinator again(batches, fast());
  again.add_lane(lane(server));
  again.start();
  again.submit("gpt", ask("b FAIL"), "hb", later.for_("b"));
  later.wait_for(1);
  CHECK(later.text("b") == "ok: b FAIL");
  CHECK(server->creates == 3);
}
