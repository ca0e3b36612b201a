// The engine's single-thread ForwardFast rate on the benchmark shapes, for tools/bench-wasm.sh:
// the same source is built natively (against the build's libconvstep_core.a) and with
// em++ -msimd128 (run under node), so both sides measure exactly the same loop.
// Shapes: core/bench/bench_problem.h's BenchShapes(), as in the engine's benchmark. Output, one
// line per kernel and shape, then one per kernel with its multiply-add peak (core/bench/
// fma_peak.cpp's loop: fused with AVX2 and AVX-512; a multiply, then an add, for the portable
// kernel, which is all WebAssembly SIMD128 has):
//   rate KERNEL N C L O k groups stride GFLOPS
//   peak KERNEL GFLOPS
// Usage: bench_wasm_forward [--min-time SECONDS] [--repetitions R] [--all-kernels]
//        bench_wasm_forward --default-kernel   (prints the kernel ForwardFast uses here)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "bench_problem.h"
#include "convstep/forward.h"
#include "convstep/kernel_dispatch.h"
#include "convstep/problem.h"
#include "fma_peak.h"

namespace {

double Seconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// The best of `repetitions` rates of `call` (which returns a float that depends on its work and
// does `flops` operations), each over calls for at least `min_time` seconds, in GFLOP/s.
template <typename Call>
double BestRateOf(Call call, double flops, double min_time, int repetitions) {
  volatile float sink = call();  // warm up
  double best = 0.0;
  for (int r = 0; r < repetitions; ++r) {
    int64_t calls = 0;
    const double start = Seconds();
    double elapsed = 0.0;
    do {
      sink = sink + call();
      ++calls;
      elapsed = Seconds() - start;
    } while (elapsed < min_time);
    best = std::max(best, flops * static_cast<double>(calls) / elapsed / 1e9);
  }
  return best;
}

// ForwardFast's single-thread rate with `kernel`.
double BestRate(const convstep::Conv1dProblem& p, const convstep::Geometry& g,
                convstep::Kernel kernel, double min_time, int repetitions) {
  convstep::FastOptions options;
  options.kernel = kernel;  // no pool: one thread
  return BestRateOf([&] { return convstep::ForwardFast(p, g, options).data[0]; },
                    2.0 * static_cast<double>(g.MacCount()), min_time, repetitions);
}

// The multiply-add loop's rate in `kernel`'s registers.
double PeakRate(convstep::Kernel kernel, double min_time, int repetitions) {
  constexpr int64_t kRounds = 1 << 20;
  return BestRateOf([kernel] { return convstep_bench::MultiplyAddLoop(kernel, kRounds); },
                    convstep_bench::MultiplyAddLoopFlops(kernel, kRounds), min_time, repetitions);
}

}  // namespace

int main(int argc, char** argv) {
  double min_time = 0.3;
  int repetitions = 3;
  bool all_kernels = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--min-time") && i + 1 < argc) {
      min_time = std::atof(argv[++i]);
    } else if (!std::strcmp(argv[i], "--repetitions") && i + 1 < argc) {
      repetitions = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--all-kernels")) {
      all_kernels = true;
    } else if (!std::strcmp(argv[i], "--default-kernel")) {
      std::printf("%s\n", convstep::KernelName(convstep::DefaultKernel()));
      return 0;
    } else {
      std::fprintf(
          stderr, "usage: %s [--min-time S] [--repetitions R] [--all-kernels] | --default-kernel\n",
          argv[0]);
      return 2;
    }
  }
  std::vector<convstep::Kernel> kernels = {convstep::DefaultKernel()};
  if (all_kernels) kernels = convstep::SupportedKernels();
  for (const auto& shape : convstep_bench::BenchShapes()) {
    const auto p = convstep_bench::MakeBenchProblem(shape);
    const auto g = convstep::ValidateProblem(p);
    if (!g) {
      std::fprintf(stderr, "invalid shape: %s\n", g.error().message.c_str());
      return 1;
    }
    for (convstep::Kernel kernel : kernels) {
      const double rate = BestRate(p, *g, kernel, min_time, repetitions);
      std::printf("rate %s", convstep::KernelName(kernel));
      for (int64_t v : shape) std::printf(" %lld", static_cast<long long>(v));
      std::printf(" %.2f\n", rate);
      std::fflush(stdout);
    }
  }
  for (convstep::Kernel kernel : kernels)
    std::printf("peak %s %.2f\n", convstep::KernelName(kernel),
                PeakRate(kernel, min_time, repetitions));
  return 0;
}
