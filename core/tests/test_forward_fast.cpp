// ForwardFast's own paths against ForwardReference: depthwise and grouped layers, every
// output length around the tile and block edges, short row blocks, stride phases and
// dilation with every padding mode, in-place and copied window blocks, non-finite values,
// empty outputs, depthwise stride 2 bit for bit; each with every kernel the CPU runs.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "convstep/forward.h"
#include "test_util.h"

namespace convstep {
namespace {

// The same problem with every value replaced by its magnitude.
Conv1dProblem Magnitudes(Conv1dProblem problem) {
  for (Tensor* tensor : {&problem.input, &problem.weight, &problem.bias})
    for (float& value : tensor->data) value = std::fabs(value);
  return problem;
}

// Checks fast == reference with every kernel this CPU runs (kernel_dispatch.h): the
// portable kernel bit for bit; the fused kernels within the forward error bound of float
// summation: both sums are within taps * 2^-24 * sum|w x| of the exact one.
// (test_kernel_dispatch.cpp checks the fused kernels' bits against fused reference loops.)
void ExpectMatchesReference(const Conv1dProblem& problem, const std::string& label) {
  auto g = ValidateProblem(problem);
  ASSERT_TRUE(g) << label << ": " << g.error().OneLine();
  const Tensor reference = ForwardReference(problem, *g);
  const Tensor magnitude = ForwardReference(Magnitudes(problem), *g);
  const float unit = std::ldexp(1.f, -24);
  for (Kernel kernel : SupportedKernels()) {
    FastOptions options;
    options.kernel = kernel;
    const Tensor fast = ForwardFast(problem, *g, options);
    const std::string where = label + " (" + KernelName(kernel) + ")";
    ASSERT_EQ(fast.shape, g->OutputShape()) << where;
    ASSERT_EQ(fast.data.size(), reference.data.size()) << where;
    const bool exact = !KernelFusesMultiplyAdd(kernel);
    for (size_t i = 0; i < fast.data.size(); ++i) {
      if (!std::isfinite(reference.data[i])) {  // NaN where the reference has NaN, same infinity
        if (std::isnan(reference.data[i]))
          ASSERT_TRUE(std::isnan(fast.data[i])) << where << " element " << i;
        else
          ASSERT_EQ(fast.data[i], reference.data[i]) << where << " element " << i;
        continue;
      }
      if (exact) {
        ASSERT_EQ(fast.data[i], reference.data[i]) << where << " element " << i;
        continue;
      }
      const float bound = 2.f * static_cast<float>(g->taps + 1) * unit * magnitude.data[i] + 1e-30f;
      ASSERT_NEAR(fast.data[i], reference.data[i], bound) << where << " element " << i;
    }
  }
}

Conv1dSpec Spec(int64_t in, int64_t out, int64_t k, int64_t groups = 1) {
  Conv1dSpec spec;
  spec.in_channels = in;
  spec.out_channels = out;
  spec.kernel_size = k;
  spec.groups = groups;
  return spec;
}

TEST(ForwardFast, DepthwiseWithChannelMultipliers) {
  std::mt19937 rng(11);
  for (int64_t channels : {1, 3, 8, 64})
    for (int64_t multiplier : {1, 2, 3})
      for (int64_t k : {1, 3, 5, 8})
        for (int64_t stride : {1, 2}) {
          Conv1dSpec spec = Spec(channels, channels * multiplier, k, channels);
          spec.stride = stride;
          spec.dilation = 1 + (k + channels) % 3;
          spec.padding = (k + multiplier) % 4;
          spec.bias = multiplier != 2;
          const int64_t length = 150 + 37 * multiplier + k;
          ExpectMatchesReference(testing::RandomProblem(spec, {2, channels, length}, rng),
                                 SpecPython(spec) + " L=" + std::to_string(length));
        }
}

TEST(ForwardFast, EveryOutputLengthAroundTilesAndBlocks) {
  // Tiles are 48 positions wide with AVX-512 (24 with AVX2, 8 portable); blocks of a
  // 64-channel group hold a few hundred positions. L_out runs through all those edges.
  std::mt19937 rng(12);
  for (int64_t out_length = 1; out_length <= 700; ++out_length) {
    Conv1dSpec spec = Spec(out_length % 2 == 0 ? 64 : 5, 6, 3);
    spec.bias = out_length % 3 != 0;
    const Shape shape = {1, spec.in_channels, out_length + 2};
    ExpectMatchesReference(testing::RandomProblem(spec, shape, rng),
                           SpecPython(spec) + " L_out=" + std::to_string(out_length));
  }
}

TEST(ForwardFast, ShortRowBlocksInEveryGroup) {
  // Output channels are computed four at a time; 1 to 9 per group leave every remainder.
  std::mt19937 rng(13);
  for (int64_t groups = 1; groups <= 4; ++groups)
    for (int64_t out_per_group = 1; out_per_group <= 9; ++out_per_group) {
      Conv1dSpec spec = Spec(groups * 3, groups * out_per_group, 4, groups);
      spec.padding = 1;
      ExpectMatchesReference(testing::RandomProblem(spec, {3, spec.in_channels, 211}, rng),
                             SpecPython(spec));
    }
}

TEST(ForwardFast, StrideDilationAndEveryPaddingMode) {
  std::mt19937 rng(14);
  testing::RandomConfigurationRanges ranges;
  ranges.pick_max = 1 << 20;
  ranges.max_groups = 4;
  ranges.max_in_per_group = 5;
  ranges.max_out_per_group = 6;
  ranges.max_kernel = 7;
  ranges.max_stride = 4;
  ranges.max_dilation = 5;
  ranges.min_padding = -1;  // -1 crops (non-zero modes only)
  ranges.max_padding = 4;
  ranges.max_length = 400;
  ranges.unbatched_one_in = 5;
  int checked = 0;
  for (int trial = 0; trial < 4000 && checked < 300; ++trial) {
    const Conv1dProblem problem = testing::RandomConfiguration(ranges, rng);
    const Conv1dSpec& spec = problem.spec;
    const int64_t length = problem.input.shape.back();
    if (!ValidateProblem(problem)) continue;
    ExpectMatchesReference(problem, SpecPython(spec) + " L=" + std::to_string(length));
    ++checked;
  }
  EXPECT_GE(checked, 300);
}

TEST(ForwardFast, StridePhasesThatTapsShareOrSkip) {
  // Stride s splits each padded row into s phases; only the phases taps read are copied.
  // (stride, dilation, k): phases {0, 2} twice over, {0, 2, 4}, {0}, and all of 0 .. 4.
  std::mt19937 rng(20);
  const int64_t cases[][3] = {{4, 2, 5}, {7, 2, 3}, {1000, 1, 1}, {5, 3, 5}, {3, 3, 4}};
  for (const auto& [stride, dilation, k] : cases) {
    Conv1dSpec spec = Spec(6, 8, k, 2);
    spec.stride = stride;
    spec.dilation = dilation;
    spec.padding = 3;
    for (PaddingMode mode : {PaddingMode::kZeros, PaddingMode::kReflect}) {
      spec.padding_mode = mode;
      ExpectMatchesReference(testing::RandomProblem(spec, {2, 6, 5000}, rng), SpecPython(spec));
    }
  }
}

TEST(ForwardFast, DilationWiderThanABlock) {
  std::mt19937 rng(15);
  Conv1dSpec spec = Spec(64, 5, 3);
  spec.dilation = 700;
  spec.padding = 9;
  for (PaddingMode mode : {PaddingMode::kZeros, PaddingMode::kCircular}) {
    spec.padding_mode = mode;
    ExpectMatchesReference(testing::RandomProblem(spec, {2, 64, 3000}, rng), SpecPython(spec));
  }
}

TEST(ForwardFast, ValuesBeyondARowNeverReachAnOutput) {
  // Tiles read whole packets, past the last window of a row, from the input in place or
  // from a copy. A NaN at the start and end of every row shows whether a neighbour's value
  // leaks into an output: the NaN outputs must be exactly the reference's.
  std::mt19937 rng(16);
  for (int64_t padding : {0, 2}) {
    for (int64_t groups : {1, 4}) {
      Conv1dSpec spec = Spec(8, 8, 5, groups);
      spec.padding = padding;
      for (int64_t length : {50, 100, 397}) {
        Conv1dProblem problem = testing::RandomProblem(spec, {3, 8, length}, rng);
        for (int64_t row = 0; row < 3 * 8; ++row) {
          problem.input.data[static_cast<size_t>(row * length)] = NAN;
          problem.input.data[static_cast<size_t>(row * length + length - 1)] = INFINITY;
        }
        ExpectMatchesReference(problem, SpecPython(spec) + " L=" + std::to_string(length));
      }
    }
  }
}

TEST(ForwardFast, SingleOutputPositionAndUnbatchedInput) {
  std::mt19937 rng(17);
  Conv1dSpec spec = Spec(6, 10, 4, 2);
  ExpectMatchesReference(testing::RandomProblem(spec, {2, 6, 4}, rng), "L_out=1 batched");
  ExpectMatchesReference(testing::RandomProblem(spec, {6, 4}, rng), "L_out=1 unbatched");
  spec.stride = 3;
  ExpectMatchesReference(testing::RandomProblem(spec, {6, 6}, rng), "L_out=1 stride 3");
  ExpectMatchesReference(testing::RandomProblem(spec, {6, 500}, rng), "unbatched stride 3");
  ExpectMatchesReference(testing::RandomProblem(Spec(1, 1, 1), {1, 1, 1}, rng), "1x1x1");
}

TEST(ForwardFast, EmptyBatchForEveryPath) {
  std::mt19937 rng(18);
  for (int64_t stride : {1, 2}) {
    for (int64_t groups : {1, 4}) {
      Conv1dSpec spec = Spec(4, 8, 3, groups);
      spec.stride = stride;
      Conv1dProblem problem = testing::RandomProblem(spec, {0, 4, 50}, rng);
      auto g = ValidateProblem(problem);
      ASSERT_TRUE(g) << g.error().OneLine();
      for (Kernel kernel : SupportedKernels()) {
        FastOptions options;
        options.kernel = kernel;
        const Tensor fast = ForwardFast(problem, *g, options);
        EXPECT_EQ(fast.shape, g->OutputShape()) << KernelName(kernel);
        EXPECT_TRUE(fast.data.empty()) << KernelName(kernel);
      }
    }
  }
}

TEST(ForwardFast, LongDepthwiseInput) {
  // A million positions in each of two channels: blocks in place, one leftover block.
  std::mt19937 rng(19);
  Conv1dSpec spec = Spec(2, 2, 7, 2);
  spec.dilation = 2;
  ExpectMatchesReference(testing::RandomProblem(spec, {1, 2, 1000003}, rng), SpecPython(spec));
}

// ForwardReference with each tap fused into its sum (sum = fma(x, w, sum), bias last): the bits
// of the fused kernels, which add the taps in the same order.
Tensor FusedReference(const Conv1dProblem& problem, const Geometry& g) {
  Tensor out = Tensor::Zeros(g.OutputShape());
  float* y = out.data.data();
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t o = 0; o < g.out_channels; ++o)
      for (int64_t t = 0; t < g.out_length; ++t) {
        float sum = 0.f;
        for (int64_t ci = 0; ci < g.in_per_group; ++ci) {
          const int64_t channel = g.GroupOfOut(o) * g.in_per_group + ci;
          const float* row = problem.input.data.data() + (n * g.in_channels + channel) * g.length;
          const float* w = problem.weight.data.data() + (o * g.in_per_group + ci) * g.kernel_size;
          for (int64_t k = 0; k < g.kernel_size; ++k) {
            const PaddedCell cell = SourceOf(g, g.TapPosition(t, k));
            sum = std::fma(cell.kind == CellKind::kZeroPad ? 0.f : row[cell.source], w[k], sum);
          }
        }
        if (g.has_bias) sum += problem.bias.data[static_cast<size_t>(o)];
        *y++ = sum;
      }
  return out;
}

TEST(ForwardFast, DepthwiseStrideTwoGivesTheReferenceBits) {
  // Depthwise layers with stride 2 read unsplit rows, in place or from a padded copy, and
  // de-interleave them in registers (x86 kernels): every kernel gives the reference's bits
  // (the fused reference's for fused kernels), over odd lengths (partial last tiles, blocks
  // read in place and copied), padding modes, dilations and channel multipliers, with NaN
  // and infinity at the ends of every row (a value read past a window must not leak).
  std::mt19937 rng(21);
  int checked = 0;
  for (int64_t multiplier : {1, 2})
    for (int64_t k : {1, 2, 5, 7})
      for (int64_t dilation : {1, 2, 3})
        for (int64_t padding : {0, 1, 4})
          for (int64_t length : {9, 47, 101, 1001, 4099}) {
            Conv1dSpec spec = Spec(3, 3 * multiplier, k, 3);
            spec.stride = 2;
            spec.dilation = dilation;
            spec.padding = padding;
            spec.padding_mode = static_cast<PaddingMode>((k + length + padding) % 4);
            spec.bias = dilation != 2;
            Conv1dProblem problem = testing::RandomProblem(spec, {2, 3, length}, rng);
            if (length == 101)
              for (int64_t row = 0; row < 2 * 3; ++row) {
                problem.input.data[static_cast<size_t>(row * length)] = NAN;
                problem.input.data[static_cast<size_t>(row * length + length - 1)] = -INFINITY;
              }
            auto g = ValidateProblem(problem);
            if (!g) continue;
            const Tensor plain = ForwardReference(problem, *g), fused = FusedReference(problem, *g);
            for (Kernel kernel : SupportedKernels()) {
              FastOptions options;
              options.kernel = kernel;
              const Tensor fast = ForwardFast(problem, *g, options);
              const Tensor& expected = KernelFusesMultiplyAdd(kernel) ? fused : plain;
              ASSERT_EQ(fast.data.size(), expected.data.size());
              for (size_t i = 0; i < fast.data.size(); ++i) {
                if (std::isnan(expected.data[i])) {
                  ASSERT_TRUE(std::isnan(fast.data[i])) << KernelName(kernel) << " " << i;
                  continue;
                }
                ASSERT_EQ(fast.data[i], expected.data[i])
                    << KernelName(kernel) << " " << SpecPython(spec) << " L=" << length
                    << " element " << i;
              }
            }
            ++checked;
          }
  EXPECT_GE(checked, 300);
}

TEST(ForwardFastOutput, EveryElementIsWrittenWhateverTheMemoryHeldBefore) {
  // The output is not zeroed before the tiles write it (Tensor::Empty, as torch.empty): a
  // block of NaNs of the output's size is freed just before each pass, so that the allocator
  // tends to hand the same memory back, and an element the pass left unwritten would be NaN.
  std::mt19937 rng(14);
  for (int64_t groups : {1, 2, 8}) {
    for (int64_t in_per_group : {1, 3, 80}) {
      Conv1dSpec spec = Spec(groups * in_per_group, groups * 5, 3, groups);
      spec.bias = in_per_group != 3;
      const Conv1dProblem problem =
          testing::RandomProblem(spec, {2, spec.in_channels, 101 + in_per_group}, rng);
      const auto g = ValidateProblem(problem);
      ASSERT_TRUE(g);
      for (Kernel kernel : SupportedKernels()) {
        { FloatBuffer poison(static_cast<size_t>(g->OutputCount()), std::nanf("")); }
        FastOptions options;
        options.kernel = kernel;
        const Tensor fast = ForwardFast(problem, *g, options);
        for (size_t i = 0; i < fast.data.size(); ++i)
          ASSERT_FALSE(std::isnan(fast.data[i]))
              << KernelName(kernel) << " " << SpecPython(spec) << " element " << i;
      }
    }
  }
}

}  // namespace
}  // namespace convstep
