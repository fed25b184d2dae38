#include "eval/metrics/bleu_tokenizers.hpp"

#include <array>

#include "core/strings.hpp"
#include "eval/metrics/py_text.hpp"

namespace genops::eval::metrics {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_period_or_comma(char c) { return c == '.' || c == ','; }

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

// mteval-v13a's first class: {|}~ [\]^_` space!"#$%& ()*+ :;<=>?@ /
bool is_13a_separated(char c) {
  return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&') ||
         (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
}

// The four substitutions of sacreBLEU's TokenizerRegexp, each a left-to-right,
// non-overlapping scan like re.sub. Working on UTF-8 bytes is equivalent here:
// every class except [^0-9] is ASCII, and a non-digit code point ends in a
// non-digit byte.
std::string apply_13a_rules(const std::string& line) {
  std::string pass1;
  pass1.reserve(line.size() * 2);
  for (const char c : line) {  // ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> ' \1 '
    if (is_13a_separated(c)) {
      pass1 += ' ';
      pass1 += c;
      pass1 += ' ';
    } else {
      pass1 += c;
    }
  }
  std::string pass2;
  pass2.reserve(pass1.size() + 16);
  for (std::size_t i = 0; i < pass1.size(); ++i) {  // ([^0-9])([\.,]) -> '\1 \2 '
    pass2 += pass1[i];
    if (i + 1 < pass1.size() && !is_digit(pass1[i]) && is_period_or_comma(pass1[i + 1])) {
      pass2 += ' ';
      pass2 += pass1[++i];
      pass2 += ' ';
    }
  }
  std::string pass3;
  pass3.reserve(pass2.size() + 16);
  for (std::size_t i = 0; i < pass2.size(); ++i) {  // ([\.,])([^0-9]) -> ' \1 \2'
    if (i + 1 < pass2.size() && is_period_or_comma(pass2[i]) && !is_digit(pass2[i + 1])) {
      pass3 += ' ';
      pass3 += pass2[i];
      pass3 += ' ';
      pass3 += pass2[++i];
    } else {
      pass3 += pass2[i];
    }
  }
  std::string pass4;
  pass4.reserve(pass3.size() + 16);
  for (std::size_t i = 0; i < pass3.size(); ++i) {  // ([0-9])(-) -> '\1 \2 '
    pass4 += pass3[i];
    if (i + 1 < pass3.size() && is_digit(pass3[i]) && pass3[i + 1] == '-') {
      pass4 += " - ";
      ++i;
    }
  }
  return pass4;
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
  return py_join_split(apply_13a_rules(" " + line + " "));
}

// The three substitutions of TokenizerV14International, on code points.
std::string tokenize_intl(std::string_view segment) {
  const std::u32string line = decode_utf8(segment);
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
  return py_join_split(encode_utf8(pass3));
}

std::string tokenize_char(std::string_view segment) {
  std::string out;
  out.reserve(segment.size() * 2);
  for (const char32_t c : decode_utf8(segment)) {
    if (is_py_space(c)) {
      continue;
    }
    if (!out.empty()) {
      out += ' ';
    }
    append_utf8(out, c);
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
