// The seed document's example: [6,5,3] --permute--> [6,3,5] --Conv1d(3,8,2,bias=False)--> [6,8,4].
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "convstep/forward.h"
#include "convstep/io_json.h"
#include "convstep/permute.h"
#include "test_util.h"

namespace convstep {
namespace {

TEST(SeedExample, PermuteReproducesTheDocumentsPrintedTensor) {
  const auto doc = nlohmann::json::parse(testing::ReadGolden("seed_document.json"));
  auto nlc = TensorFromJson(doc["input_nlc"], "input_nlc");
  auto ncl_printed = TensorFromJson(doc["input_ncl"], "input_ncl");
  ASSERT_TRUE(nlc && ncl_printed);
  EXPECT_EQ(nlc->shape, (Shape{6, 5, 3}));
  auto permuted = PermuteLastTwo(*nlc);
  ASSERT_TRUE(permuted);
  EXPECT_EQ(permuted->shape, (Shape{6, 3, 5}));
  EXPECT_EQ(permuted->data, ncl_printed->data);  // exact: a permute only moves values
  // Spot checks against the document's text: input[0][0] = [-1.5697, 1.6189, 0.4521].
  EXPECT_FLOAT_EQ(permuted->at(0, 0, 0), -1.5697f);
  EXPECT_FLOAT_EQ(permuted->at(0, 1, 0), 1.6189f);
  EXPECT_FLOAT_EQ(permuted->at(5, 2, 4), -0.0975f);
}

TEST(SeedExample, PermuteMovesSendEveryCellToItsSwappedPlace) {
  const auto moves = PermuteMoves({6, 5, 3});
  ASSERT_EQ(moves.size(), 90u);
  std::vector<bool> hit(90, false);
  for (const PermuteMove& move : moves) {
    EXPECT_EQ(move.source_index, (move.n * 5 + move.l) * 3 + move.c);
    EXPECT_EQ(move.dest_index, (move.n * 3 + move.c) * 5 + move.l);
    hit[static_cast<size_t>(move.dest_index)] = true;
  }
  EXPECT_EQ(std::count(hit.begin(), hit.end(), true), 90);
}

TEST(SeedExample, ConvolutionGivesSixByEightByFour) {
  const auto doc = nlohmann::json::parse(testing::ReadGolden("seed_document.json"));
  Conv1dProblem problem;
  problem.spec = SeedSpec();
  problem.input = *PermuteLastTwo(*TensorFromJson(doc["input_nlc"], "input"));
  std::mt19937 rng(0);
  problem.weight = testing::RandomTensor({8, 3, 2}, rng);
  auto g = ValidateProblem(problem);
  ASSERT_TRUE(g) << g.error().OneLine();
  EXPECT_EQ(ForwardFast(problem, *g).shape, (Shape{6, 8, 4}));
  EXPECT_EQ(g->taps, 6);        // 3 channels x 2 taps: "6 numbers times 6 numbers"
  EXPECT_EQ(g->out_length, 4);  // "each kernel moves four times"
}

TEST(SeedExample, WithoutPermuteTheDocumentsDataIsRejectedAsPyTorchDoes) {
  auto g = Validate(SeedSpec(), {6, 5, 3});
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().message,
            "Given groups=1, weight of size [8, 3, 2], expected input[6, 5, 3] to have 3 "
            "channels, but got 5 channels instead");
}

}  // namespace
}  // namespace convstep
