#include "eval/metrics/levenshtein.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/utf8.hpp"
#include "eval/metrics/py_text.hpp"

namespace genops::eval::metrics {
namespace {

// Drops the common prefix and suffix, which no edit touches.
void trim_common_affixes(std::u32string_view& a, std::u32string_view& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    ++prefix;
  }
  a.remove_prefix(prefix);
  b.remove_prefix(prefix);
  std::size_t suffix = 0;
  while (suffix < a.size() && suffix < b.size() && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  a.remove_suffix(suffix);
  b.remove_suffix(suffix);
}

// Which positions of the pattern hold each code point, 64 positions per block.
class PatternMasks {
 public:
  explicit PatternMasks(std::u32string_view pattern)
      : m_blocks((pattern.size() + 63) / 64), m_ascii(128 * m_blocks, 0), m_zero(m_blocks, 0) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const std::uint64_t bit = std::uint64_t{1} << (i % 64);
      if (pattern[i] < 128) {
        m_ascii[pattern[i] * m_blocks + i / 64] |= bit;
      } else {
        auto& masks = m_other[pattern[i]];
        masks.resize(m_blocks, 0);
        masks[i / 64] |= bit;
      }
    }
  }

  std::size_t blocks() const { return m_blocks; }

  // `blocks()` words: bit i of the pattern set where it equals `c`.
  const std::uint64_t* masks(char32_t c) const {
    if (c < 128) {
      return &m_ascii[c * m_blocks];
    }
    const auto found = m_other.find(c);
    return found == m_other.end() ? m_zero.data() : found->second.data();
  }

 private:
  std::size_t m_blocks;
  std::vector<std::uint64_t> m_ascii;
  std::unordered_map<char32_t, std::vector<std::uint64_t>> m_other;
  std::vector<std::uint64_t> m_zero;
};

// One 64-row block of one column in Myers' bit-vector algorithm (Myers 1999,
// "A fast bit-vector algorithm for approximate string matching", advance_block):
// updates the vertical deltas and returns the horizontal delta leaving the block.
int advance_block(std::uint64_t eq, std::uint64_t& pv, std::uint64_t& mv, int hin, std::uint64_t high_bit) {
  const std::uint64_t xv = eq | mv;
  if (hin < 0) {
    eq |= 1;
  }
  const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
  std::uint64_t ph = mv | ~(xh | pv);
  std::uint64_t mh = pv & xh;
  const int hout = (ph & high_bit) != 0 ? 1 : (mh & high_bit) != 0 ? -1 : 0;
  ph <<= 1;
  mh <<= 1;
  if (hin < 0) {
    mh |= 1;
  } else if (hin > 0) {
    ph |= 1;
  }
  pv = mh | ~(xv | ph);
  mv = ph & xv;
  return hout;
}

// The Levenshtein distance in O(len(text) * len(pattern) / 64).
std::size_t myers_distance(std::u32string_view pattern, std::u32string_view text) {
  if (pattern.empty()) {
    return text.size();
  }
  const PatternMasks masks(pattern);
  const std::size_t blocks = masks.blocks();
  std::vector<std::uint64_t> pv(blocks, ~std::uint64_t{0});
  std::vector<std::uint64_t> mv(blocks, 0);
  const std::uint64_t last_bit = std::uint64_t{1} << ((pattern.size() - 1) % 64);
  std::size_t score = pattern.size();
  for (const char32_t c : text) {
    const std::uint64_t* eq = masks.masks(c);
    int carry = 1;  // the top row grows by one per column
    for (std::size_t k = 0; k < blocks; ++k) {
      carry = advance_block(eq[k], pv[k], mv[k], carry, k + 1 == blocks ? last_bit : std::uint64_t{1} << 63);
    }
    score = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(score) + carry);
  }
  return score;
}

// The LCS length in O(len(text) * len(pattern) / 64) (Hyyrö 2004): a zero bit
// of V marks a pattern position used by the LCS.
std::size_t bit_parallel_lcs(std::u32string_view pattern, std::u32string_view text) {
  if (pattern.empty()) {
    return 0;
  }
  const PatternMasks masks(pattern);
  const std::size_t blocks = masks.blocks();
  std::vector<std::uint64_t> v(blocks, ~std::uint64_t{0});
  for (const char32_t c : text) {
    const std::uint64_t* eq = masks.masks(c);
    std::uint64_t carry = 0;
    for (std::size_t k = 0; k < blocks; ++k) {
      const std::uint64_t x = v[k];
      const std::uint64_t u = x & eq[k];
      const std::uint64_t sum1 = x + u;
      const std::uint64_t sum2 = sum1 + carry;
      carry = (sum1 < x || sum2 < sum1) ? 1 : 0;
      v[k] = sum2 | (x - u);  // u is a subset of x: no borrow
    }
  }
  std::size_t lcs = 0;
  for (std::size_t k = 0; k < blocks; ++k) {
    const std::size_t bits = k + 1 == blocks ? pattern.size() - 64 * k : 64;
    const std::uint64_t valid = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
    lcs += static_cast<std::size_t>(std::popcount(~v[k] & valid));
  }
  return lcs;
}

