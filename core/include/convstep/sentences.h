// Sentences as input: tokens label the L axis, each word gets a seeded word vector, and
// shorter sentences are padded with <pad> (the text-classification view of the seed document).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "convstep/result.h"
#include "convstep/tensor.h"

namespace convstep {

/// The token shorter sentences are padded with; its vector is all zeros.
inline constexpr const char* kPadToken = "<pad>";

/// A batch of tokenized, padded sentences and their word vectors.
struct SentenceBatch {
  std::vector<std::vector<std::string>> tokens;  ///< [N][L], padded with kPadToken
  Tensor vectors;                                ///< [N, L, C] word vectors (NLC layout)
};

/// Splits one sentence into tokens: runs of letters, digits and apostrophes (ASCII letters
/// lowercased), and each CJK ideograph on its own; punctuation and spaces separate tokens.
std::vector<std::string> Tokenize(const std::string& sentence);

/// The word vector of `word` (C values): torch.manual_seed((seed + crc32(word)) % 2**32);
/// torch.randn(C). The same word always gets the same vector; <pad> gets zeros.
Result<Tensor> WordVector(const std::string& word, int64_t channels, uint64_t seed);

/// Tokenizes every sentence, pads to the longest with <pad>, and looks up the vectors.
/// Errors for no sentences, a sentence without any word, channels < 1, or too many tokens.
Result<SentenceBatch> EmbedSentences(const std::vector<std::string>& sentences, int64_t channels,
                                     uint64_t seed);

/// Python that builds the same [N, L, C] tensor `x` (a tokenizer, word_vector and the batch).
/// `seed_negative` writes the seed as the negative int64 it was given as (the same vectors).
std::string SentencesPython(const std::vector<std::string>& sentences, int64_t channels,
                            uint64_t seed, bool seed_negative = false);

}  // namespace convstep
