#include "eval/metrics/levenshtein.hpp"

#include <algorithm>
#include <string>
#include <vector>

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

std::size_t levenshtein_code_points(std::u32string_view a, std::u32string_view b) {
  trim_common_affixes(a, b);
  if (a.size() < b.size()) {
    std::swap(a, b);  // one row as long as the shorter string
  }
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::size_t lcs_code_points(std::u32string_view a, std::u32string_view b) {
  const std::size_t whole = a.size();
  trim_common_affixes(a, b);
  const std::size_t affixes = whole - a.size();
  if (a.size() < b.size()) {
    std::swap(a, b);
  }
  std::vector<std::size_t> row(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = 0;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : std::max(above, row[j - 1]);
      diagonal = above;
    }
  }
  return affixes + row[b.size()];
}

}  // namespace

std::size_t levenshtein_distance(std::string_view a, std::string_view b) {
  return levenshtein_code_points(decode_utf8(a), decode_utf8(b));
}

double levenshtein_similarity(std::string_view a, std::string_view b) {
  const std::u32string left = decode_utf8(a);
  const std::u32string right = decode_utf8(b);
  const std::size_t maximum = std::max(left.size(), right.size());
  if (maximum == 0) {
    return 1.0;
  }
  return 1.0 - static_cast<double>(levenshtein_code_points(left, right)) / static_cast<double>(maximum);
}

std::size_t indel_distance(std::string_view a, std::string_view b) {
  const std::u32string left = decode_utf8(a);
  const std::u32string right = decode_utf8(b);
  return left.size() + right.size() - 2 * lcs_code_points(left, right);
}

double indel_similarity(std::string_view a, std::string_view b) {
  const std::u32string left = decode_utf8(a);
  const std::u32string right = decode_utf8(b);
  const std::size_t maximum = left.size() + right.size();
  if (maximum == 0) {
    return 1.0;
  }
  const std::size_t distance = maximum - 2 * lcs_code_points(left, right);
  return 1.0 - static_cast<double>(distance) / static_cast<double>(maximum);
}

}  // namespace genops::eval::metrics
