#!/usr/bin/env bash
# The layering check can fail: planted violations in a copy of the tree are caught.
source "$(dirname "$0")/lib.sh"
check="$GENOPS_SOURCE_DIR/tests/check_layering.sh"

copy_tree() {
  rm -rf tree && mkdir tree
  (cd "$GENOPS_SOURCE_DIR" && tar cf - core providers chains eval cli) | (cd tree && tar xf -)
}

case_ "the real tree passes"
copy_tree
run bash "$check" "$E2E_ROOT/tree"
expect_exit 0; expect_out_contains "layering: ok"

case_ "core including cli is caught"
copy_tree
echo '#include "cli/app.hpp"' >> tree/core/error.cpp
run bash "$check" "$E2E_ROOT/tree"
expect_exit 1; expect_out_contains "core/ must not include cli/"

case_ "chains including providers is caught"
copy_tree
echo '#include "providers/registry.hpp"' >> tree/chains/chain.cpp
run bash "$check" "$E2E_ROOT/tree"
expect_exit 1; expect_out_contains "chains/ must not include providers/"

case_ "a third-party header outside its home is caught"
copy_tree
echo '#include <curl/curl.h>' >> tree/core/fs.cpp
echo '#include <sqlite3.h>' >> tree/cli/app.cpp
run bash "$check" "$E2E_ROOT/tree"
expect_exit 1; expect_out_contains "libcurl may be included only under ^providers/http/"
expect_out_contains "SQLite may be included only under ^core/lineage/"

case_ "RE2 outside its one home is caught"
copy_tree
echo '#include <re2/re2.h>' >> tree/eval/assertions/text.cpp
run bash "$check" "$E2E_ROOT/tree"
expect_exit 1; expect_out_contains "RE2 may be included only under ^core/regex\.cpp$"

case_ "<regex> anywhere is caught"
for dir in core providers chains eval cli; do
  copy_tree
  file=$(find "tree/$dir" -name '*.cpp' | sort | head -1)
  echo '#include <regex>' >> "$file"
  run bash "$check" "$E2E_ROOT/tree"
  expect_exit 1; expect_out_contains "${file#tree/}:"
  expect_out_contains "<regex> is forbidden"
done

case_ "main must stay one line"
copy_tree
printf '#include "cli/app.hpp"\nint main(int argc, char** argv) {\n  int rc = genops::cli::run(argc, argv);\n  return rc;\n}\n' > tree/cli/main.cpp
run bash "$check" "$E2E_ROOT/tree"
expect_exit 1; expect_out_contains "main must be one line"

finish
