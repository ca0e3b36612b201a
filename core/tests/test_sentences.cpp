// Sentences as input: tokens, <pad>, and word vectors that depend only on the word.
#include <gtest/gtest.h>

#include "convstep/sentences.h"

namespace convstep {
namespace {

TEST(Sentences, TokenizeWordsAndCjkCharacters) {
  EXPECT_EQ(Tokenize("The cat's mat, again!"),
            (std::vector<std::string>{"the", "cat's", "mat", "again"}));
  EXPECT_EQ(Tokenize("我爱 NLP。"), (std::vector<std::string>{"我", "爱", "nlp"}));
  EXPECT_EQ(Tokenize("Café au lait"), (std::vector<std::string>{"café", "au", "lait"}));
  EXPECT_TRUE(Tokenize(" ,.!? ").empty());
  EXPECT_EQ(Tokenize(std::string("a\xff"
                                 "b")),
            (std::vector<std::string>{"a", "b"}));
}

TEST(Sentences, ShorterSentencesArePaddedAndTheSameWordGetsTheSameVector) {
  auto batch = EmbedSentences({"the cat sat", "the dog"}, 3, 0);
  ASSERT_TRUE(batch) << batch.error().OneLine();
  EXPECT_EQ(batch->vectors.shape, (Shape{2, 3, 3}));
  EXPECT_EQ(batch->tokens[1], (std::vector<std::string>{"the", "dog", "<pad>"}));
  for (int64_t c = 0; c < 3; ++c) {
    EXPECT_EQ(batch->vectors.at(0, 0, c), batch->vectors.at(1, 0, c));  // "the" twice
    EXPECT_EQ(batch->vectors.at(1, 2, c), 0.f);                         // <pad> is zero
  }
  EXPECT_NE(batch->vectors.at(0, 1, 0), batch->vectors.at(1, 1, 0));  // cat != dog
  auto alone = WordVector("cat", 3, 0);
  EXPECT_EQ(alone->data[0], batch->vectors.at(0, 1, 0));  // independent of the other words
}

TEST(Sentences, BadInputIsExplained) {
  EXPECT_FALSE(EmbedSentences({}, 3, 0));
  auto empty = EmbedSentences({"ok", "!!!"}, 3, 0);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("sentence 2"), std::string::npos);
  EXPECT_FALSE(EmbedSentences({"ok"}, 0, 0));
}

}  // namespace
}  // namespace convstep
