#pragma once
// A store writer that other modules can hand writes to: whatever is queued is
// committed in the writer's next transaction, on its one connection, together
// with its own rows (chains::RunRecorder writes runs and steps; an eval's
// results join them, so one case costs one commit on one connection and no
// other connection's page cache is invalidated: bench/store/README.md).
#include <cstdint>
#include <functional>

#include "core/lineage/sqlite.hpp"

namespace genops::core::lineage {

class WriteQueue {
 public:
  virtual ~WriteQueue() = default;
  // Queues `write`, run later on the writer's thread inside a write
  // transaction of `db`. It may run more than once (a batch retried after a
  // lost server connection), so it must be idempotent (ON CONFLICT DO
  // NOTHING); what it throws fails the batch. Returns a ticket for
  // wait_durable. Never blocks for the commit (only while the queue is full).
  virtual std::uint64_t enqueue_write(std::function<void(Database& db)> write) = 0;
  // Blocks until everything queued up to `ticket` is committed. Throws
  // Error(storage) when the store could not be written.
  virtual void wait_durable(std::uint64_t ticket) = 0;
};

}  // namespace genops::core::lineage
