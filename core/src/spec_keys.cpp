#include "spec_keys.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "convstep/json_text.h"

namespace convstep::detail {
namespace {

using nlohmann::json;

// The top-level keys a spec may have: the spec's own, then what saved sessions and the presets
// add ("title", "source", "session", "view"), which are kept in doc.extra.
const char* const kSpecKeys[] = {"conv",  "input",          "input_layout", "input_shape", "weight",
                                 "bias",  "fit_weights_to", "sentences",    "values",      "seed",
                                 "title", "source",         "session",      "view"};
const char* const kSessionKeys[] = {"title", "source", "session", "view"};

// The number of single-character edits (insert, delete, replace, swap two neighbours) between
// a and b: how far a typo is from the key meant.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

bool IsSessionKey(const std::string& key) {
  return std::find(std::begin(kSessionKeys), std::end(kSessionKeys), key) != std::end(kSessionKeys);
}

Error UnknownSpecKey(const std::string& key) {
  std::string keys, nearest;
  size_t best = 3;  // a suggestion only within two edits
  for (const char* known : kSpecKeys) {
    keys += keys.empty() ? known : std::string(", ") + known;
    if (const size_t distance = EditDistance(key, known); distance < best) {
      best = distance;
      nearest = known;
    }
  }
  const Message message = {
      "spec_unknown_key", "the spec has an unknown key {0}", {JsonExcerpt(json(key))}};
  if (nearest.empty())
    return MakeError(message, Excerpt(key), Hint{"spec_keys", "the keys are {0}", {keys}});
  return MakeError(
      message, Excerpt(key),
      Hint{"spec_keys_nearest", "did you mean \"{0}\"? The keys are {1}", {nearest, keys}});
}

Result<bool> CheckSpecKeysTogether(const json& root, SpecDocument& doc) {
  if (!doc.sentences.empty() && !root.contains("input_layout")) doc.layout = InputLayout::kNLC;
  if (!doc.sentences.empty() && (doc.input || doc.input_shape))
    return MakeError(Message{"spec_sentences_and_input",
                             "the spec gives sentences and also input or input_shape",
                             {}},
                     "sentences",
                     Hint{"spec_sentences_and_input",
                          "the sentences are the input: remove input and input_shape",
                          {}});
  if (doc.input && doc.input_shape)
    return MakeError(
        Message{"spec_input_and_shape", "the spec gives both input and input_shape", {}},
        "input_shape",
        Hint{"spec_input_and_shape",
             "give the values (input) or a shape to generate (input_shape), not both",
             {}});
  if (doc.fit_output && (doc.weight || doc.bias))
    return MakeError(
        Message{
            "spec_fit_and_weights", "the spec gives fit_weights_to and also weight or bias", {}},
        "fit_weights_to",
        Hint{"spec_fit_and_weights",
             "the weights are fitted to the output: remove weight and bias, or "
             "remove fit_weights_to to use them",
             {}});
  if (doc.fit_output && !doc.has_conv)
    return MakeError(Message{"spec_fit_without_conv", "fit_weights_to needs a \"conv\" object", {}},
                     "fit_weights_to",
                     Hint{"spec_fit_without_conv",
                          "add the layer whose weights to fit: \"conv\": {\"in_channels\": ...}",
                          {}});
  return true;
}

}  // namespace convstep::detail
