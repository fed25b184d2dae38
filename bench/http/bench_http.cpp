// bench_http: requests/s, client CPU per request and peak RSS of the HTTP
// layer against a fast loopback server, next to a bare curl multi loop.
// The server runs in its own process and every measurement in a fresh child,
// so CPU time and RSS are the client's alone. See bench/README.md.
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench/http/load.hpp"
#include "tests/support/loopback_server.hpp"

namespace {

using genops::bench::LoadResult;
using genops::bench::LoadSpec;

constexpr std::string_view k_reply =
    R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",)"
    R"("choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":21,"completion_tokens":8,"total_tokens":29}})";

constexpr std::string_view k_request =
    R"({"model":"gpt-4o-mini","messages":[{"role":"system","content":"Answer briefly."},)"
    R"({"role":"user","content":"What is the capital of France?"}],"temperature":0})";

enum class Pinning { none, split };  // split: server on CPU 0, clients on CPU 1

struct Settings {
  std::size_t requests = 20'000;
  std::vector<int> levels = {1, 16, 128, 512};
  int connections = 64;
  int repeat = 3;
  Pinning pin = Pinning::none;
};

// Moves the calling process to one CPU (no-op when it does not exist).
void pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  ::sched_setaffinity(0, sizeof set, &set);
}

Settings parse_args(int argc, char** argv) {
  Settings s;
  for (int i = 1; i < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--pin") {
      s.pin = Pinning::split;
      --i;
      continue;
    }
    if (i + 1 >= argc) break;
    const char* value = argv[i + 1];
    if (flag == "--requests") {
      s.requests = std::strtoul(value, nullptr, 10);
    } else if (flag == "--repeat") {
      s.repeat = std::max(1, std::atoi(value));
    } else if (flag == "--connections") {
      s.connections = std::atoi(value);
    } else if (flag == "--levels") {
      s.levels.clear();
      for (const char* p = value; *p != '\0';) {
        char* end = nullptr;
        s.levels.push_back(static_cast<int>(std::strtol(p, &end, 10)));
        p = *end == ',' ? end + 1 : end;
      }
    } else {
      std::fprintf(stderr,
                   "usage: bench_http [--requests N] [--levels 1,16,128,512] [--connections 64] [--repeat 3] "
                   "[--pin]\n");
      std::exit(2);
    }
  }
  return s;
}

// Starts the server in a child process; returns its port. The child exits when
// `*stop_fd` is closed.
int start_server(int connections, Pinning pin, pid_t* pid, int* stop_fd) {
  int port_pipe[2];
  int stop_pipe[2];
  if (::pipe(port_pipe) != 0 || ::pipe(stop_pipe) != 0) std::exit(1);
  *pid = ::fork();
  if (*pid == 0) {
    ::close(port_pipe[0]);
    ::close(stop_pipe[1]);
    if (pin == Pinning::split) pin_to_cpu(0);
    genops::test::LoopbackOptions options;
    options.threads = connections + 16;
    options.record_requests = false;
    genops::test::LoopbackServer server(
        [](const genops::test::RecordedRequest&) { return genops::test::Reply::json(200, std::string(k_reply)); },
        options);
    const int port = server.port();
    if (::write(port_pipe[1], &port, sizeof port) != sizeof port) std::_Exit(1);
    char byte = 0;
    while (::read(stop_pipe[0], &byte, 1) > 0) {
    }
    server.stop();
    std::_Exit(0);
  }
  ::close(port_pipe[1]);
  ::close(stop_pipe[0]);
  int port = 0;
  if (::read(port_pipe[0], &port, sizeof port) != sizeof port) std::exit(1);
  ::close(port_pipe[0]);
  *stop_fd = stop_pipe[1];
  return port;
}

double cpu_us(const rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

struct Sample {
  LoadResult result;
  double cpu_us_per_request = 0;
  double requests_per_s() const { return static_cast<double>(result.ok) / result.seconds; }
};

// Runs one configuration in a fresh child (after a warm-up) `repeat` times
// and prints the median run by requests/s.
void measure(const char* name, LoadResult (*run)(const LoadSpec&), const LoadSpec& spec, int repeat) {
  std::fflush(stdout);
  const pid_t child = ::fork();
  if (child == 0) {
    LoadSpec warmup = spec;
    warmup.requests = std::min<std::size_t>(spec.requests / 10, 2'000);
    run(warmup);
    std::vector<Sample> samples;
    for (int i = 0; i < repeat; ++i) {
      rusage before{};
      ::getrusage(RUSAGE_SELF, &before);
      Sample sample{run(spec), 0};
      rusage after{};
      ::getrusage(RUSAGE_SELF, &after);
      sample.cpu_us_per_request = (cpu_us(after) - cpu_us(before)) / static_cast<double>(spec.requests);
      samples.push_back(sample);
    }
    std::sort(samples.begin(), samples.end(),
              [](const Sample& a, const Sample& b) { return a.requests_per_s() < b.requests_per_s(); });
    const Sample& median = samples[samples.size() / 2];
    rusage end{};
    ::getrusage(RUSAGE_SELF, &end);
    std::printf("%-10s %6d %6d %9zu %8zu %8.2f %10.0f %12.1f %12.1f\n", name, spec.concurrency, spec.max_connections,
                median.result.ok, median.result.failed, median.result.seconds, median.requests_per_s(),
                median.cpu_us_per_request, static_cast<double>(end.ru_maxrss) / 1024.0);
    std::fflush(stdout);
    std::_Exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
}

}  // namespace

int main(int argc, char** argv) {
  const Settings settings = parse_args(argc, argv);
  pid_t server = 0;
  int stop_fd = -1;
  const int port = start_server(settings.connections, settings.pin, &server, &stop_fd);
  if (settings.pin == Pinning::split) pin_to_cpu(1);
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/v1/chat/completions";
  std::printf("%-10s %6s %6s %9s %8s %8s %10s %12s %12s\n", "client", "conc", "conns", "ok", "failed", "seconds",
              "req/s", "cpu us/req", "peak RSS MB");
  for (int level : settings.levels) {
    LoadSpec spec{url, std::string(k_request), level, settings.requests, settings.connections};
    measure("genops", &genops::bench::run_genops_load, spec, settings.repeat);
    measure("curl-multi", &genops::bench::run_curl_baseline, spec, settings.repeat);
  }
  ::close(stop_fd);
  int status = 0;
  ::waitpid(server, &status, 0);
  return 0;
}
