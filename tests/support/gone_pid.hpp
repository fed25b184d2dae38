#pragma once
// A pid no process has: a child that has exited and been reaped (until the
// kernel reuses the pid, which a recorded start time then tells apart).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>

namespace genops::test {

inline std::int64_t gone_pid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

}  // namespace genops::test
