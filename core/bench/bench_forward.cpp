// Engine benchmarks on large shapes: the fast path, the reference loops, and the GEMM
// ceiling (the bare Eigen GEMM an im2col engine would run for the same shape).
// Run: build/core/bench/convstep_bench   (tools/bench_vs_torch.py compares with PyTorch)
// Names are <kind>/N/C/L/O/k/groups/stride; padding 0, dilation 1, with a bias.
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <random>

#include "convstep/forward.h"
#include "convstep/problem.h"

namespace {

convstep::Conv1dProblem MakeProblem(const benchmark::State& state) {
  const int64_t n = state.range(0), c = state.range(1), l = state.range(2), o = state.range(3),
                k = state.range(4), groups = state.range(5), stride = state.range(6);
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  convstep::Conv1dProblem p;
  p.spec.in_channels = c;
  p.spec.out_channels = o;
  p.spec.kernel_size = k;
  p.spec.groups = groups;
  p.spec.stride = stride;
  p.input = convstep::Tensor::Zeros({n, c, l});
  p.weight = convstep::Tensor::Zeros({o, c / groups, k});
  p.bias = convstep::Tensor::Zeros({o});
  for (auto* t : {&p.input, &p.weight, &p.bias})
    for (float& v : t->data) v = dist(rng);
  return p;
}

// Floating point operations per forward pass, as a rate counter.
void CountFlops(benchmark::State& state, const convstep::Geometry& g) {
  const double flops = 2.0 * static_cast<double>(g.MacCount());
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

template <bool kFast>
void BM_Forward(benchmark::State& state) {
  const auto p = MakeProblem(state);
  const auto g = convstep::ValidateProblem(p);
  if (!g) {
    state.SkipWithError(g.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto y = kFast ? convstep::ForwardFast(p, *g) : convstep::ForwardReference(p, *g);
    benchmark::DoNotOptimize(y.data.data());
  }
  CountFlops(state, *g);
}

// The GEMM ceiling: per batch item and group, weight [O/groups, C/groups * k] times an
// im2col matrix [C/groups * k, L_out] that is already formed (its cost is not counted),
// into an output of the real size, with Eigen's GEMM as the old engine used it. This is
// what a GEMM-based engine could reach at best; the fast path is a direct convolution
// and may pass it.
void BM_GemmCeiling(benchmark::State& state) {
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using StridedMap = Eigen::Map<RowMajor, 0, Eigen::OuterStride<>>;
  const auto p = MakeProblem(state);
  const auto g = convstep::ValidateProblem(p);
  if (!g) {
    state.SkipWithError(g.error().message.c_str());
    return;
  }
  std::vector<RowMajor> weights, columns;
  for (int64_t group = 0; group < g->groups; ++group) {
    weights.push_back(RowMajor::Random(g->out_per_group, g->taps));
    columns.push_back(RowMajor::Random(g->taps, g->out_length));
  }
  convstep::Tensor out = convstep::Tensor::Zeros(g->OutputShape());
  for (auto _ : state) {
    for (int64_t n = 0; n < g->batch; ++n) {
      for (int64_t group = 0; group < g->groups; ++group) {
        float* y =
            out.data.data() + (n * g->out_channels + group * g->out_per_group) * g->out_length;
        StridedMap result(y, g->out_per_group, g->out_length, Eigen::OuterStride<>(g->out_length));
        result.noalias() = weights[group] * columns[group];
      }
    }
    benchmark::DoNotOptimize(out.data.data());
    benchmark::ClobberMemory();
  }
  CountFlops(state, *g);
}

// Args: N, C, L, O, k, groups, stride (tools/bench_vs_torch.py lists the same shapes).
#define CONV_SHAPES                        \
  Args({8, 64, 4096, 64, 5, 1, 1})         \
      ->Args({32, 64, 2048, 64, 5, 1, 1})  \
      ->Args({1, 512, 1024, 512, 3, 1, 1}) \
      ->Args({8, 64, 4096, 64, 5, 8, 1})   \
      ->Args({8, 64, 4096, 64, 5, 64, 1})  \
      ->Args({8, 64, 4096, 64, 5, 1, 2})   \
      ->Args({8, 64, 4096, 64, 5, 64, 2})  \
      ->Unit(benchmark::kMillisecond)

BENCHMARK_TEMPLATE(BM_Forward, true)->Name("fast")->CONV_SHAPES;
BENCHMARK(BM_GemmCeiling)->Name("gemm_ceiling")->CONV_SHAPES;
BENCHMARK_TEMPLATE(BM_Forward, false)->Name("reference")->CONV_SHAPES->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
