#include <doctest/doctest.h>

#include <string>

#include "core/redact.hpp"

using genops::core::contains_secret;
using genops::core::redact;
using genops::core::register_secret;

namespace {

// Plain padded base64, written independently of redact.cpp's.
std::string base64(const std::string& in, bool url_safe = false) {
  const char* alphabet = url_safe ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                                  : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<unsigned char>(in[i + 2]);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? alphabet[n & 63] : '=';
  }
  return out;
}

// `text` without its "[REDACTED]" markers: what is still visible.
std::string visible(std::string text) {
  for (auto pos = text.find("[REDACTED]"); pos != std::string::npos; pos = text.find("[REDACTED]"))
    text.erase(pos, 10);
  return text;
}

}  // namespace

TEST_CASE("core::redact: key shapes that were never registered") {
  SUBCASE("bearer tokens, any case") {
    CHECK(redact("Authorization: Bearer abcdefgh12345678") == "Authorization: Bearer [REDACTED]");
    CHECK(redact("bearer ABCDEFGH12345678 rest") == "bearer [REDACTED] rest");
  }
  SUBCASE("api key assignments, with or without x- and quotes") {
    CHECK(redact("api_key=abcdefgh1234") == "api_key=[REDACTED]");
    CHECK(redact("{\"x-api-key\": \"abcdefgh1234\"}") == "{\"x-api-key\": \"[REDACTED]\"}");
    CHECK(redact("APIKEY: abcdefgh1234, next") == "APIKEY: [REDACTED], next");
    CHECK(redact("authorization=abcdefgh1234") == "authorization=[REDACTED]");
  }
  SUBCASE("sk- keys at a word boundary only") {
    CHECK(redact("sk-abcdefghijklmnop1234") == "[REDACTED]");
    CHECK(redact("key is sk-abcdefghijklmnop1234.") == "key is [REDACTED].");
    CHECK(redact("task-abcdefghijklmnop1234") == "task-abcdefghijklmnop1234");
  }
  SUBCASE("several in one text, each replaced once") {
    CHECK(redact("a sk-abcdefghijklmnop1234 b api_key=zzzzzzzz99 c Bearer yyyyyyyy88") ==
          "a [REDACTED] b api_key=[REDACTED] c Bearer [REDACTED]");
  }
  SUBCASE("words that only look like triggers are left alone") {
    const std::string json = R"({"case_key": "h0123456789abcdef", "keyboard": "api keys are short", "bearer": 1})";
    CHECK(redact(json) == json);
    CHECK(redact("Bearer short") == "Bearer short");
  }
}

TEST_CASE("core::redact: registered secrets in every form") {
  register_secret("s3cr3t-value-1234");
  CHECK(redact("the key s3cr3t-value-1234 leaked") == "the key [REDACTED] leaked");
  CHECK(redact("in a URL: s3cr3t%2Dvalue") == "in a URL: s3cr3t%2Dvalue");  // not a registered form
}

TEST_CASE("core::redact: a registered key in raw, URL-encoded and base64 forms") {
  const std::string key = "Zq7x/W2p+L9mN4vB8c=T";  // no key shape: only registration finds it
  // Once (doctest re-enters the test case for each subcase): unregistered, no shape hides it.
  static const bool registered = [&] {
    CHECK(redact(key) == key);
    register_secret(key);
    return true;
  }();
  CHECK(registered);
  SUBCASE("raw") { CHECK(redact("got " + key + "!") == "got [REDACTED]!"); }
  SUBCASE("URL-encoded, either hex case") {
    CHECK(redact("key=Zq7x%2FW2p%2BL9mN4vB8c%3DT&x=1") == "key=[REDACTED]&x=1");
    CHECK(redact("key=Zq7x%2fW2p%2bL9mN4vB8c%3dT&x=1") == "key=[REDACTED]&x=1");
  }
  SUBCASE("base64 of the whole Authorization header") {
    for (std::string header : {"Bearer " + key, "Authorization: Bearer " + key}) {
      CAPTURE(header);
      std::string encoded = base64(header);
      std::string out = redact("echo: " + encoded);
      CHECK(out.find("[REDACTED]") != std::string::npos);
      // The header's prefix and at most 2 characters mixing key and neighbour bits remain, plus padding.
      CHECK(visible(out).size() <= 6 + base64(header.substr(0, header.size() - key.size())).size() + 2 + 2);
    }
    CHECK(redact(base64("Bearer " + key)).rfind("QmVhcmVy", 0) == 0);
  }
  SUBCASE("base64 of the key alone, at each of the three byte alignments, both alphabets") {
    for (std::string before : {"", "a", "ab"}) {
      for (std::string after : {"", "z", "zz"}) {
        for (bool url_safe : {false, true}) {
          std::string encoded = base64(before + key + after, url_safe);
          CAPTURE(encoded);
          std::string out = redact(encoded);
          CHECK(out.find("[REDACTED]") != std::string::npos);
          CHECK(visible(out).size() <= 8);  // one group each side at most
        }
      }
    }
  }
  SUBCASE("contains_secret sees every form") {
    CHECK(contains_secret("x" + key));
    CHECK(contains_secret(base64("Bearer " + key)));
    CHECK_FALSE(contains_secret("nothing secret"));
  }
}

TEST_CASE("core::redact: a short 12-character key") {
  const std::string key = "Pq8sT2vX4yZ1";
  register_secret(key);
  CHECK(redact("[" + key + "]") == "[[REDACTED]]");
  for (std::string before : {"", "a", "ab"}) {
    std::string encoded = base64(before + key);
    CAPTURE(encoded);
    CHECK(visible(redact(encoded)).size() <= 8);
  }
  CHECK(visible(redact(base64("Bearer " + key))).size() <= 9 + 2 + 2);
}

TEST_CASE("core::redact: 100 KB without a space after Bearer (std::regex crashed here)") {
  std::string token(100 * 1024, 'x');
  CHECK(redact("Bearer " + token) == "Bearer [REDACTED]");
  CHECK(redact("{\"q\": \"Bearer " + token + "\"}") == "{\"q\": \"Bearer [REDACTED]\"}");
}
