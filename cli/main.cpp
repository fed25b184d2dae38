#include "cli/app.hpp"

int main(int argc, char** argv) { return genops::cli::run(argc, argv); }
