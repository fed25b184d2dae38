#pragma once
// promptfoo `prompts:` entries as genops prompts: inline text, file://x.txt
// (several prompts split on `---` lines), file://x.json (chat messages),
// file://x.yaml|yml (a messages list), and {id|raw, label} objects.
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/yaml/document.hpp"
#include "migrate/common/notes.hpp"

namespace genops::migrate::promptfoo {

struct PromptMessage {
  std::string role;     // system, user, assistant
  std::string content;  // Mustache
};

struct ImportedPrompt {
  std::string name;     // genops prompt name, unique in the import
  std::string source;   // where it came from: "prompts.txt (2nd of 3)", "promptfooconfig.yaml:4:5"
  bool chat = false;    // written as `messages:` (true) or `template:` (false)
  std::vector<PromptMessage> messages;
  std::vector<std::string> variables;  // every root variable the messages use
  std::set<std::string> dotted;        // variables used as objects (a.b)
  bool broken = false;                 // a part could not be translated (listed in the notes)
};

// Reads the `prompts:` node (a string, a list, or a map of file -> label).
// Missing files throw a located Error(invalid_input); what has no genops form
// (scripts, Nunjucks tags and filters, other roles) is added to `notes`.
std::vector<ImportedPrompt> read_prompts(const core::yaml::Node& prompts, const std::filesystem::path& base_dir,
                                         Notes& notes);

// A name genops accepts, from any text: lower case, [a-z0-9._-], no leading
// or trailing '-', at most 48 characters; "prompt" when nothing is left.
std::string slug(std::string_view text);

}  // namespace genops::migrate::promptfoo
