#include <doctest/doctest.h>

#include <stdexcept>

#include "eval/skew/pipeline.hpp"

using namespace genops::eval::skew;

namespace {

// Rows 0..n-1 ({"i": k}); throws instead of returning row `fail_at` when set.
class CountingSource : public RowSource {
 public:
  CountingSource(std::size_t n, std::optional<std::size_t> fail_at = std::nullopt) : m_n(n), m_fail_at(fail_at) {}
  std::optional<InputRow> next() override {
    if (m_fail_at && m_next == *m_fail_at) throw std::runtime_error("row " + std::to_string(m_next) + " is broken");
    if (m_next >= m_n) return std::nullopt;
    InputRow row;
    row.values["i"] = m_next++;
    return row;
  }
  std::size_t m_n, m_next = 0;
  std::optional<std::size_t> m_fail_at;
};

}  // namespace

TEST_CASE("skew::RowPipeline: every row once, in order, in full batches but the last") {
  CountingSource source(2 * k_pipeline_batch + 5);
  RowPipeline pipeline(source);
  std::size_t expected = 0;
  std::vector<std::size_t> sizes;
  while (auto batch = pipeline.next()) {
    sizes.push_back(batch->size());
    for (const auto& row : *batch) CHECK(row.parsed->values["i"].get<std::size_t>() == expected++);
  }
  CHECK(expected == 2 * k_pipeline_batch + 5);
  CHECK(sizes == std::vector<std::size_t>{k_pipeline_batch, k_pipeline_batch, 5});
  CHECK_FALSE(pipeline.next());
}

TEST_CASE("skew::RowPipeline: an exact multiple of the batch size ends without an empty batch") {
  CountingSource source(k_pipeline_batch);
  RowPipeline pipeline(source);
  auto first = pipeline.next();
  REQUIRE(first);
  CHECK(first->size() == k_pipeline_batch);
  CHECK_FALSE(pipeline.next());
}

TEST_CASE("skew::RowPipeline: the source's exception reaches the caller after the rows before it") {
  CountingSource source(10 * k_pipeline_batch, k_pipeline_batch + 3);
  RowPipeline pipeline(source);
  auto first = pipeline.next();
  REQUIRE(first);
  CHECK(first->size() == k_pipeline_batch);
  CHECK_THROWS_WITH_AS(pipeline.next(), "row 2051 is broken", std::runtime_error);
  CHECK_THROWS_WITH_AS(pipeline.next(), "row 2051 is broken", std::runtime_error);  // and stays
}

TEST_CASE("skew::RowPipeline: reads at most k_pipeline_depth batches ahead, and stops when destroyed") {
  CountingSource source(100 * k_pipeline_batch);
  {
    RowPipeline pipeline(source);
    auto first = pipeline.next();
    REQUIRE(first);
  }
  // One batch taken and one more queued in its place: never more than depth + 1.
  CHECK(source.m_next <= (k_pipeline_depth + 1) * k_pipeline_batch);
}
