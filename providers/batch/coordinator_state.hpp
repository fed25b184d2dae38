#pragma once
// The coordinator's private state, shared by coordinator.cpp (calls, waves,
// submission) and coordinator_poll.cpp (polling, results). Only they include it.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "providers/batch/coordinator.hpp"

namespace genops::providers::batch {

struct BatchCoordinator::Incoming {
  std::string provider;
  core::llm::Request request;
  std::string hash;
  core::llm::Completion done;
};

struct BatchCoordinator::ParkedCall {
  core::llm::Request request;
  std::vector<core::llm::Completion> waiters;
  bool queued = false;  // to go into the next batch
};

struct BatchCoordinator::OpenJob {
  providers::batch::BatchJobRecord record;
  std::chrono::steady_clock::time_point next_poll;
  std::chrono::steady_clock::duration interval;
  int failures = 0;   // consecutive failed polls
  int downloads_failed = 0;  // failed downloads of its results
  bool polled = false;
};

struct BatchCoordinator::Lane {
  LaneSpec spec;
  std::map<std::string, ParkedCall> parked;  // by request hash
  std::vector<OpenJob> jobs;
};

}  // namespace genops::providers::batch
