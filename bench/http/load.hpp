#pragma once
// Closed-loop load generators for bench_http: keep `concurrency` requests in
// flight until `requests` have completed, through genops's client or bare curl.
#include <cstddef>
#include <string>

namespace genops::bench {

struct LoadSpec {
  std::string url;
  std::string body;
  int concurrency = 1;
  std::size_t requests = 10'000;
  int max_connections = 64;
};

struct LoadResult {
  std::size_t ok = 0;      // complete 2xx replies
  std::size_t failed = 0;  // anything else
  double seconds = 0;      // from the first send to the last reply
};

// Through providers::http::make_curl_client.
LoadResult run_genops_load(const LoadSpec& spec);

// Through a bare curl multi loop with the same connection limit: the floor.
LoadResult run_curl_baseline(const LoadSpec& spec);

}  // namespace genops::bench
