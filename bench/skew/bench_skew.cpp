// The library half of `genops skew` on big files: compute_skew with the
// offline hash-embed embeddings, as the CLI runs it, timed without process
// start-up. run.sh times the CLI itself (wall time and peak RSS).
//   bench_skew REF.jsonl CURRENT.jsonl [--no-embedding]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <sys/resource.h>

#include "eval/skew/skew.hpp"
#include "providers/hash_embed/feature_hashing.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_skew REF.jsonl CURRENT.jsonl [--no-embedding]\n");
    return 2;
  }
  using namespace genops::eval::skew;
  SkewOptions o;
  o.reference = std::string("file:") + argv[1];
  o.current = std::string("file:") + argv[2];
  o.embeddings = !(argc > 3 && std::strcmp(argv[3], "--no-embedding") == 0);
  SkewContext ctx;
  ctx.embed = [](std::span<const std::string> texts) {
    std::vector<std::vector<float>> out;
    for (const auto& t : texts) out.push_back(genops::providers::hash_embed::embed_text(t));
    return out;
  };
  const auto start = std::chrono::steady_clock::now();
  const auto report = compute_skew(o, ctx);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("rows %llu, features %zu, drift %s: %.2f s, peak RSS %ld MB\n",
              static_cast<unsigned long long>(report.current.rows), report.features.size(), report.drift ? "yes" : "no", secs,
              usage.ru_maxrss / 1024);
  for (const auto& f : report.features)
    if (f.tests.contains("ks"))
      std::printf("  %-20s KS on %s vs %s values (%s), D %.6g, p %.3g\n", f.name.c_str(), f.tests["ks"]["reference_n"].dump().c_str(),
                  f.tests["ks"]["current_n"].dump().c_str(), f.tests["ks"]["method"].get<std::string>().c_str(),
                  f.tests["ks"]["statistic"].get<double>(), f.tests["ks"]["p_value"].get<double>());
  for (const auto& c : report.columns) std::printf("  column %-12s %s\n", c.name.c_str(), to_string(c.verdict));
  return 0;
}
