#pragma once
// An incremental Server-Sent Events parser (WHATWG HTML §9.2.6): bytes in,
// events out, the same events whatever the chunk boundaries (a CR LF split
// across chunks, a UTF-8 character split in two, a BOM split from its stream).
#include <functional>
#include <string>
#include <string_view>

namespace genops::providers::sse {

struct SseEvent {
  std::string event;  // the `event:` field; "" means "message"
  std::string data;   // the `data:` lines joined by "\n"
  std::string id;     // the last `id:` field seen
};

using EventHandler = std::function<void(const SseEvent&)>;

class SseParser {
 public:
  // Parses `chunk`, calling `on_event` for every event completed by it.
  void feed(std::string_view chunk, const EventHandler& on_event);
  // End of stream: dispatches an event whose blank line never came (lenient:
  // some servers close right after the last data line).
  void finish(const EventHandler& on_event);

 private:
  void process_line(const EventHandler& on_event);
  void dispatch(const EventHandler& on_event);

  std::string m_line;
  std::string m_data;
  std::string m_event;
  std::string m_id;
  bool m_has_data = false;
  bool m_after_cr = false;  // the last byte was CR: a following LF belongs to it
  bool m_started = false;   // the BOM check has been made
  std::string m_bom_prefix; // bytes that may still turn out to be a BOM
};

}  // namespace genops::providers::sse
