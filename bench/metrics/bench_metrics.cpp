// Times the reference metrics on a synthetic corpus (or on files given as
// --hyp FILE --ref FILE): corpus BLEU, chrF, chrF++, ROUGE-L and Levenshtein.
// Target (bench/README.md): corpus BLEU on 3,000 sentences < 50 ms.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "eval/metrics/bleu.hpp"
#include "eval/metrics/chrf.hpp"
#include "eval/metrics/levenshtein.hpp"
#include "eval/metrics/rouge.hpp"

namespace metrics = genops::eval::metrics;

namespace {

struct Corpus {
  std::vector<std::string> hypotheses;
  std::vector<std::vector<std::string>> references;
};

// Zipf-distributed words with punctuation and numbers, ~25 tokens a sentence;
// each hypothesis is its reference with a few words dropped, replaced or moved.
Corpus synthetic_corpus(std::size_t sentences) {
  std::mt19937 rng(20240601);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 5000; ++i) {
    std::string word;
    for (int k = 0; k < 2 + i % 9; ++k) word += static_cast<char>('a' + (i * 7 + k * 13) % 26);
    vocabulary.push_back(i % 11 == 0 ? "W" + word : word);
  }
  std::vector<double> weights;
  for (std::size_t i = 0; i < vocabulary.size(); ++i) weights.push_back(1.0 / static_cast<double>(i + 1));
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  std::uniform_int_distribution<int> length(12, 38);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  Corpus corpus;
  for (std::size_t s = 0; s < sentences; ++s) {
    std::vector<std::string> words;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) {
      std::string word = vocabulary[pick(rng)];
      if (coin(rng) < 0.05) word = std::to_string(rng() % 10000) + (coin(rng) < 0.3 ? ".5" : "");
      if (coin(rng) < 0.08) word += ",";
      words.push_back(word);
    }
    std::string reference;
    std::string hypothesis;
    for (std::size_t k = 0; k < words.size(); ++k) {
      reference += (k ? " " : "") + words[k];
      const double r = coin(rng);
      if (r < 0.08) continue;                                   // dropped
      const std::string word = r < 0.2 ? vocabulary[pick(rng)] : words[k];  // replaced
      hypothesis += (hypothesis.empty() ? "" : " ") + word;
    }
    corpus.references.push_back({reference + "."});
    corpus.hypotheses.push_back(hypothesis + ".");
  }
  return corpus;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "bench_metrics: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Runs `work` `repeat` times; prints the minimum and median wall-clock time and
// the minimum CPU time in milliseconds (CPU time is the fairer figure on a busy
// machine: it leaves out the time other processes held the core).
void time_it(const std::string& only, const char* name, std::size_t sentences, int repeat,
             const std::function<double()>& work) {
  if (!only.empty() && std::string(name).find(only) == std::string::npos) {
    return;
  }
  std::vector<double> wall;
  std::vector<double> cpu;
  double result = 0.0;
  for (int i = 0; i < repeat; ++i) {
    const double cpu_start = thread_cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    result = work();
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    cpu.push_back(thread_cpu_ms() - cpu_start);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("%-22s %6zu sentences  wall min %8.2f ms  median %8.2f ms  cpu min %8.2f ms  (score %.4f)\n", name,
              sentences, wall.front(), wall[wall.size() / 2], cpu.front(), result);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t sentences = 3000;
  int repeat = 15;
  std::string hyp_path;
  std::string ref_path;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--sentences") sentences = std::stoul(argv[i + 1]);
    else if (flag == "--repeat") repeat = std::stoi(argv[i + 1]);
    else if (flag == "--hyp") hyp_path = argv[i + 1];
    else if (flag == "--ref") ref_path = argv[i + 1];
    else if (flag == "--only") only = argv[i + 1];
  }
  Corpus corpus;
  if (!hyp_path.empty() && !ref_path.empty()) {
    corpus.hypotheses = read_lines(hyp_path);
    for (auto& line : read_lines(ref_path)) corpus.references.push_back({line});
  } else {
    corpus = synthetic_corpus(sentences);
  }
  const std::size_t n = corpus.hypotheses.size();
  time_it(only, "corpus BLEU (13a)", n, repeat, [&] { return metrics::corpus_bleu(corpus.hypotheses, corpus.references, {}).score; });
  metrics::BleuOptions intl;
  intl.tokenize = metrics::BleuTokenizer::intl;
  time_it(only, "corpus BLEU (intl)", n, repeat, [&] { return metrics::corpus_bleu(corpus.hypotheses, corpus.references, intl).score; });
  time_it(only, "corpus chrF", n, repeat, [&] { return metrics::corpus_chrf(corpus.hypotheses, corpus.references, {}); });
  time_it(only, "corpus chrF++", n, repeat, [&] {
    return metrics::corpus_chrf(corpus.hypotheses, corpus.references, metrics::chrf_plus_plus_options());
  });
  time_it(only, "mean ROUGE-L F1", n, repeat, [&] {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += metrics::rouge_score_multi({metrics::RougeType::Kind::lcs, 0}, corpus.references[i], corpus.hypotheses[i], {}).fmeasure;
    }
    return sum / static_cast<double>(n);
  });
  time_it(only, "mean Levenshtein sim.", n, repeat, [&] {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += metrics::levenshtein_similarity(corpus.hypotheses[i], corpus.references[i][0]);
    return sum / static_cast<double>(n);
  });
  return 0;
}
