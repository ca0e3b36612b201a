// Every kernel this CPU runs, forced one at a time, against the reference pass, bit for bit:
// the portable kernel against ForwardReference (a product rounded, then added), the fused
// kernels (AVX2 + FMA, AVX-512) against the same loops with std::fma (one rounding per tap,
// same tap order). Then the choice of kernel (names, CONVSTEP_KERNEL) and the thread pool:
// outputs bit-identical for any thread count, every task run exactly once.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "convstep/forward.h"
#include "convstep/kernel_dispatch.h"
#include "convstep/thread_pool.h"
#include "test_util.h"

namespace convstep {
namespace {

// ForwardReference with each tap fused into the sum: sum = fma(x, w, sum), bias last.
Tensor FusedReference(const Conv1dProblem& problem, const Geometry& g) {
  Tensor out = Tensor::Zeros(g.OutputShape());
  const float* in = problem.input.data.data();
  const float* weight = problem.weight.data.data();
  float* y = out.data.data();
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t o = 0; o < g.out_channels; ++o) {
      const int64_t first_channel = g.GroupOfOut(o) * g.in_per_group;
      for (int64_t t = 0; t < g.out_length; ++t) {
        float sum = 0.f;
        for (int64_t ci = 0; ci < g.in_per_group; ++ci) {
          const float* row = in + (n * g.in_channels + first_channel + ci) * g.length;
          const float* w = weight + (o * g.in_per_group + ci) * g.kernel_size;
          for (int64_t k = 0; k < g.kernel_size; ++k) {
            const PaddedCell cell = SourceOf(g, g.TapPosition(t, k));
            const float x = cell.kind == CellKind::kZeroPad ? 0.f : row[cell.source];
            sum = std::fma(x, w[k], sum);
          }
        }
        if (g.has_bias) sum += problem.bias.data[static_cast<size_t>(o)];
        *y++ = sum;
      }
    }
  }
  return out;
}

// Same bits in every element (any NaN matches any NaN).
void ExpectSameBits(const Tensor& actual, const Tensor& expected, const std::string& label) {
  ASSERT_EQ(actual.shape, expected.shape) << label;
  for (size_t i = 0; i < actual.data.size(); ++i) {
    if (std::isnan(expected.data[i]) && std::isnan(actual.data[i])) continue;
    ASSERT_EQ(std::memcmp(&actual.data[i], &expected.data[i], sizeof(float)), 0)
        << label << " element " << i << ": " << actual.data[i] << " vs " << expected.data[i];
  }
}

// Random layers with every stride, dilation, padding mode, group count and tile remainder.
std::vector<Conv1dProblem> RandomLayers(int count, unsigned seed) {
  std::mt19937 rng(seed);
  testing::RandomConfigurationRanges ranges;
  ranges.pick_max = 1 << 20;
  ranges.max_groups = 4;
  ranges.max_in_per_group = 9;
  ranges.max_out_per_group = 9;
  ranges.max_kernel = 7;
  ranges.max_stride = 3;
  ranges.max_dilation = 4;
  ranges.min_padding = -1;
  ranges.max_padding = 4;
  ranges.max_length = 300;
  ranges.unbatched_one_in = 5;
  std::vector<Conv1dProblem> layers;
  while (static_cast<int>(layers.size()) < count) {
    Conv1dProblem problem = testing::RandomConfiguration(ranges, rng);
    if (ValidateProblem(problem)) layers.push_back(std::move(problem));
  }
  return layers;
}

TEST(KernelDispatch, EverySupportedKernelGivesTheReferenceBits) {
  const std::vector<Kernel> kernels = SupportedKernels();
  ASSERT_EQ(kernels.front(), Kernel::kPortable);
  ASSERT_EQ(kernels.back(), BestKernel());
  for (Kernel kernel : kernels) {
    for (const Conv1dProblem& problem : RandomLayers(150, 31)) {
      const auto g = ValidateProblem(problem);
      ASSERT_TRUE(g);
      FastOptions options;
      options.kernel = kernel;
      const Tensor expected = KernelFusesMultiplyAdd(kernel) ? FusedReference(problem, *g)
                                                             : ForwardReference(problem, *g);
      ExpectSameBits(ForwardFast(problem, *g, options), expected,
                     std::string(KernelName(kernel)) + " " + SpecPython(problem.spec) +
                         " L=" + std::to_string(problem.input.shape.back()));
    }
  }
}

