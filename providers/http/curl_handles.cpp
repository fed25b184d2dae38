#include "providers/http/curl_handles.hpp"

#include <mutex>
#include <new>

namespace genops::providers::http::detail {

void init_curl_once() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK) {
    throw std::runtime_error(std::string("cannot initialise libcurl: ") + curl_easy_strerror(result));
  }
}

EasyHandle make_easy() {
  EasyHandle handle(curl_easy_init());
  if (!handle) throw std::runtime_error("cannot create a curl handle");
  return handle;
}

void append_header(HeaderList& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) throw std::bad_alloc();
  // curl_slist_append returns the same head once the list exists.
  if (!list) list.reset(grown);
}

}  // namespace genops::providers::http::detail
