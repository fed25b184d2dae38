#include "providers/batch/batch_wire.hpp"

#include <charconv>
#include <chrono>
#include <set>
#include <sstream>

#include "core/json.hpp"
#include "core/jsonl.hpp"
#include "core/strings.hpp"

namespace genops::providers::batch {

namespace {

nlohmann::json openai_line(const BatchLine& line, std::string_view url_path) {
  return {{"custom_id", line.custom_id}, {"method", "POST"}, {"url", std::string(url_path)}, {"body", line.body}};
}

std::int64_t count(const nlohmann::json& counts, const char* field) {
  if (!counts.is_object()) return 0;
  auto it = counts.find(field);
  return it != counts.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string string_field(const nlohmann::json& object, const char* field) {
  auto it = object.find(field);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// "2026-12-05T07:00:00Z" (any fraction or offset ignored but Z) -> Unix seconds.
std::optional<std::int64_t> parse_rfc3339(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() < 19) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    auto r = std::from_chars(text.data() + at, text.data() + at + len, out);
    return r.ec == std::errc() && r.ptr == text.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) || !num(17, 2, s))
    return std::nullopt;
  using namespace std::chrono;
  auto day = sys_days{year{y} / month{static_cast<unsigned>(mo)} / static_cast<unsigned>(d)};
  return duration_cast<seconds>(day.time_since_epoch()).count() + h * 3600 + mi * 60 + s;
}

// The error text of an OpenAI output/error line or an Anthropic errored result.
std::string error_text(const nlohmann::json& error) {
  if (error.is_string()) return error.get<std::string>();
  if (!error.is_object()) return "";
  if (error.contains("error")) return error_text(error["error"]);  // Anthropic nests {type, error: {type, message}}
  std::string message = string_field(error, "message");
  std::string code = string_field(error, "code");
  if (code.empty()) code = string_field(error, "type");
  return code.empty() ? message : code + ": " + message;
}

providers::batch::BatchRequestEnd openai_end(const nlohmann::json& line) {
  providers::batch::BatchRequestEnd end;
  end.custom_id = string_field(line, "custom_id");
  const auto response = line.value("response", nlohmann::json());
  const int status = response.is_object() ? response.value("status_code", 0) : 0;
  if (status >= 200 && status < 300 && response.contains("body")) {
    end.succeeded = true;
    end.response = core::dump_json(response["body"]);
    return end;
  }
  end.status = "errored";
  end.error = error_text(line.value("error", nlohmann::json()));
  if (end.error.empty() && response.is_object()) end.error = error_text(response.value("body", nlohmann::json()));
  if (status != 0) end.error = "HTTP " + std::to_string(status) + (end.error.empty() ? "" : ": " + end.error);
  return end;
}

providers::batch::BatchRequestEnd anthropic_end(const nlohmann::json& line) {
  providers::batch::BatchRequestEnd end;
  end.custom_id = string_field(line, "custom_id");
  const auto result = line.value("result", nlohmann::json::object());
  const std::string type = result.is_object() ? string_field(result, "type") : "";
  if (type == "succeeded" && result.contains("message")) {
    end.succeeded = true;
    end.response = core::dump_json(result["message"]);
    return end;
  }
  end.status = type.empty() ? "errored" : type;  // errored, canceled, expired
  end.error = error_text(result.value("error", nlohmann::json()));
  if (end.error.empty()) end.error = "the request " + (type.empty() ? std::string("has no result") : type);
  return end;
}

}  // namespace

std::string openai_input_jsonl(const std::vector<BatchLine>& lines, std::string_view url_path) {
  std::string out;
  for (const auto& line : lines) out += core::dump_json(openai_line(line, url_path)) + "\n";
  return out;
}

nlohmann::json anthropic_create_body(const std::vector<BatchLine>& lines) {
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& line : lines) requests.push_back({{"custom_id", line.custom_id}, {"params", line.body}});
  return {{"requests", std::move(requests)}};
}

std::size_t line_bytes(const BatchLine& line) {
  return core::dump_json(openai_line(line, "/v1/chat/completions")).size() + 1;
}

