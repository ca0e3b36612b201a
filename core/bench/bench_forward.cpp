// Engine benchmarks on large shapes: the fast path (with the kernels the CPU gets by default,
// with each supported kernel, and on several threads), the reference loops, the GEMM ceiling
// (the bare Eigen GEMM an im2col engine would run for the same shape) and the multiply-add
// peak of one core.
// Run: build/core/bench/convstep_bench   (tools/bench_vs_torch.py compares with PyTorch)
// Names are <kind>/N/C/L/O/k/groups/stride[/threads]; padding 0, dilation 1, with a bias.
//   fast/...               ForwardFast, default kernel, one thread
//   kernel_<name>/...      ForwardFast with that kernel forced, one thread
//   threads/.../T          ForwardFast on a pool of T threads (wall time)
//   gemm_ceiling/...       the GEMM ceiling
//   fma_peak/<name>        the multiply-add peak of one core in that kernel's registers
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_problem.h"
#include "convstep/forward.h"
#include "convstep/problem.h"
#include "fma_peak.h"
#include "gemm_ceiling.h"

namespace {

using convstep::Kernel;

convstep::Conv1dProblem MakeProblem(const benchmark::State& state) {
  convstep_bench::BenchShape shape;
  for (int i = 0; i < 7; ++i) shape.push_back(state.range(i));
  return convstep_bench::MakeBenchProblem(shape);
}

// Floating point operations per forward pass, as a rate counter.
void CountFlops(benchmark::State& state, const convstep::Geometry& g) {
  const double flops = 2.0 * static_cast<double>(g.MacCount());
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

// ForwardFast with `kernel` (kDefault: what the CPU gets) on `threads` threads, or the
// reference pass.
void Forward(benchmark::State& state, bool fast, Kernel kernel, int threads) {
  const auto p = MakeProblem(state);
  const auto g = convstep::ValidateProblem(p);
  if (!g) {
    state.SkipWithError(g.error().message.c_str());
    return;
  }
  convstep::ThreadPool pool(threads);
  convstep::FastOptions options;
  options.kernel = kernel;
  options.pool = threads > 1 ? &pool : nullptr;
  state.SetLabel(
      convstep::KernelName(kernel == Kernel::kDefault ? convstep::DefaultKernel() : kernel));
  for (auto _ : state) {
    auto y = fast ? convstep::ForwardFast(p, *g, options) : convstep::ForwardReference(p, *g);
    benchmark::DoNotOptimize(y.data.data());
  }
  CountFlops(state, *g);
}

void BM_GemmCeiling(benchmark::State& state) {
  const auto p = MakeProblem(state);
  const auto g = convstep::ValidateProblem(p);
  if (!g) {
    state.SkipWithError(g.error().message.c_str());
    return;
  }
  convstep_bench::GemmCeiling gemm(g->batch, g->groups, g->out_per_group, g->taps, g->out_length);
  for (auto _ : state) {
    benchmark::DoNotOptimize(gemm.Run());
    benchmark::ClobberMemory();
  }
  CountFlops(state, *g);
}

void BM_FmaPeak(benchmark::State& state, Kernel kernel) {
  constexpr int64_t kRounds = 1 << 20;
  for (auto _ : state) benchmark::DoNotOptimize(convstep_bench::MultiplyAddLoop(kernel, kRounds));
  state.counters["GFLOP/s"] =
      benchmark::Counter(convstep_bench::MultiplyAddLoopFlops(kernel, kRounds) *
                             static_cast<double>(state.iterations()) / 1e9,
                         benchmark::Counter::kIsRate);
}

// N, C, L, O, k, groups, stride (tools/bench_vs_torch.py lists the same shapes).

// The big example (assets/presets/08_large.json) and the one-item wide layer, on 1 .. 4
// threads: how the pool scales.
const std::vector<std::vector<int64_t>> kThreadShapes = {
    {32, 64, 2048, 64, 5, 1, 1},
    {1, 512, 1024, 512, 3, 1, 1},
};

void RegisterAll() {
  auto with_shapes = [](benchmark::internal::Benchmark* bench) {
    for (const auto& shape : convstep_bench::BenchShapes()) bench->Args(shape);
    bench->Unit(benchmark::kMillisecond);
    return bench;
  };
  with_shapes(benchmark::RegisterBenchmark(
      "fast", [](benchmark::State& s) { Forward(s, true, Kernel::kDefault, 1); }));
  for (Kernel kernel : convstep::SupportedKernels())
    with_shapes(benchmark::RegisterBenchmark(
        (std::string("kernel_") + convstep::KernelName(kernel)).c_str(),
        [kernel](benchmark::State& s) { Forward(s, true, kernel, 1); }));
  auto* threads = benchmark::RegisterBenchmark("threads", [](benchmark::State& s) {
    Forward(s, true, Kernel::kDefault, static_cast<int>(s.range(7)));
  });
  for (const auto& shape : kThreadShapes)
    for (int64_t count : {1, 2, 4}) {
      std::vector<int64_t> args = shape;
      args.push_back(count);
      threads->Args(args);
    }
  threads->Unit(benchmark::kMillisecond)->UseRealTime();
  with_shapes(benchmark::RegisterBenchmark("gemm_ceiling", BM_GemmCeiling));
  for (Kernel kernel : convstep::SupportedKernels())
    benchmark::RegisterBenchmark((std::string("fma_peak/") + convstep::KernelName(kernel)).c_str(),
                                 [kernel](benchmark::State& s) { BM_FmaPeak(s, kernel); })
        ->Unit(benchmark::kMillisecond);
  with_shapes(benchmark::RegisterBenchmark("reference", [](benchmark::State& s) {
    Forward(s, false, Kernel::kDefault, 1);
  }))->Iterations(1);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
