#include "core/process/subprocess.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace genops::core::process {

namespace {

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      m_fd = other.m_fd;
      other.m_fd = -1;
    }
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

 private:
  int m_fd = -1;
};

struct Pipe {
  Fd read, write;
};

core::Expected<Pipe> make_pipe() {
  int fds[2];
  // O_CLOEXEC: a program another thread spawns at the same moment must not inherit these.
  if (::pipe2(fds, O_CLOEXEC) != 0) return core::unexpected(std::string("pipe: ") + std::strerror(errno));
  return Pipe{Fd(fds[0]), Fd(fds[1])};
}

// Blocks SIGPIPE on this thread while the child runs, so writing to a stdin
// it closed returns EPIPE instead of killing us; drains a pending one after.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
  }
  ~SigpipeGuard() {
    timespec zero{0, 0};
    while (sigtimedwait(&m_set, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t m_set{}, m_old{};
};

class SpawnSetup {
 public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
};

void append_capped(std::string& to, const char* data, std::size_t n, std::size_t cap, bool keep_tail) {
  to.append(data, n);
  if (keep_tail && to.size() > cap) to.erase(0, to.size() - cap);
}

// Feeds stdin and drains both outputs until both close or the deadline passes.
void pump(int in_fd, int out_fd, int err_fd, std::string_view input, const SubprocessLimits& limits,
          std::chrono::steady_clock::time_point deadline, SubprocessResult& result, Fd& in_owner) {
  std::size_t written = 0;
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      return;
    }
    if (limits.cancelled && limits.cancelled()) {
      result.cancelled = true;
      return;
    }
    pollfd fds[3];
    nfds_t n = 0;
    auto add = [&](bool wanted, int fd, short events) {
      if (!wanted) return -1;
      fds[n] = {fd, events, 0};
      return static_cast<int>(n++);
    };
    int out_index = add(out_open, out_fd, POLLIN);
    int err_index = add(err_open, err_fd, POLLIN);
    int in_index = add(in_owner.get() >= 0, in_fd, POLLOUT);
    const std::int64_t slice = limits.cancelled ? 100 : 1000;
    int ready = ::poll(fds, n, static_cast<int>(std::min<std::int64_t>(left.count(), slice)));
    if (ready < 0 && errno != EINTR) return;
    if (ready <= 0) continue;
    if (in_index >= 0 && fds[in_index].revents != 0) {
      ssize_t w = ::write(in_fd, input.data() + written, std::min<std::size_t>(input.size() - written, 65536));
      if (w > 0) written += static_cast<std::size_t>(w);
      if (w < 0 && errno != EAGAIN && errno != EINTR) in_owner.reset();  // EPIPE: it stopped reading
      if (written == input.size()) in_owner.reset();                     // EOF for the child
    }
    auto drain = [&](int index, int fd, bool& open, std::string& to, std::size_t cap, bool keep_tail) {
      if (index < 0 || fds[index].revents == 0) return;
      ssize_t r = ::read(fd, buffer, sizeof buffer);
      if (r > 0) append_capped(to, buffer, static_cast<std::size_t>(r), cap, keep_tail);
      else if (r == 0 || (errno != EAGAIN && errno != EINTR)) open = false;
    };
    drain(out_index, out_fd, out_open, result.out, limits.max_stdout_bytes, false);
    drain(err_index, err_fd, err_open, result.err, limits.max_stderr_bytes, true);
    if (result.out.size() > limits.max_stdout_bytes) {
      result.stdout_overflow = true;
      return;
    }
  }
}

// Waits for the child until the deadline, then kills its whole group (a
// backgrounded grandchild too) and reaps it. The child is only reaped after
// the kill, so its process-group id cannot have been reused by then.
void reap(pid_t pid, std::chrono::steady_clock::time_point deadline, const SubprocessLimits& limits,
          SubprocessResult& result) {
  for (;;) {
    siginfo_t info{};
    int rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (rc == 0 && info.si_pid == pid) break;
    if (rc < 0 && errno != EINTR) break;
    if (result.cancelled || (limits.cancelled && limits.cancelled())) {
      result.cancelled = true;
      break;
    }
    if (result.timed_out || result.stdout_overflow || std::chrono::steady_clock::now() >= deadline) {
      if (!result.stdout_overflow) result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

}  // namespace

core::Expected<SubprocessResult> run_subprocess(const std::vector<std::string>& argv, const std::string& cwd,
                                                const std::vector<std::string>& environment, std::string_view input,
                                                const SubprocessLimits& limits) {
  if (argv.empty() || argv[0].empty()) return core::unexpected("no program to run");
  auto in = make_pipe();
  auto out = make_pipe();
  auto err = make_pipe();
  if (!in) return core::unexpected(in.error());
  if (!out) return core::unexpected(out.error());
  if (!err) return core::unexpected(err.error());
  SpawnSetup setup;
  posix_spawn_file_actions_adddup2(&setup.actions, in->read.get(), 0);
  posix_spawn_file_actions_adddup2(&setup.actions, out->write.get(), 1);
  posix_spawn_file_actions_adddup2(&setup.actions, err->write.get(), 2);
  // Every other descriptor of ours (store, sockets) stays out of the scorer.
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&setup.actions, cwd.c_str());
  sigset_t empty, pipe_only;
  sigemptyset(&empty);
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  posix_spawnattr_setsigmask(&setup.attr, &empty);
  posix_spawnattr_setsigdefault(&setup.attr, &pipe_only);
  posix_spawnattr_setpgroup(&setup.attr, 0);
  posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  SigpipeGuard sigpipe;
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, argv[0].c_str(), &setup.actions, &setup.attr, args.data(), envp.data());
  if (rc != 0) {
    std::string what = std::strerror(rc);
    if (rc == ENOENT && !cwd.empty() && ::access(cwd.c_str(), F_OK) != 0) return core::unexpected("no such directory " + cwd);
    return core::unexpected("cannot run " + argv[0] + ": " + what);
  }
  auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  in->read.reset();
  out->write.reset();
  err->write.reset();
  ::fcntl(in->write.get(), F_SETFL, O_NONBLOCK);
  if (input.empty()) in->write.reset();
  SubprocessResult result;
  pump(in->write.get(), out->read.get(), err->read.get(), input, limits, deadline, result, in->write);
  in->write.reset();
  reap(pid, deadline, limits, result);
  return result;
}

}  // namespace genops::core::process
