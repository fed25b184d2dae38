// Replaced as soon as the first eval/ source lands.
namespace genops::eval {
int placeholder_symbol();
int placeholder_symbol() { return 0; }
}  // namespace genops::eval
