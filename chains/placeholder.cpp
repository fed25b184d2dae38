// Replaced as soon as the first chains/ source lands.
namespace genops::chains {
int placeholder_symbol();
int placeholder_symbol() { return 0; }
}  // namespace genops::chains
