#include <doctest/doctest.h>

#include <string>

#include "eval/suite/key_set.hpp"

TEST_CASE("eval::KeySet::insert: true the first time a key is seen, false after, across growth") {
  genops::eval::KeySet keys;
  CHECK(keys.insert("h569945dbc6e97725"));
  CHECK_FALSE(keys.insert("h569945dbc6e97725"));
  CHECK(keys.insert(""));
  CHECK_FALSE(keys.insert(""));
  int fresh = 0;
  for (int i = 0; i < 200000; ++i) fresh += keys.insert("case-" + std::to_string(i)) ? 1 : 0;
  CHECK(fresh == 200000);
  CHECK(keys.size() == 200002);
  int again = 0;
  for (int i = 0; i < 200000; i += 7) again += keys.insert("case-" + std::to_string(i)) ? 1 : 0;
  CHECK(again == 0);
  CHECK(keys.size() == 200002);
}
