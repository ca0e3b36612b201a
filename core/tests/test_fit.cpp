// FitWeights: the seed document's kernel recovered from its printed tensors, exact recovery
// of known weights in every padding mode, and the errors.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "convstep/fit.h"
#include "convstep/forward.h"
#include "convstep/io_json.h"
#include "test_util.h"

namespace convstep {
namespace {

struct SeedTensors {
  Tensor input;   // [6, 3, 5], as printed after the permute
  Tensor output;  // [6, 8, 4], as printed
};

SeedTensors SeedDocument() {
  const auto doc = nlohmann::json::parse(testing::ReadGolden("seed_document.json"));
  return {*TensorFromJson(doc["input_ncl"], "input_ncl"), *TensorFromJson(doc["output"], "output")};
}

TEST(FitWeights, RecoversTheSeedDocumentsKernelFromItsPrintedTensors) {
  const SeedTensors seed = SeedDocument();
  const auto fit = FitWeights(SeedSpec(), seed.input, seed.output);
  ASSERT_TRUE(fit) << fit.error().OneLine();
  EXPECT_EQ(fit->weight.shape, (Shape{8, 3, 2}));
  EXPECT_TRUE(fit->bias.shape.empty());
  EXPECT_EQ(fit->equations, 24);  // 6 sentences x 4 windows per output channel
  EXPECT_EQ(fit->unknowns, 6);    // 3 channels x 2 taps
  EXPECT_FALSE(fit->square);
  // Every one of the 192 printed outputs is reproduced to the print's precision.
  EXPECT_LT(fit->max_residual, 1e-4);
  EXPECT_GT(fit->max_residual, 0.0);  // the printed numbers are rounded: not an exact fit
  // The windows are well spread: rounding of the printed input barely moves the weights.
  EXPECT_GT(fit->condition_number, 1.0);
  EXPECT_LT(fit->condition_number, 3.0);
  // nn.Conv1d draws its weights from U(-1/sqrt(C*k), 1/sqrt(C*k)) = U(-0.408, 0.408).
  for (float w : fit->weight.data) EXPECT_LE(std::fabs(w), 1.0 / std::sqrt(6.0));
  // Spot checks against the least-squares solution computed with numpy (tools note: the
  // first kernel is [[0.1141, -0.2975], [-0.2824, -0.1396], [0.2799, 0.2447]]).
  EXPECT_NEAR(fit->weight.at(0, 0, 0), 0.1141, 5e-4);
  EXPECT_NEAR(fit->weight.at(0, 2, 1), 0.2447, 5e-4);
  EXPECT_NEAR(fit->weight.at(7, 1, 0), 0.2870, 5e-4);
}

TEST(FitWeights, RecoversKnownWeightsAndBiasInEveryConfiguration) {
  std::mt19937 rng(7);
  testing::RandomConfigurationRanges ranges;
  ranges.max_length = 12;
  int fitted = 0;
  for (int trial = 0; trial < 400; ++trial) {
    Conv1dProblem problem = testing::RandomConfiguration(ranges, rng);
    const auto g = ValidateProblem(problem);
    if (!g || g->batch * g->out_length < g->taps + (g->has_bias ? 1 : 0)) continue;
    const Tensor output = ForwardReference(problem, *g);
    const auto fit = FitWeights(problem.spec, problem.input, output);
    if (!fit && fit.error().message_key == "fit_rank") continue;  // e.g. reflect repeats cells
    ASSERT_TRUE(fit) << fit.error().OneLine();
    ++fitted;
    // float32 rounding of the outputs, amplified by at most the condition number.
    for (size_t i = 0; i < problem.weight.data.size(); ++i) {
      ASSERT_NEAR(fit->weight.data[i], problem.weight.data[i], 1e-5 * fit->condition_number)
          << SpecPython(problem.spec) << " input " << FormatShape(problem.input.shape);
    }
    for (size_t i = 0; i < problem.bias.data.size(); ++i) {
      ASSERT_NEAR(fit->bias.data[i], problem.bias.data[i], 1e-5 * fit->condition_number);
    }
    EXPECT_LT(fit->max_residual, 1e-4);
  }
  EXPECT_GT(fitted, 100);
}

TEST(FitWeights, ASquareSystemIsSolvedExactly) {
  // Conv1d(1, 1, 2, bias=True) on [3, 1, 2]: 3 windows for 3 unknowns (2 taps + bias).
  Conv1dSpec spec;
  spec.in_channels = 1;
  spec.out_channels = 1;
  spec.kernel_size = 2;
  Tensor input{{3, 1, 2}, {1.f, 2.f, 3.f, 5.f, -1.f, 4.f}};
  // weight [2, -1], bias 0.5: outputs 1*2 - 2 + 0.5, 3*2 - 5 + 0.5, -1*2 - 4 + 0.5
  Tensor output{{3, 1, 1}, {0.5f, 1.5f, -5.5f}};
  const auto fit = FitWeights(spec, input, output);
  ASSERT_TRUE(fit) << fit.error().OneLine();
  EXPECT_TRUE(fit->square);
  EXPECT_NEAR(fit->weight.data[0], 2.f, 1e-6);
  EXPECT_NEAR(fit->weight.data[1], -1.f, 1e-6);
  EXPECT_NEAR(fit->bias.data[0], 0.5f, 1e-6);
  EXPECT_EQ(fit->max_residual, 0.0);
}

TEST(FitWeights, AnOutputOfTheWrongShapeIsNamed) {
  const SeedTensors seed = SeedDocument();
  Tensor output = Tensor::Zeros({6, 8, 3});
  const auto fit = FitWeights(SeedSpec(), seed.input, output);
  ASSERT_FALSE(fit);
  EXPECT_EQ(fit.error().parameter, "output");
  EXPECT_EQ(fit.error().message,
            "the output has shape [6, 8, 3], but nn.Conv1d(3, 8, 2, bias=False) on input "
            "[6, 3, 5] gives [6, 8, 4]");
}

TEST(FitWeights, TooFewWindowsAreRefusedWithTheNumberNeeded) {
  const SeedTensors seed = SeedDocument();
  Tensor input{{3, 5}, FloatBuffer(seed.input.data.begin(), seed.input.data.begin() + 15)};
  const auto fit = FitWeights(SeedSpec(), input, Tensor::Zeros({8, 4}));
  ASSERT_FALSE(fit);
  EXPECT_EQ(fit.error().message,
            "4 windows (N * L_out) cannot determine 6 unknowns per output "
            "channel");
  EXPECT_EQ(fit.error().hint,
            "give at least 6 windows: more batch items or a longer input and output");
}

TEST(FitWeights, AConstantInputCannotDetermineTheKernel) {
  Tensor input = Tensor::Zeros({6, 3, 5});
  for (float& value : input.data) value = 1.f;
  const auto fit = FitWeights(SeedSpec(), input, Tensor::Zeros({6, 8, 4}));
  ASSERT_FALSE(fit);
  EXPECT_EQ(fit.error().message_key, "fit_rank");
  EXPECT_EQ(fit.error().message.rfind("the windows determine only 1 of the 6 unknowns", 0), 0u)
      << fit.error().message;
}

TEST(FitWeights, ANonFiniteValueIsNamedWithItsPlace) {
  SeedTensors seed = SeedDocument();
  seed.output.data[9] = NAN;
  const auto fit = FitWeights(SeedSpec(), seed.input, seed.output);
  ASSERT_FALSE(fit);
  EXPECT_EQ(fit.error().message, "output holds nan at flat index 9");
}

TEST(FitWeights, AWindowMatrixOverTheMemoryBudgetIsRefused) {
  const SeedTensors seed = SeedDocument();
  Limits limits;
  limits.max_bytes = 2048;  // the tensors fit, the 24 x (6 + 8) doubles do not
  const auto fit = FitWeights(SeedSpec(), seed.input, seed.output, limits);
  ASSERT_FALSE(fit);
  EXPECT_EQ(fit.error().message_key, "over_budget");
  EXPECT_NE(fit.error().message.find("the fit's window matrix"), std::string::npos);
}

}  // namespace
}  // namespace convstep
