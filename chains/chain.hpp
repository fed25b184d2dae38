#pragma once
// A loaded chain (DESIGN §1): its inputs, steps, outputs and limits, with
// every template compiled and every reference bound. Built by load_chain().
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "chains/expr/expression.hpp"
#include "chains/template.hpp"
#include "core/prompt/prompt_spec.hpp"
#include "core/regex.hpp"
#include "core/retrieval/retriever.hpp"

namespace genops::chains {

enum class StepKind { llm, transform, retrieve, map, loop, chain, agent, exec };

// "llm", "transform", ...
std::string_view to_string(StepKind kind);
// The kind names, in documentation order.
const std::vector<std::string>& step_kind_names();

struct Chain;
struct Step;

// How an llm step's reply is read: as text, or as JSON checked by a schema.
struct OutputSpec {
  bool json = false;
  nlohmann::json schema;  // null: any JSON
};

// A prompt version an llm or agent step uses, resolved at load time.
struct PromptBinding {
  std::string ref;          // "support-answer@3"
  std::string hash;         // the version's content hash
  core::prompt::PromptSpec spec;
  std::vector<std::string> template_vars;  // the inputs it declares
  std::filesystem::path file;               // a prompt file, registered once the whole chain loaded; empty for store refs
};

struct MessageTemplate {
  std::string role;
  Template content;
};

// What llm and agent steps share: where the messages come from and the model settings.
struct ModelCall {
  std::optional<PromptBinding> prompt;             // or
  std::vector<MessageTemplate> messages;           // inline messages
  std::vector<std::pair<std::string, Template>> vars;
  nlohmann::json model = nlohmann::json::object();  // the prompt's model config overlaid with the step's
  std::string provider;                            // effective provider name (load time)
};

struct LlmStep {
  ModelCall call;
  OutputSpec output;
};

struct TransformStep {
  enum class Op { render, json, regex };
  Op op = Op::render;
  Template input;  // render: the template; json/regex: the text to read
  std::optional<core::Regex> regex;  // regex: compiled `pattern` (RE2 syntax)
  std::string pattern;
  std::size_t group = 0;
  OutputSpec output;  // json: an optional schema
};

struct RetrieveStep {
  std::string index;
  int index_line = 0;    // where `index:` is written (1-based), for `chain validate`
  int index_column = 0;
  Template query;
  int top_k = 4;
  core::retrieval::Mode mode = core::retrieval::Mode::bm25;
};

struct MapStep {
  Template over;  // a whole-value template that yields a list
  int concurrency = 4;
  std::unique_ptr<Step> step;
};

struct LoopStep {
  int max_iterations = 3;
  std::optional<expr::Expression> until;
  std::unique_ptr<Step> step;
};

struct ChainCallStep {
  const Chain* chain = nullptr;  // owned by the ChainSet
  std::string path;              // as written
  std::vector<std::pair<std::string, Template>> inputs;
};

struct Tool {
  std::string name;
  std::string description;
  nlohmann::json parameters = nlohmann::json::object();  // JSON Schema of the arguments
  std::unique_ptr<Step> step;    // or
  const Chain* chain = nullptr;  // a chain whose inputs are the arguments
};

struct AgentStep {
  ModelCall call;
  std::vector<Tool> tools;
  int max_turns = 6;
};

// A program run with the step's inputs as JSON on stdin; its stdout is the
// output (docs/chains.md, "exec").
struct ExecStep {
  std::vector<Template> command;  // argv, each item rendered as text; no shell
  std::vector<std::pair<std::string, Template>> inputs;  // the stdin object
  std::chrono::milliseconds timeout{60'000};
  std::vector<std::string> env;  // variable names passed besides the allow-list
  std::filesystem::path dir;     // the working directory: the chain file's
};

struct Step {
  std::string id;
  StepKind kind = StepKind::llm;
  std::string path;  // "steps[2]" or "steps[2].step", for messages
  int line = 0;
  std::optional<expr::Expression> when;
  std::vector<std::size_t> depends_on;  // top-level steps only: indices this step reads
  std::variant<LlmStep, TransformStep, RetrieveStep, MapStep, LoopStep, ChainCallStep, AgentStep, ExecStep> body;
};

// Run limits; unset means unlimited.
struct Limits {
  std::optional<double> max_cost_usd;
  std::optional<std::int64_t> max_tokens;
  std::optional<std::int64_t> max_steps;
  std::optional<std::chrono::milliseconds> timeout;
};

struct Chain {
  std::string name;
  std::string version;  // SHA-256 of the canonical content (sorted-key JSON of the file)
  std::filesystem::path file;
  std::string display_file;  // as shown in messages
  std::string source;        // the text, when built in memory rather than read from `file`
  std::vector<core::prompt::InputSpec> inputs;
  std::vector<Step> steps;  // file order
  std::vector<std::pair<std::string, Template>> outputs;
  Limits limits;
  std::map<std::string, std::size_t> index_of;  // step id -> index
};

// A chain and every chain it calls (each loaded once, so a chain may call
// itself; the runner bounds the recursion depth).
class ChainSet {
 public:
  const Chain& root() const { return *m_chains.front(); }
  const std::vector<std::unique_ptr<Chain>>& chains() const { return m_chains; }
  // Every prompt version the chains use, as "name@N" (for `chain validate`).
  std::vector<std::string> prompt_refs() const;
  // Every index a retrieve step of the chains reads (nested ones included), in
  // file order, with where it is written (for `chain validate`).
  struct IndexUse {
    std::string index;
    std::string where;  // "chains/x.yaml:12:12: steps[1].index"
  };
  std::vector<IndexUse> index_uses() const;
  // Every provider an llm or agent step of the chains calls, sorted.
  std::vector<std::string> providers() const;

 private:
  friend class Loader;
  std::vector<std::unique_ptr<Chain>> m_chains;  // root first
};

}  // namespace genops::chains