// Every supported kernel on `spec` with random tensors: the reference's bits (fused or not).
void ExpectEveryKernelExact(const Conv1dSpec& spec, const Shape& input_shape, std::mt19937& rng) {
  const Conv1dProblem problem = testing::RandomProblem(spec, input_shape, rng);
  const auto g = ValidateProblem(problem);
  ASSERT_TRUE(g) << g.error().OneLine();
  for (Kernel kernel : SupportedKernels()) {
    FastOptions options;
    options.kernel = kernel;
    const Tensor expected = KernelFusesMultiplyAdd(kernel) ? FusedReference(problem, *g)
                                                           : ForwardReference(problem, *g);
    ExpectSameBits(ForwardFast(problem, *g, options), expected,
                   std::string(KernelName(kernel)) + " " + SpecPython(spec));
  }
}

TEST(KernelDispatch, StridesAndDilationsNearTwoToTheSixtyTwoStayExact) {
  // PyTorch runs these (one window each); the tiles read past the last window, where the
  // positions would overflow int64 if computed as begin + j * stride.
  std::mt19937 rng(5);
  for (const int64_t huge : {int64_t{1} << 31, int64_t{1} << 40, int64_t{1} << 62}) {
    for (PaddingMode mode : {PaddingMode::kZeros, PaddingMode::kReflect, PaddingMode::kCircular}) {
      Conv1dSpec spec;
      spec.in_channels = 2;
      spec.out_channels = 5;
      spec.kernel_size = 2;
      spec.stride = huge;
      spec.padding = 1;
      spec.padding_mode = mode;
      ExpectEveryKernelExact(spec, {3, 2, 9}, rng);
      spec.stride = 1;  // a dilation as large, with one tap
      spec.kernel_size = 1;
      spec.dilation = huge;
      ExpectEveryKernelExact(spec, {3, 2, 9}, rng);
    }
  }
}

TEST(KernelDispatch, ManyInputChannelsContinueTheirPartialSumsExactly) {
  // Groups with many input channels are computed a channel block at a time, each block's tiles
  // continuing the partial sums the previous one stored: still the reference's bits, with
  // strides (phase rows), padding, a bias, lengths a multiple of 4 KiB and tile remainders.
  // AVX-512 strips take a quarter of L2 (up to about 1100 channels of a 96-position block in
  // one strip where L2 holds 2 MiB), so its tiles resume only in the widest groups.
  std::mt19937 rng(33);
  for (const int64_t in_per_group : {9, 64, 200, 513, 2500}) {
    for (const int64_t stride : {1, 2}) {
      Conv1dSpec spec;
      spec.in_channels = 2 * in_per_group;
      spec.out_channels = 2 * 5;
      spec.groups = 2;
      spec.kernel_size = 3 + stride;
      spec.stride = stride;
      spec.padding = stride - 1;
      spec.bias = in_per_group != 64;
      for (const int64_t length : {97, 1024}) {
        if (in_per_group > 1000 && length > 100) continue;  // the reference's time
        ExpectEveryKernelExact(spec, {2, spec.in_channels, length}, rng);
      }
    }
  }
}

TEST(KernelDispatch, FusedKernelsDifferFromUnfusedOnlyByRounding) {
  // The fused reference is a real alternative: on a long sum it differs from the reference.
  std::mt19937 rng(32);
  Conv1dSpec spec;
  spec.in_channels = 64;
  spec.out_channels = 8;
  spec.kernel_size = 5;
  const Conv1dProblem problem = testing::RandomProblem(spec, {2, 64, 500}, rng);
  const auto g = ValidateProblem(problem);
  ASSERT_TRUE(g);
  const Tensor fused = FusedReference(problem, *g), plain = ForwardReference(problem, *g);
  size_t differing = 0;
  for (size_t i = 0; i < fused.data.size(); ++i) {
    differing += fused.data[i] != plain.data[i];
    EXPECT_NEAR(fused.data[i], plain.data[i], 1e-4f) << i;
  }
  EXPECT_GT(differing, fused.data.size() / 10);
  for (Kernel kernel : SupportedKernels())  // only the portable kernel rounds each product
    EXPECT_EQ(KernelFusesMultiplyAdd(kernel), kernel != Kernel::kPortable) << KernelName(kernel);
}

