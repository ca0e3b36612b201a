// The fast path against the reference loops, and hand-worked values.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "convstep/forward.h"
#include "test_util.h"

namespace convstep {
namespace {

TEST(Forward, HandWorkedExample) {
  // x = [1 2 3 4], w = [1 -1], bias 0.5: y[t] = x[t] - x[t+1] + 0.5 = -0.5 each.
  Conv1dProblem problem;
  problem.spec.in_channels = 1;
  problem.spec.out_channels = 1;
  problem.spec.kernel_size = 2;
  problem.input = {{1, 1, 4}, {1, 2, 3, 4}};
  problem.weight = {{1, 1, 2}, {1, -1}};
  problem.bias = {{1}, {0.5f}};
  auto g = ValidateProblem(problem);
  ASSERT_TRUE(g) << g.error().OneLine();
  for (const Tensor& y : {ForwardReference(problem, *g), ForwardFast(problem, *g)}) {
    EXPECT_EQ(y.shape, (Shape{1, 1, 3}));
    for (float v : y.data) EXPECT_FLOAT_EQ(v, -0.5f);
  }
}

TEST(Forward, PaddingModesByHand) {
  // x = [1 2 3], k=1 w=1, padding 2: the padded sequence is the output.
  Conv1dProblem problem;
  problem.spec.in_channels = 1;
  problem.spec.out_channels = 1;
  problem.spec.kernel_size = 1;
  problem.spec.bias = false;
  problem.spec.padding = 2;
  problem.input = {{1, 3}, {1, 2, 3}};
  problem.weight = {{1, 1, 1}, {1}};
  const std::vector<std::pair<PaddingMode, std::vector<float>>> cases = {
      {PaddingMode::kZeros, {0, 0, 1, 2, 3, 0, 0}},
      {PaddingMode::kReflect, {3, 2, 1, 2, 3, 2, 1}},
      {PaddingMode::kReplicate, {1, 1, 1, 2, 3, 3, 3}},
      {PaddingMode::kCircular, {2, 3, 1, 2, 3, 1, 2}}};
  for (const auto& [mode, expected] : cases) {
    problem.spec.padding_mode = mode;
    auto g = ValidateProblem(problem);
    ASSERT_TRUE(g) << g.error().OneLine();
    EXPECT_EQ(ForwardReference(problem, *g).data, expected) << PaddingModeName(mode);
    EXPECT_EQ(ForwardFast(problem, *g).data, expected) << PaddingModeName(mode);
  }
}

TEST(Forward, FastEqualsReferenceOnRandomConfigurations) {
  std::mt19937 rng(1234);
  int checked = 0;
  for (int trial = 0; trial < 3000 && checked < 400; ++trial) {
    const Conv1dProblem problem = testing::RandomConfiguration({}, rng);
    const Conv1dSpec& spec = problem.spec;
    auto g = ValidateProblem(problem);
    if (!g) continue;
    const Tensor reference = ForwardReference(problem, *g);
    const Tensor fast = ForwardFast(problem, *g);
    ASSERT_EQ(reference.shape, fast.shape);
    for (size_t i = 0; i < reference.data.size(); ++i)
      ASSERT_NEAR(reference.data[i], fast.data[i], 1e-5f) << SpecPython(spec) << " element " << i;
    ++checked;
  }
  EXPECT_GE(checked, 400);
}

TEST(Forward, LongInputCrossesWindowBlocks) {
  std::mt19937 rng(7);
  Conv1dSpec spec;
  spec.in_channels = 64;
  spec.out_channels = 4;
  spec.kernel_size = 5;
  spec.stride = 2;
  Conv1dProblem problem = testing::RandomProblem(spec, {1, 64, 20000}, rng);
  auto g = ValidateProblem(problem);
  ASSERT_TRUE(g);
  const Tensor reference = ForwardReference(problem, *g);
  const Tensor fast = ForwardFast(problem, *g);
  for (size_t i = 0; i < reference.data.size(); ++i)
    ASSERT_NEAR(reference.data[i], fast.data[i], 1e-4f) << i;
}

TEST(Forward, EmptyBatchGivesEmptyOutput) {
  std::mt19937 rng(3);
  Conv1dProblem problem = testing::RandomProblem(SeedSpec(), {0, 3, 5}, rng);
  auto g = ValidateProblem(problem);
  ASSERT_TRUE(g);
  EXPECT_EQ(ForwardFast(problem, *g).shape, (Shape{0, 8, 4}));
  EXPECT_TRUE(ForwardReference(problem, *g).data.empty());
}

TEST(ValidateProblem, WrongWeightShapeNamesBoth) {
  std::mt19937 rng(3);
  Conv1dProblem problem = testing::RandomProblem(SeedSpec(), {6, 3, 5}, rng);
  problem.weight.shape = {8, 2, 3};
  auto g = ValidateProblem(problem);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().parameter, "weight");
  EXPECT_NE(g.error().message.find("[8, 3, 2]"), std::string::npos);
}

}  // namespace
}  // namespace convstep
