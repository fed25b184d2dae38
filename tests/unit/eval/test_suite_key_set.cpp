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

TEST_CASE("eval::KeySet::reserve: sized for a million keys, it never grows while they go in") {
  // Issue 14 (1,000,000 cases in flat memory): growing from 1 Mi to 2 Mi slots
  // held both tables at once (24 MB) and left the old one as a hole in the heap.
  genops::eval::KeySet keys;
  keys.reserve(1000000);
  const auto capacity = keys.capacity();
  CHECK(capacity >= 1000000);
  CHECK(capacity < 2000000);  // the next power of two of slots, not more
  for (int i = 0; i < 1000000; ++i) keys.insert("h" + std::to_string(i));
  CHECK(keys.size() == 1000000);
  CHECK(keys.capacity() == capacity);
  keys.reserve(10);  // never shrinks
  CHECK(keys.capacity() == capacity);
}
