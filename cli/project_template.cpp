#include "cli/project_template.hpp"

namespace genops::cli {

namespace {

constexpr std::string_view k_genops_yaml = R"(version: 1
store: .genops/genops.db          # the lineage store; GENOPS_STORE overrides
defaults:
  provider: local
  concurrency: 16
  timeout: 60s
  max_retries: 5
providers:
  local: {kind: mock, responses: mocks/support.yaml}   # offline, deterministic
  echo:  {kind: echo}                                  # returns the rendered prompt
  embed: {kind: hash-embed, dims: 512}                 # offline embeddings
  # gpt:    {kind: openai, model: gpt-4o-mini, api_key_env: OPENAI_API_KEY}
  # ollama: {kind: ollama, base_url: "http://127.0.0.1:11434", model: "llama3.1:8b"}
)";

constexpr std::string_view k_prompt = R"(version: 1
name: support-answer
description: Answer a customer question from retrieved context only
inputs:
  question: {type: string}
  context:  {type: string, default: ""}
model: {provider: local, temperature: 0.2, max_tokens: 400}
messages:
  - role: system
    content: Answer only from the context. If the answer is not there, reply "No answer found".
  - role: user
    content: "Context:\n{{context}}\n\nQuestion: {{question}}"
)";

constexpr std::string_view k_mock = R"(version: 1
# Scripted replies for the offline `local` provider: the first rule whose
# regex matches the rendered prompt answers.
responses:
  - match: {regex: "(?i)refund"}
    reply: "Refunds are issued within 14 days of the request."
  - match: {regex: "(?i)password"}
    reply: "Reset your password from the sign-in page with \"Forgot password\"."
  - default: true
    reply: "No answer found"
)";

constexpr std::string_view k_readme = R"(# A genops project

Everything here runs offline: the `local` provider replays scripted replies
from `mocks/support.yaml`, and `echo` returns the rendered prompt.

    genops prompt add prompts/*.yaml -m "first version"     # version 1
    genops prompt list
    genops prompt render support-answer --var question="How do I get a refund?"

Edit `prompts/support-answer.yaml`, then:

    genops prompt add prompts/support-answer.yaml -m "tighter tone" --label production
    genops prompt diff support-answer@1 support-answer@2
    genops prompt log support-answer
    genops prompt label support-answer@1 production          # roll back

The lineage store is `.genops/genops.db` (SQLite). `genops config show` prints
every setting and where it came from.
)";

constexpr std::string_view k_gitignore = ".genops/\n";

}  // namespace

const std::vector<TemplateFile>& project_template_files() {
  static const std::vector<TemplateFile> files = {
      {"genops.yaml", k_genops_yaml},
      {"prompts/support-answer.yaml", k_prompt},
      {"mocks/support.yaml", k_mock},
      {"README.md", k_readme},
      {".gitignore", k_gitignore},
  };
  return files;
}

}  // namespace genops::cli
