#include <doctest/doctest.h>

#include <unistd.h>

#include "core/lineage/run_owner.hpp"
#include "tests/support/gone_pid.hpp"

using namespace genops::core::lineage;
using genops::test::gone_pid;

TEST_CASE("lineage::owner_gone: a dead or reused pid on this host, never another host's") {
  const auto& me = this_process();
  CHECK(me.pid == getpid());
  CHECK(me.start > 0);
  CHECK_FALSE(owner_gone(me));
  CHECK(owner_gone({me.host, gone_pid(), me.start}));
  CHECK(owner_gone({me.host, me.pid, me.start + 1}));  // the pid was reused by another process
  CHECK_FALSE(owner_gone({"another-host", gone_pid(), 1}));
  CHECK_FALSE(owner_gone({me.host, 0, 0}));  // recorded before migration 7: unknown
  CHECK(effective_status("running", {me.host, gone_pid(), 1}) == "abandoned");
  CHECK(effective_status("failed", {me.host, gone_pid(), 1}) == "failed");
  CHECK(effective_status("running", me) == "running");
}
