// Sentences as input: the text a student types becomes the batch (one sentence per line),
// tokens label the L axis, each token gets a seeded word vector (core's sentences.h) and
// shorter sentences are padded with <pad>.
#pragma once

#include <string>
#include <vector>

#include "convstep/result.h"
#include "convstep/values.h"
#include "model/session.h"

namespace convstep::gui {

/// The sentences of the editor's text: one per line, blank lines skipped, spaces trimmed.
std::vector<std::string> SplitSentences(const std::string& text);

/// The tensors of a kSentences recipe: the word vectors as the [N, L, C] input, then the
/// weight and bias as the equivalent Python makes them after the sentences (randn: a fresh
/// torch.manual_seed(seed) and nn.Conv1d's own initialisation). Fills `tokens`. Errors name
/// the control at fault ("sentences", "batch", "length", "layout" or "values").
Result<GeneratedTensors> SentenceTensors(const Recipe& recipe,
                                         std::vector<std::vector<std::string>>* tokens);

/// `text` cut to at most `max_chars` characters (whole UTF-8 characters), "…" marking a cut.
std::string ShortLabel(const std::string& text, size_t max_chars);

/// Writes the label of input position l of batch item n into `buf`: its token (cut to
/// `max_chars`) when the input is made of sentences. False (and `buf` untouched) otherwise.
bool TokenLabel(const Session& session, int64_t n, int64_t l, char* buf, size_t size,
                size_t max_chars = 12);

/// The token at position l of batch item n ("<pad>" included), or an empty string when the
/// input is not made of sentences.
std::string TokenAt(const Session& session, int64_t n, int64_t l);

}  // namespace convstep::gui
