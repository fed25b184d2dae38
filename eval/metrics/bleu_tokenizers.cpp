#include "eval/metrics/bleu_tokenizers.hpp"

#include <array>

#include "core/strings.hpp"
#include "core/utf8.hpp"
#include "eval/metrics/py_text.hpp"

namespace genops::eval::metrics {
namespace {

// Byte classes for the 13a rules, one table lookup per byte.
enum ByteClass : unsigned char { k_separated = 1, k_digit = 2, k_period_or_comma = 4, k_hyphen = 8 };

constexpr std::array<unsigned char, 256> make_byte_classes() {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    // mteval-v13a's first class: {|}~ [\]^_` space!"#$%& ()*+ :;<=>?@ /
    const bool separated = (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&') ||
                           (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
    table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(
        (separated ? k_separated : 0) | (c >= '0' && c <= '9' ? k_digit : 0) |
        (c == '.' || c == ',' ? k_period_or_comma : 0) | (c == '-' ? k_hyphen : 0));
  }
  return table;
}
constexpr std::array<unsigned char, 256> k_byte_classes = make_byte_classes();

bool has(char c, unsigned char byte_class) {
  return (k_byte_classes[static_cast<unsigned char>(c)] & byte_class) != 0;
}

// Python's str.replace(old, new): non-overlapping, left to right.
void replace_all(std::string& text, std::string_view old_text, std::string_view new_text) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t hit = text.find(old_text); hit != std::string::npos; hit = text.find(old_text, from)) {
    out.append(text, from, hit - from);
    out.append(new_text);
    from = hit + old_text.size();
  }
  if (from == 0) {
    return;
  }
  out.append(text, from);
  text = std::move(out);
}

// The four substitutions of sacreBLEU's TokenizerRegexp, each a left-to-right,
// non-overlapping scan like re.sub. Working on UTF-8 bytes is equivalent here:
// every class except [^0-9] is ASCII, and a non-digit code point ends in a
// non-digit byte. Each pass writes through a pointer into a buffer sized for
// its worst case (this is the hot loop of corpus BLEU).
std::string apply_13a_rules(std::string_view line) {
  std::string a(line.size() * 3, '\0');
  char* out = a.data();
  for (const char c : line) {  // ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> ' \1 '
    if (has(c, k_separated)) {
      *out++ = ' ';
      *out++ = c;
      *out++ = ' ';
    } else {
      *out++ = c;
    }
  }
  const char* in = a.data();
  const char* end = out;
  std::string b(static_cast<std::size_t>(end - in) * 2, '\0');
  out = b.data();
  while (in < end) {  // ([^0-9])([\.,]) -> '\1 \2 '
    *out++ = *in;
    if (in + 1 < end && !has(in[0], k_digit) && has(in[1], k_period_or_comma)) {
      *out++ = ' ';
      *out++ = in[1];
      *out++ = ' ';
      ++in;
    }
    ++in;
  }
  in = b.data();
  end = out;
  a.assign(static_cast<std::size_t>(end - in) * 2, '\0');
  out = a.data();
  while (in < end) {  // ([\.,])([^0-9]) -> ' \1 \2'
    if (in + 1 < end && has(in[0], k_period_or_comma) && !has(in[1], k_digit)) {
      *out++ = ' ';
      *out++ = in[0];
      *out++ = ' ';
      *out++ = in[1];
      in += 2;
    } else {
      *out++ = *in++;
    }
  }
  in = a.data();
  end = out;
  b.assign(static_cast<std::size_t>(end - in) * 2, '\0');
  out = b.data();
  while (in < end) {  // ([0-9])(-) -> '\1 \2 '
    *out++ = *in;
    if (in + 1 < end && has(in[0], k_digit) && has(in[1], k_hyphen)) {
      *out++ = ' ';
      *out++ = '-';
      *out++ = ' ';
      ++in;
    }
    ++in;
  }
  b.resize(static_cast<std::size_t>(out - b.data()));
  return b;
}

std::string tokenize_13a(std::string_view segment) {
  std::string line(segment);
  replace_all(line, "<skipped>", "");
  replace_all(line, "-\n", "");
  replace_all(line, "\n", " ");
  if (line.find('&') != std::string::npos) {
    replace_all(line, "&quot;", "\"");
    replace_all(line, "&amp;", "&");
    replace_all(line, "&lt;", "<");
    replace_all(line, "&gt;", ">");
  }
  line.insert(line.begin(), ' ');
  line.push_back(' ');
  return py_join_split(apply_13a_rules(line));
}

// The three substitutions of TokenizerV14International, on code points.
std::string tokenize_intl(std::string_view segment) {
  const std::u32string line = core::utf8::to_code_points(segment);
  std::u32string pass1;
  for (std::size_t i = 0; i < line.size(); ++i) {  // (\P{N})(\p{P}) -> '\1 \2 '
    pass1 += line[i];
    if (i + 1 < line.size() && !is_number(line[i]) && is_punctuation(line[i + 1])) {
      pass1 += U' ';
      pass1 += line[++i];
      pass1 += U' ';
    }
  }
  std::u32string pass2;
  for (std::size_t i = 0; i < pass1.size(); ++i) {  // (\p{P})(\P{N}) -> ' \1 \2'
    if (i + 1 < pass1.size() && is_punctuation(pass1[i]) && !is_number(pass1[i + 1])) {
      pass2 += U' ';
      pass2 += pass1[i];
      pass2 += U' ';
      pass2 += pass1[++i];
    } else {
      pass2 += pass1[i];
    }
  }
  std::u32string pass3;
  for (const char32_t c : pass2) {  // (\p{S}) -> ' \1 '
    if (is_symbol(c)) {
      pass3 += U' ';
      pass3 += c;
      pass3 += U' ';
    } else {
      pass3 += c;
    }
  }
  return py_join_split(core::utf8::from_code_points(pass3));
}

std::string tokenize_char(std::string_view segment) {
  std::string out;
  out.reserve(segment.size() * 2);
  for (const char32_t c : core::utf8::to_code_points(segment)) {
    if (is_py_space(c)) {
      continue;
    }
    if (!out.empty()) {
      out += ' ';
    }
    core::utf8::append(out, c);
  }
  return out;
}

}  // namespace

