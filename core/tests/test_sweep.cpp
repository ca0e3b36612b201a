// Every combination of small parameters either runs correctly or gives a PyTorch-style error:
// never a crash, a hang or undefined behaviour (run it under make test-sanitize too).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "convstep/forward.h"
#include "convstep/walkthrough.h"
#include "test_util.h"

namespace convstep {
namespace {

TEST(Sweep, EverySmallConfigurationSucceedsOrExplainsItself) {
  std::mt19937 rng(2024);
  int64_t valid = 0, invalid = 0;
  const PaddingMode modes[] = {PaddingMode::kZeros, PaddingMode::kReflect, PaddingMode::kReplicate,
                               PaddingMode::kCircular};
  for (int64_t in = 1; in <= 4; ++in)
    for (int64_t out = 1; out <= 4; ++out)
      for (int64_t groups = 1; groups <= 4; ++groups)
        for (int64_t k = 1; k <= 5; ++k)
          for (int64_t stride = 0; stride <= 3; ++stride)
            for (int padding = -1; padding <= 5; ++padding)  // 4 = 'same', 5 = 'valid'
              for (int64_t dilation = 0; dilation <= 3; ++dilation)
                for (int64_t length = 0; length <= 6; ++length)
                  for (PaddingMode mode : modes) {
                    Conv1dSpec spec;
                    spec.in_channels = in;
                    spec.out_channels = out;
                    spec.groups = groups;
                    spec.kernel_size = k;
                    spec.stride = stride;
                    spec.dilation = dilation;
                    spec.padding_mode = mode;
                    spec.bias = (length + k) % 2 == 0;
                    if (padding == 4) {
                      spec.padding_kind = PaddingKind::kSame;
                    } else if (padding == 5) {
                      spec.padding_kind = PaddingKind::kValid;
                    } else {
                      spec.padding = padding;
                    }
                    const Shape shape =
                        (length + in) % 3 == 0 ? Shape{in, length} : Shape{2, in, length};
                    auto g = Validate(spec, shape);
                    if (!g) {
                      ++invalid;
                      ASSERT_FALSE(g.error().message.empty()) << SpecPython(spec);
                      ASSERT_FALSE(g.error().parameter.empty()) << g.error().message;
                      ASSERT_FALSE(g.error().hint.empty()) << g.error().message;
                      continue;
                    }
                    ++valid;
                    ASSERT_GE(g->out_length, 1) << SpecPython(spec);
                    Conv1dProblem problem = testing::RandomProblem(spec, shape, rng);
                    auto checked = ValidateProblem(problem);
                    ASSERT_TRUE(checked) << checked.error().OneLine();
                    const Tensor reference = ForwardReference(problem, *g);
                    const Tensor fast = ForwardFast(problem, *g);
                    ASSERT_EQ(reference.shape, g->OutputShape());
                    ASSERT_EQ(fast.shape, reference.shape);
                    for (size_t i = 0; i < fast.data.size(); ++i) {
                      ASSERT_TRUE(std::isfinite(fast.data[i]));
                      ASSERT_NEAR(fast.data[i], reference.data[i], 1e-4f) << SpecPython(spec);
                    }
                    const Walkthrough walk(problem, *g);
                    const int64_t last = walk.StepCount(Granularity::kTap) - 1;
                    const StepState state = walk.State(last, Granularity::kTap);
                    ASSERT_EQ(state.output, reference.data.back()) << SpecPython(spec);
                    for (const TapState& tap : state.taps)
                      ASSERT_TRUE(tap.padded_pos >= 0 && tap.padded_pos < g->padded_length);
                  }
  EXPECT_GT(valid, 50000);  // 81092 of 1003520 when written
  EXPECT_GT(invalid, 100000);
}

}  // namespace
}  // namespace convstep
