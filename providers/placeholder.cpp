// Replaced as soon as the first providers/ source lands.
namespace genops::providers {
int placeholder_symbol();
int placeholder_symbol() { return 0; }
}  // namespace genops::providers
