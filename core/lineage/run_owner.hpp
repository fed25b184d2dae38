#pragma once
// Which process owns a run that is still `running`: its host, pid and the
// kernel's start time of that pid (so a reused pid is not mistaken for the
// owner). A run whose owner is gone is shown and counted as `abandoned`.
#include <cstdint>
#include <string>
#include <string_view>

namespace genops::core::lineage {

struct RunOwner {
  std::string host;
  std::int64_t pid = 0;
  std::int64_t start = 0;  // field 22 of /proc/PID/stat (clock ticks since boot); 0 when unknown
};

// This process: gethostname(), getpid() and its own start time. Computed once.
const RunOwner& this_process();

// The start time of `pid` from /proc/PID/stat; nullopt-like 0 when the
// process does not exist (or /proc cannot be read).
std::int64_t process_start_time(std::int64_t pid);

// True when `owner` ran on this host and that process is gone: the pid does
// not exist, or it exists with another start time. Runs of other hosts and
// runs without a recorded owner (pid 0, stores before migration 7) are never
// called abandoned: nothing on this machine can tell.
bool owner_gone(const RunOwner& owner);

// `status` as it should be shown: "abandoned" for a `running` run whose
// owner is gone, else `status` unchanged.
std::string effective_status(std::string_view status, const RunOwner& owner);

}  // namespace genops::core::lineage