std::vector<std::vector<BatchLine>> split_batches(std::vector<BatchLine> lines, std::size_t max_requests,
                                                  std::size_t max_bytes) {
  std::vector<std::vector<BatchLine>> out;
  std::size_t bytes = 0;
  for (auto& line : lines) {
    const std::size_t size = line_bytes(line);
    if (out.empty() || out.back().size() >= max_requests || (bytes + size > max_bytes && !out.back().empty())) {
      out.emplace_back();
      bytes = 0;
    }
    bytes += size;
    out.back().push_back(std::move(line));
  }
  return out;
}

core::Expected<BatchState> parse_openai_batch(const nlohmann::json& batch) {
  if (!batch.is_object() || !batch.contains("status") || !batch["status"].is_string())
    return core::unexpected("a batch object with a string `status`");
  BatchState state;
  state.status = batch["status"].get<std::string>();
  static const std::set<std::string> known{"validating", "in_progress", "finalizing", "completed",
                                           "failed",     "expired",     "cancelling", "cancelled"};
  if (!known.count(state.status)) return core::unexpected("status " + core::quote(state.status) + " is not a batch status");
  state.ended = state.status == "completed" || state.status == "failed" || state.status == "expired" ||
                state.status == "cancelled";
  const auto counts = batch.value("request_counts", nlohmann::json::object());
  state.total = count(counts, "total");
  state.succeeded = count(counts, "completed");
  state.failed = count(counts, "failed");
  state.output_file_id = string_field(batch, "output_file_id");
  state.error_file_id = string_field(batch, "error_file_id");
  if (auto errors = batch.find("errors"); errors != batch.end() && errors->is_object() && (*errors)["data"].is_array()) {
    std::vector<std::string> messages;
    for (const auto& e : (*errors)["data"]) messages.push_back(error_text(e));
    state.error = core::join(messages, "; ");
  }
  if (auto at = batch.find("expires_at"); at != batch.end() && at->is_number_integer()) state.expires_at = at->get<std::int64_t>();
  return state;
}

core::Expected<BatchState> parse_anthropic_batch(const nlohmann::json& batch) {
  if (!batch.is_object() || !batch.contains("processing_status") || !batch["processing_status"].is_string())
    return core::unexpected("a message batch with a string `processing_status`");
  BatchState state;
  state.status = batch["processing_status"].get<std::string>();
  if (state.status != "in_progress" && state.status != "canceling" && state.status != "ended")
    return core::unexpected("processing_status " + core::quote(state.status) + " is not a batch status");
  state.ended = state.status == "ended";
  const auto counts = batch.value("request_counts", nlohmann::json::object());
  state.succeeded = count(counts, "succeeded");
  state.failed = count(counts, "errored") + count(counts, "canceled") + count(counts, "expired");
  state.total = state.succeeded + state.failed + count(counts, "processing");
  state.results_url = string_field(batch, "results_url");
  if (auto at = batch.find("expires_at"); at != batch.end() && at->is_string()) state.expires_at = parse_rfc3339(*at);
  return state;
}

ParsedResults parse_results(BatchKind kind, std::string_view jsonl, const std::map<std::string, std::string>& known) {
  ParsedResults out;
  std::istringstream in{std::string(jsonl)};
  core::JsonlReader reader(in);
  std::set<std::string> seen;
  while (auto record = reader.next()) {
    const std::string at = "line " + std::to_string(record->line) + ": ";
    if (record->status != core::JsonlRecord::Status::object) {
      out.problems.push_back(at + (record->problem.empty() ? "not a JSON object" : record->problem));
      continue;
    }
    auto end = kind == BatchKind::openai ? openai_end(record->value) : anthropic_end(record->value);
    if (!known.count(end.custom_id)) {
      out.problems.push_back(at + "unknown custom_id " + core::quote(end.custom_id));
    } else if (!seen.insert(end.custom_id).second) {
      out.problems.push_back(at + "custom_id " + core::quote(end.custom_id) + " again (the first line is kept)");
    } else {
      out.ends.push_back(std::move(end));
    }
  }
  return out;
}

}  // namespace genops::providers::batch