std::size_t levenshtein_code_points(std::u32string_view a, std::u32string_view b) {
  trim_common_affixes(a, b);
  return a.size() <= b.size() ? myers_distance(a, b) : myers_distance(b, a);
}

std::size_t lcs_code_points(std::u32string_view a, std::u32string_view b) {
  const std::size_t whole = a.size();
  trim_common_affixes(a, b);
  const std::size_t affixes = whole - a.size();
  return affixes + (a.size() <= b.size() ? bit_parallel_lcs(a, b) : bit_parallel_lcs(b, a));
}

// Both sides as sequences of units: code points, or one id per distinct word
// (only equality matters to the algorithms, so any ids do).
std::pair<std::u32string, std::u32string> units(std::string_view a, std::string_view b, const EditOptions& options) {
  std::string left(a), right(b);
  if (options.processor == EditProcessor::default_process) {
    left = rapidfuzz_default_process(a);
    right = rapidfuzz_default_process(b);
  }
  if (options.unit == EditUnit::codepoint) return {core::utf8::to_code_points(left), core::utf8::to_code_points(right)};
  std::unordered_map<std::string_view, char32_t> ids;
  auto encode = [&ids](std::string_view text) {
    std::u32string out;
    for (auto word : py_split(text)) out.push_back(ids.emplace(word, static_cast<char32_t>(ids.size())).first->second);
    return out;
  };
  auto first = encode(left);
  return {std::move(first), encode(right)};
}

}  // namespace

EditResult levenshtein_edit(std::string_view a, std::string_view b, const EditOptions& options) {
  auto [left, right] = units(a, b, options);
  const std::size_t maximum = std::max(left.size(), right.size());
  EditResult result;
  result.distance = levenshtein_code_points(left, right);
  if (maximum != 0) result.similarity = 1.0 - static_cast<double>(result.distance) / static_cast<double>(maximum);
  return result;
}

EditResult indel_edit(std::string_view a, std::string_view b, const EditOptions& options) {
  auto [left, right] = units(a, b, options);
  const std::size_t maximum = left.size() + right.size();
  EditResult result;
  result.distance = maximum - 2 * lcs_code_points(left, right);
  if (maximum != 0) result.similarity = 1.0 - static_cast<double>(result.distance) / static_cast<double>(maximum);
  return result;
}

core::Expected<EditUnit> parse_edit_unit(std::string_view text) {
  if (text == "codepoint") return EditUnit::codepoint;
  if (text == "word") return EditUnit::word;
  return core::unexpected("expected codepoint or word, got \"" + std::string(text) + "\"");
}

core::Expected<EditProcessor> parse_edit_processor(std::string_view text) {
  if (text == "none") return EditProcessor::none;
  if (text == "default_process") return EditProcessor::default_process;
  return core::unexpected("expected none or default_process, got \"" + std::string(text) + "\"");
}

std::string_view to_string(EditUnit unit) { return unit == EditUnit::word ? "word" : "codepoint"; }
std::string_view to_string(EditProcessor processor) {
  return processor == EditProcessor::default_process ? "default_process" : "none";
}

std::size_t levenshtein_distance(std::string_view a, std::string_view b) {
  return levenshtein_code_points(core::utf8::to_code_points(a), core::utf8::to_code_points(b));
}

double levenshtein_similarity(std::string_view a, std::string_view b) {
  const std::u32string left = core::utf8::to_code_points(a);
  const std::u32string right = core::utf8::to_code_points(b);
  const std::size_t maximum = std::max(left.size(), right.size());
  if (maximum == 0) {
    return 1.0;
  }
  return 1.0 - static_cast<double>(levenshtein_code_points(left, right)) / static_cast<double>(maximum);
}

std::size_t indel_distance(std::string_view a, std::string_view b) {
  const std::u32string left = core::utf8::to_code_points(a);
  const std::u32string right = core::utf8::to_code_points(b);
  return left.size() + right.size() - 2 * lcs_code_points(left, right);
}

double indel_similarity(std::string_view a, std::string_view b) {
  const std::u32string left = core::utf8::to_code_points(a);
  const std::u32string right = core::utf8::to_code_points(b);
  const std::size_t maximum = left.size() + right.size();
  if (maximum == 0) {
    return 1.0;
  }
  const std::size_t distance = maximum - 2 * lcs_code_points(left, right);
  return 1.0 - static_cast<double>(distance) / static_cast<double>(maximum);
}

}  // namespace genops::eval::metrics