std::string_view bleu_tokenizer_name(BleuTokenizer tokenizer) {
  switch (tokenizer) {
    case BleuTokenizer::none: return "none";
    case BleuTokenizer::v13a: return "13a";
    case BleuTokenizer::intl: return "intl";
    case BleuTokenizer::character: return "char";
  }
  return "13a";
}

std::span<const std::string> bleu_tokenizer_names() {
  static const std::array<std::string, 4> k_names = {"13a", "intl", "char", "none"};
  return k_names;
}

core::Expected<BleuTokenizer> parse_bleu_tokenizer(std::string_view name) {
  for (const auto tokenizer :
       {BleuTokenizer::v13a, BleuTokenizer::intl, BleuTokenizer::character, BleuTokenizer::none}) {
    if (name == bleu_tokenizer_name(tokenizer)) {
      return tokenizer;
    }
  }
  return core::unexpected("unknown tokenizer " + core::quote(name) + ": " +
                          core::suggest(name, bleu_tokenizer_names()));
}

std::string tokenize_bleu(std::string_view segment, BleuTokenizer tokenizer) {
  switch (tokenizer) {
    case BleuTokenizer::v13a: return tokenize_13a(segment);
    case BleuTokenizer::intl: return tokenize_intl(segment);
    case BleuTokenizer::character: return tokenize_char(segment);
    case BleuTokenizer::none: break;
  }
  // sacreBLEU's `none` returns the line unchanged; its n-gram extraction then
  // splits on whitespace, which is what this normal form already is.
  return py_join_split(segment);
}

}  // namespace genops::eval::metrics
