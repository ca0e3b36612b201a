// Engine benchmarks: the fast path against the reference loops on large shapes.
// Run: build/core/bench/convstep_bench   (see README "Benchmarks")
#include <benchmark/benchmark.h>

#include <random>

#include "convstep/forward.h"
#include "convstep/problem.h"

namespace {

convstep::Conv1dProblem MakeProblem(int64_t n, int64_t c, int64_t l, int64_t o, int64_t k,
                                    int64_t groups) {
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  convstep::Conv1dProblem p;
  p.spec.in_channels = c;
  p.spec.out_channels = o;
  p.spec.kernel_size = k;
  p.spec.groups = groups;
  p.input = convstep::Tensor::Zeros({n, c, l});
  p.weight = convstep::Tensor::Zeros({o, c / groups, k});
  p.bias = convstep::Tensor::Zeros({o});
  for (auto* t : {&p.input, &p.weight, &p.bias})
    for (float& v : t->data) v = dist(rng);
  return p;
}

template <bool kFast>
void BM_Forward(benchmark::State& state) {
  const auto p = MakeProblem(state.range(0), state.range(1), state.range(2), state.range(3),
                             state.range(4), state.range(5));
  const auto g = convstep::ValidateProblem(p);
  if (!g) {
    state.SkipWithError(g.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto y = kFast ? convstep::ForwardFast(p, *g) : convstep::ForwardReference(p, *g);
    benchmark::DoNotOptimize(y.data.data());
  }
  const double flops = 2.0 * static_cast<double>(g->MacCount());
  state.counters["GFLOP/s"] =
      benchmark::Counter(flops * static_cast<double>(state.iterations()) / 1e9,
                         benchmark::Counter::kIsRate);
}

// Args: N, C, L, O, k, groups.
#define CONV_SHAPES                  \
  Args({8, 64, 4096, 64, 5, 1})      \
      ->Args({32, 64, 2048, 64, 5, 1}) \
      ->Args({1, 512, 1024, 512, 3, 1}) \
      ->Args({8, 64, 4096, 64, 5, 8})  \
      ->Args({8, 64, 4096, 64, 5, 64}) \
      ->Unit(benchmark::kMillisecond)

BENCHMARK_TEMPLATE(BM_Forward, true)->Name("fast")->CONV_SHAPES;
BENCHMARK_TEMPLATE(BM_Forward, false)->Name("reference")->CONV_SHAPES->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
