#pragma once
// How commands print: data on stdout, diagnostics on stderr, colour only on
// a terminal and never with NO_COLOR, tables aligned by display width.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace genops::cli {

enum class Colour { red, green, yellow, cyan, bold, dim };

// Whether `stream` should get ANSI colour: a terminal, NO_COLOR unset, TERM not "dumb".
bool colour_enabled(std::FILE* stream);
// `text` wrapped in the colour's escape codes when `enabled`.
std::string paint(std::string_view text, Colour colour, bool enabled);

// Prints JSON (pretty, invalid UTF-8 replaced) with a final newline.
void print_json(const nlohmann::json& value);
// Prints rows as left-aligned columns separated by two spaces; the first row is the header.
void print_table(const std::vector<std::vector<std::string>>& rows);
// Prints a warning line "genops: warning: ..." on stderr.
void print_warning(std::string_view message);
// Prints a note line on stderr (progress, "nothing changed").
void print_note(std::string_view message);

}  // namespace genops::cli