TEST(KernelDispatch, NamesAndEnvironment) {
  for (Kernel kernel : {Kernel::kPortable, Kernel::kAvx2, Kernel::kAvx512}) {
    auto parsed = ParseKernel(KernelName(kernel));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, kernel);
  }
  auto unknown = ParseKernel("sse9");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().OneLine().find("sse9"), std::string::npos);

  const char* saved = std::getenv("CONVSTEP_KERNEL");
  const std::string saved_value = saved ? saved : "";
  ::setenv("CONVSTEP_KERNEL", "portable", 1);
  auto forced = KernelFromEnvironment();
  ASSERT_TRUE(forced);
  EXPECT_EQ(*forced, Kernel::kPortable);
  ::setenv("CONVSTEP_KERNEL", "avx9000", 1);
  auto bad = KernelFromEnvironment();
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().OneLine().find("avx9000"), std::string::npos);
  ::setenv("CONVSTEP_KERNEL", "", 1);
  auto empty = KernelFromEnvironment();
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, BestKernel());
  if (!KernelSupported(Kernel::kAvx512)) {
    ::setenv("CONVSTEP_KERNEL", "avx512", 1);
    auto unsupported = KernelFromEnvironment();
    ASSERT_FALSE(unsupported);
    EXPECT_NE(unsupported.error().OneLine().find("cannot run on this CPU"), std::string::npos);
  }
  if (saved)
    ::setenv("CONVSTEP_KERNEL", saved_value.c_str(), 1);
  else
    ::unsetenv("CONVSTEP_KERNEL");
}

TEST(ThreadPool, RunsEveryIndexOnceOnEveryWorkerCount) {
  for (int threads : {1, 2, 3, 8}) {
    ThreadPool pool(threads);
    EXPECT_EQ(pool.Size(), threads);
    for (int64_t count : {0, 1, 2, 7, 1000}) {
      std::vector<std::atomic<int>> runs(static_cast<size_t>(count));
      std::atomic<bool> worker_in_range{true};
      pool.ParallelFor(count, [&](int64_t index, int worker) {
        runs[static_cast<size_t>(index)].fetch_add(1);
        if (worker < 0 || worker >= threads) worker_in_range = false;
      });
      for (int64_t i = 0; i < count; ++i)
        EXPECT_EQ(runs[static_cast<size_t>(i)].load(), 1) << threads << " threads, index " << i;
      EXPECT_TRUE(worker_in_range);
    }
  }
}

TEST(ThreadPool, ThreadCountsOutsideTheRangeAreErrors) {
  EXPECT_TRUE(CheckThreadCount(1));
  EXPECT_TRUE(CheckThreadCount(kMaxThreads));
  for (int64_t bad : {int64_t{0}, int64_t{-3}, int64_t{kMaxThreads + 1}}) {
    auto checked = CheckThreadCount(bad);
    ASSERT_FALSE(checked) << bad;
    EXPECT_NE(checked.error().OneLine().find(std::to_string(bad)), std::string::npos);
  }
  EXPECT_GE(HardwareThreads(), 1);
}

TEST(ThreadPool, ForwardFastIsBitIdenticalForAnyThreadCount) {
  // Many batch items; one item with many output channels (split into runs of row blocks);
  // groups; many input channels (several channel blocks); and the random layers.
  std::mt19937 rng(33);
  std::vector<Conv1dProblem> problems = RandomLayers(40, 34);
  Conv1dSpec wide;
  wide.in_channels = 16;
  wide.out_channels = 70;
  wide.kernel_size = 3;
  wide.padding = 1;
  problems.push_back(testing::RandomProblem(wide, {1, 16, 777}, rng));
  wide.groups = 2;
  problems.push_back(testing::RandomProblem(wide, {9, 16, 130}, rng));
  Conv1dSpec deep = wide;
  deep.in_channels = 300;
  deep.out_channels = 20;
  deep.groups = 1;
  problems.push_back(testing::RandomProblem(deep, {2, 300, 400}, rng));
  for (Kernel kernel : SupportedKernels()) {
    for (const Conv1dProblem& problem : problems) {
      const auto g = ValidateProblem(problem);
      ASSERT_TRUE(g);
      FastOptions options;
      options.kernel = kernel;
      const Tensor one = ForwardFast(problem, *g, options);
      for (int threads : {2, 3, 5}) {
        ThreadPool pool(threads);
        options.pool = &pool;
        ExpectSameBits(ForwardFast(problem, *g, options), one,
                       std::string(KernelName(kernel)) + " " + std::to_string(threads) +
                           " threads " + SpecPython(problem.spec));
      }
    }
  }
}

}  // namespace
}  // namespace convstep
