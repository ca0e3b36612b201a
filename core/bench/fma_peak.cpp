// Tight multiply-add loops: 12 independent chains (more than latency x ports, 4 x 2 on current
// x86 cores) so that the loop runs at the multiply-add units' throughput.
#include "fma_peak.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace convstep_bench {
namespace {

constexpr int kChains = 12;

#if defined(__x86_64__)
__attribute__((target("avx512f,fma"))) float Avx512Loop(int64_t rounds) {
  const __m512 scale = _mm512_set1_ps(0.9999999f), shift = _mm512_set1_ps(1e-7f);
  __m512 chains[kChains];
  for (int c = 0; c < kChains; ++c) chains[c] = _mm512_set1_ps(1.f + 0.01f * static_cast<float>(c));
  for (int64_t round = 0; round < rounds; ++round)
    for (int c = 0; c < kChains; ++c) chains[c] = _mm512_fmadd_ps(chains[c], scale, shift);
  __m512 sum = chains[0];
  for (int c = 1; c < kChains; ++c) sum = _mm512_add_ps(sum, chains[c]);
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, sum);
  return lanes[0] + lanes[15];
}

__attribute__((target("avx2,fma"))) float Avx2Loop(int64_t rounds) {
  const __m256 scale = _mm256_set1_ps(0.9999999f), shift = _mm256_set1_ps(1e-7f);
  __m256 chains[kChains];
  for (int c = 0; c < kChains; ++c) chains[c] = _mm256_set1_ps(1.f + 0.01f * static_cast<float>(c));
  for (int64_t round = 0; round < rounds; ++round)
    for (int c = 0; c < kChains; ++c) chains[c] = _mm256_fmadd_ps(chains[c], scale, shift);
  __m256 sum = chains[0];
  for (int c = 1; c < kChains; ++c) sum = _mm256_add_ps(sum, chains[c]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, sum);
  return lanes[0] + lanes[7];
}
#endif

// The portable kernel's multiply, then add, in the build's baseline vectors.
float PortableLoop(int64_t rounds) {
  using Packet = float __attribute__((vector_size(16)));
  // Read at run time: x * scale + shift == x for these chains, and a compiler that folds one
  // round from constants (clang does, for WebAssembly) would drop the loop.
  volatile float scale_value = 0.9999999f, shift_value = 1e-7f;
  const float s = scale_value, t = shift_value;
  const Packet scale = {s, s, s, s};
  const Packet shift = {t, t, t, t};
  Packet chains[kChains];
  for (int c = 0; c < kChains; ++c) {
    const float start = 1.f + 0.01f * static_cast<float>(c);
    chains[c] = Packet{start, start, start, start};
  }
  for (int64_t round = 0; round < rounds; ++round) {
    for (int c = 0; c < kChains; ++c) chains[c] = chains[c] * scale + shift;
#if defined(__x86_64__)
    // Keeps GCC from collapsing the rounds (it does for plain vectors); costs no instruction.
    for (int c = 0; c < kChains; ++c) __asm__ volatile("" : "+x"(chains[c]));
#endif
  }
  Packet sum = chains[0];
  for (int c = 1; c < kChains; ++c) sum = sum + chains[c];
  return sum[0] + sum[3];
}

int Lanes(convstep::Kernel kernel) {
  switch (kernel) {
    case convstep::Kernel::kAvx512:
      return 16;
    case convstep::Kernel::kAvx2:
      return 8;
    default:
      return 4;
  }
}

}  // namespace

double MultiplyAddLoopFlops(convstep::Kernel kernel, int64_t rounds) {
  return 2.0 * kChains * Lanes(kernel) * static_cast<double>(rounds);
}

float MultiplyAddLoop(convstep::Kernel kernel, int64_t rounds) {
  switch (kernel) {
#if defined(__x86_64__)
    case convstep::Kernel::kAvx512:
      return Avx512Loop(rounds);
    case convstep::Kernel::kAvx2:
      return Avx2Loop(rounds);
#endif
    default:
      return PortableLoop(rounds);
  }
}

}  // namespace convstep_bench
