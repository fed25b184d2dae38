#pragma once
// RAII owners for libcurl handles. Internal to providers/http: the only place
// in the project that includes curl.
#include <curl/curl.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace genops::providers::http::detail {

struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const noexcept { curl_multi_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// curl_global_init, once per process, before the first handle. Throws on failure.
void init_curl_once();

// A fresh easy handle. Throws std::runtime_error when curl cannot make one.
EasyHandle make_easy();

// Appends "Name: value" to `list`. Throws std::bad_alloc when curl cannot.
void append_header(HeaderList& list, const std::string& line);

// curl_easy_setopt that throws std::runtime_error naming the failure.
template <typename T>
void set_option(CURL* handle, CURLoption option, T value) {
  if (const CURLcode code = curl_easy_setopt(handle, option, value); code != CURLE_OK) {
    throw std::runtime_error(std::string("curl option rejected: ") + curl_easy_strerror(code));
  }
}

// curl_multi_setopt that throws std::runtime_error naming the failure.
template <typename T>
void set_multi_option(CURLM* handle, CURLMoption option, T value) {
  if (const CURLMcode code = curl_multi_setopt(handle, option, value); code != CURLM_OK) {
    throw std::runtime_error(std::string("curl multi option rejected: ") + curl_multi_strerror(code));
  }
}

}  // namespace genops::providers::http::detail
