#pragma once
// The batch APIs' documents, without HTTP: OpenAI's Batch API (a JSONL input
// file of {custom_id, method, url, body} lines; a batch object; a JSONL output
// file of {custom_id, response: {status_code, body}, error}) and Anthropic's
// Message Batches ({requests: [{custom_id, params}]}; a batch object; a JSONL
// results file of {custom_id, result: {type, message | error}}).
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/expected.hpp"
#include "providers/batch/batch_store.hpp"

namespace genops::providers::batch {

enum class BatchKind { openai, anthropic };

// One request of a batch: its custom_id and the body of the live call.
struct BatchLine {
  std::string custom_id;
  nlohmann::json body;
};

// OpenAI: the input file, one line per request, each posted to `url_path`
// ("/v1/chat/completions"); every line ends with '\n'.
std::string openai_input_jsonl(const std::vector<BatchLine>& lines, std::string_view url_path);
// Anthropic: the body of POST /v1/messages/batches.
nlohmann::json anthropic_create_body(const std::vector<BatchLine>& lines);
// How many bytes `line` adds to a batch's input (its JSONL line).
std::size_t line_bytes(const BatchLine& line);

// Splits lines, in order, into batches of at most `max_requests` lines and
// `max_bytes` bytes (a line larger than max_bytes goes alone in its batch).
std::vector<std::vector<BatchLine>> split_batches(std::vector<BatchLine> lines, std::size_t max_requests,
                                                  std::size_t max_bytes);

// A batch as the provider describes it, in genops's terms.
struct BatchState {
  std::string status;  // the provider's word: validating, in_progress, finalizing, completed, failed, expired,
                       // cancelling, cancelled (OpenAI); in_progress, canceling, ended (Anthropic)
  bool ended = false;  // nothing more will happen; results (if any) can be fetched
  std::int64_t total = 0, succeeded = 0, failed = 0;
  std::string output_file_id, error_file_id;  // OpenAI
  std::string results_url;                    // Anthropic
  std::string error;                          // why the batch failed, when it did
  std::optional<std::int64_t> expires_at;     // Unix seconds, when the provider says
};

// Parses a batch object; the error names the field that is missing or wrong.
core::Expected<BatchState> parse_openai_batch(const nlohmann::json& batch);
core::Expected<BatchState> parse_anthropic_batch(const nlohmann::json& batch);

// A result file read against the custom_ids of the job: each known id's end
// (the first line for an id wins); lines with unknown or duplicated ids, or
// that are not valid, are listed in `problems` and otherwise ignored.
struct ParsedResults {
  std::vector<providers::batch::BatchRequestEnd> ends;
  std::vector<std::string> problems;  // "line 3: unknown custom_id \"x\"", ...
};
ParsedResults parse_results(BatchKind kind, std::string_view jsonl, const std::map<std::string, std::string>& known);

}  // namespace genops::providers::batch
