#pragma once
// sacreBLEU's tokenizers for BLEU: 13a (mteval-v13a.pl, the default), intl
// (mteval-v14 international: Unicode punctuation and symbols), char and none.
#include <span>
#include <string>
#include <string_view>

#include "core/expected.hpp"

namespace genops::eval::metrics {

enum class BleuTokenizer { none, v13a, intl, character };

// The tokenizer's name as sacreBLEU spells it in `tokenize=` and signatures:
// "none", "13a", "intl", "char".
std::string_view bleu_tokenizer_name(BleuTokenizer tokenizer);

// The names accepted by parse_bleu_tokenizer, in display order.
std::span<const std::string> bleu_tokenizer_names();

// Reads a tokenizer name; the error names the value and lists the supported ones.
core::Expected<BleuTokenizer> parse_bleu_tokenizer(std::string_view name);

// Tokenizes one segment exactly as sacreBLEU 2.x does and returns the tokens
// joined by single spaces (the form its n-gram extraction splits again).
std::string tokenize_bleu(std::string_view segment, BleuTokenizer tokenizer);

}  // namespace genops::eval::metrics
