#include "model/sentences_input.h"

#include <algorithm>
#include <cstdio>

#include "convstep/sentences.h"
#include "convstep/torch_random.h"

namespace convstep::gui {

std::vector<std::string> SplitSentences(const std::string& text) {
  std::vector<std::string> sentences;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    const size_t first = line.find_first_not_of(" \t\r");
    const size_t last = line.find_last_not_of(" \t\r");
    if (first != std::string::npos) sentences.push_back(line.substr(first, last - first + 1));
    start = end + 1;
  }
  return sentences;
}

Result<GeneratedTensors> SentenceTensors(const Recipe& recipe,
                                         std::vector<std::vector<std::string>>* tokens) {
  if (recipe.layout != InputLayout::kNLC)
    return MakeError(Message{"sentences_layout",
                             "sentences give [N, L, C] input (one row of C numbers per word)",
                             {}},
                     "layout",
                     Hint{"sentences_layout",
                          "choose [N, L, C] → permute under 'given as', or choose generated values",
                          {}});
  auto batch = EmbedSentences(recipe.sentences, recipe.spec.in_channels, recipe.seed);
  if (!batch) return batch.error();
  const int64_t count = static_cast<int64_t>(batch->tokens.size());
  const int64_t longest = batch->tokens.empty() ? 0 : static_cast<int64_t>(batch->tokens[0].size());
  if (recipe.batch != count)
    return MakeError(Message{"sentences_batch",
                             "the batch is the list of sentences: N = {0}, not {1}",
                             {std::to_string(count), std::to_string(recipe.batch)}},
                     "batch",
                     Hint{"sentences_batch", "add or remove a sentence on the Sentences tab", {}});
  if (recipe.length != longest)
    return MakeError(
        Message{"sentences_length",
                "L is the longest sentence's number of tokens: L = {0}, not {1}",
                {std::to_string(longest), std::to_string(recipe.length)}},
        "length",
        Hint{"sentences_length", "make a sentence longer or shorter on the Sentences tab", {}});
  GeneratedTensors made;
  made.input = batch->vectors;
  if (recipe.source == ValueSource::kTorchRandn) {
    // torch.manual_seed(seed); conv = nn.Conv1d(...): the layer's own initialisation.
    TorchGenerator generator;
    generator.manual_seed(recipe.seed);
    auto init = generator.conv1d_default_init(recipe.spec);
    if (!init) return init.error();
    made.weight = std::move(init->weight);
    made.bias = std::move(init->bias);
  } else if (recipe.source == ValueSource::kSmallIntegers) {
    return MakeError(
        Message{"sentences_small_integers",
                "small integers draw the input first, so they cannot fill in the "
                "weights of typed sentences",
                {}},
        "values",
        Hint{
            "sentences_small_integers", "choose randn, arange, ones or zeros for the weights", {}});
  } else {
    auto generated =
        GenerateTensors(recipe.spec, made.input.shape, recipe.layout, recipe.source, recipe.seed);
    if (!generated) return generated.error();
    made.weight = std::move(generated->weight);
    made.bias = std::move(generated->bias);
  }
  if (tokens) *tokens = std::move(batch->tokens);
  return made;
}

std::string TokenAt(const Session& session, int64_t n, int64_t l) {
  if (n < 0 || l < 0 || static_cast<size_t>(n) >= session.tokens.size()) return {};
  const auto& row = session.tokens[static_cast<size_t>(n)];
  return static_cast<size_t>(l) < row.size() ? row[static_cast<size_t>(l)] : std::string();
}

}  // namespace convstep::gui

namespace convstep::gui {

std::string ShortLabel(const std::string& text, size_t max_chars) {
  size_t chars = 0, at = 0;
  while (at < text.size()) {
    if (chars == max_chars) return text.substr(0, at) + "…";
    const unsigned char c = static_cast<unsigned char>(text[at]);
    at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return text;
}

bool TokenLabel(const Session& session, int64_t n, int64_t l, char* buf, size_t size,
                size_t max_chars) {
  const std::string token = TokenAt(session, n, l);
  if (token.empty()) return false;
  std::string label = ShortLabel(token, max_chars);
  if (label.size() >= size) label = ShortLabel(token, std::max<size_t>(1, size / 4 - 1));
  std::snprintf(buf, size, "%s", label.c_str());
  return true;
}

}  // namespace convstep::gui
