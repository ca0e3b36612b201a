// The register tiles of ForwardFast for one instruction set. core/CMakeLists.txt compiles this
// file once per set, each time with its own -m flags and CONVSTEP_KERNEL_NAMESPACE (avx512,
// avx2 or portable), so one binary holds all of them and ForwardFast picks one at run time.
//
// Only intrinsics and plain loops live here, with internal linkage: no inline function from a
// shared header (std::, Eigen) is instantiated with this file's -m flags, so the linker can
// never hand an AVX-512 copy of such a function to code that runs on an older CPU.
//
// One tile is kRows output channels x kVecs packets of output positions, held in
// registers while every tap is multiplied in, in the reference's tap order, with one
// multiply-add per tap and packet (fused with AVX2+FMA and AVX-512; a product rounded and then
// added in the portable kernel, exactly as ForwardReference does). Tile shapes: 8 x 3 packets
// fill 24 of AVX-512's 32 registers; with 16 registers and FMA 4 x 3 fits; without FMA every
// product needs a register of its own, so 4 x 2 (2 x 4 in WebAssembly: see the portable
// Packet below). (Measured on AMD EPYC Zen 5: 4x6, 5x4, 6x4 and 7x3 all ran at 220-250
// GFLOP/s with AVX-512; with AVX2, 4x3 beat 4x2, 125 against 115 GFLOP/s; with SSE2, 4x2 beat
// 4x3, 46 against 33. On an Intel Xeon (Sapphire Rapids class, AVX-512), with the window strips
// in L1 (forward_fast.cpp), 8x3 beat 4x6 and 6x4 on the dense benchmark shapes by about 10%;
// with AVX2, 6x2 was no better than 4x3. Alone, with a 64-channel strip in L1: 8x3 at 206-225
// GFLOP/s, 88-95% of the 234 GFLOP/s peak; AVX2 4x3 at 111-122 of 129; unrolling the tap loop
// 2 or 4 times was no faster.) kRows may be 1 .. kMaxTileRows per instruction set.
// For groups=8 (8 input and 8 output channels a group, 40 taps a tile) with AVX2, 4 x 3 stayed
// the best of the shapes measured there: 89-92 GFLOP/s, against 65-68 for 8 x 1 (one packet
// load and eight weight broadcasts per tap) and 84 for 4 x 2; prefetching the output 0 to 5
// tiles ahead changed nothing beyond the noise, and streaming (non-temporal) stores of the
// output were slower (88 against 98). Software prefetches of the input rows 2, 4 or 8 tiles
// ahead (96-97 GFLOP/s against 97) and column blocks of 512 to 8192 positions (96-98 against
// 97) changed nothing either: the hardware prefetchers follow the 8 rows.
// Step-2 tiles (depthwise layers with stride 2, see forward_fast.cpp) load two packets of the
// unsplit input row and keep the even floats: one in-lane shuffle with AVX2, whose lane order
// the accumulators keep until one permute before the store, one two-source permute with AVX-512.
#include <cstdint>

#include "kernel_table.h"

#if defined(CONVSTEP_KERNEL_AVX512) || defined(CONVSTEP_KERNEL_AVX2)
#include <immintrin.h>
#endif

#ifndef CONVSTEP_KERNEL_NAMESPACE
#error "compile with -DCONVSTEP_KERNEL_NAMESPACE=<instruction set> (see core/CMakeLists.txt)"
#endif

namespace convstep::kernels::CONVSTEP_KERNEL_NAMESPACE {
namespace {

#if defined(CONVSTEP_KERNEL_AVX512)
#if !defined(__AVX512F__) || !defined(__FMA__)
#error "the avx512 kernels need -mavx512f -mfma"
#endif
using Packet = __m512;
constexpr int kLanes = 16;
constexpr int kRows = 8;
constexpr int kVecs = 3;
constexpr bool kFused = true;
constexpr bool kStripInL2 = true;
constexpr const char* kName = "avx512";
inline Packet Load(const float* p) {
  return _mm512_loadu_ps(p);
}
inline void Store(float* p, Packet v) {
  _mm512_storeu_ps(p, v);
}
inline Packet Broadcast(float v) {
  return _mm512_set1_ps(v);
}
inline Packet Zero() {
  return _mm512_setzero_ps();
}
inline Packet MulAdd(Packet w, Packet x, Packet acc) {
  return _mm512_fmadd_ps(w, x, acc);
}
inline Packet Add(Packet a, Packet b) {
  return _mm512_add_ps(a, b);
}
inline Packet LoadEven(const float* p) {
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  return _mm512_permutex2var_ps(_mm512_loadu_ps(p), even, _mm512_loadu_ps(p + kLanes));
}
inline Packet SwapEvenOrder(Packet v) {
  return v;
}
#elif defined(CONVSTEP_KERNEL_AVX2)
#if !defined(__AVX2__) || !defined(__FMA__)
#error "the avx2 kernels need -mavx2 -mfma"
#endif
using Packet = __m256;
constexpr int kLanes = 8;
constexpr int kRows = 4;
constexpr int kVecs = 3;
constexpr bool kFused = true;
constexpr bool kStripInL2 = false;
constexpr const char* kName = "avx2";
inline Packet Load(const float* p) {
  return _mm256_loadu_ps(p);
}
inline void Store(float* p, Packet v) {
  _mm256_storeu_ps(p, v);
}
inline Packet Broadcast(float v) {
  return _mm256_set1_ps(v);
}
inline Packet Zero() {
  return _mm256_setzero_ps();
}
inline Packet MulAdd(Packet w, Packet x, Packet acc) {
  return _mm256_fmadd_ps(w, x, acc);
}
inline Packet Add(Packet a, Packet b) {
  return _mm256_add_ps(a, b);
}
// p[0], p[2], ... p[14] in the order 0 2 8 10 4 6 12 14 (one shuffle within 128-bit lanes);
// SwapEvenOrder puts them in order, and puts packets in order into that order.
inline Packet LoadEven(const float* p) {
  return _mm256_shuffle_ps(_mm256_loadu_ps(p), _mm256_loadu_ps(p + kLanes),
                           _MM_SHUFFLE(2, 0, 2, 0));
}
inline Packet SwapEvenOrder(Packet v) {
  return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(v), _MM_SHUFFLE(3, 1, 2, 0)));
}
#else
// Four floats in GCC / Clang vector extensions: SSE2 on x86-64, NEON on ARM, SIMD128 in
// WebAssembly. The build's -ffp-contract=off keeps w * x + acc two roundings.
using Packet = float __attribute__((vector_size(16)));
constexpr int kLanes = 4;
#if defined(__wasm_simd128__)
// WebAssembly: 2 x 4 packets, so one tile row is 16 floats, a whole 64-byte cache line of each
// tap's input row. Measured with make bench-wasm (node 20, Intel Xeon host), alternating the
// builds: 24 GFLOP/s against 17 for 4 x 2 on the dense shapes and 14 against 8.6 on the
// 512-channel layer, whose 1536 taps per tile otherwise read half lines that L1 cannot keep;
// 4 x 3, 3 x 4, 2 x 5, 2 x 6, 3 x 3 and 1 x 8 were no faster.
constexpr int kRows = 2;
constexpr int kVecs = 4;
#else
constexpr int kRows = 4;
constexpr int kVecs = 2;
#endif
constexpr bool kFused = false;
constexpr bool kStripInL2 = false;
constexpr const char* kName = "portable";
inline Packet Load(const float* p) {
  Packet v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
inline void Store(float* p, Packet v) {
  __builtin_memcpy(p, &v, sizeof v);
}
inline Packet Broadcast(float v) {
  return Packet{v, v, v, v};
}
inline Packet Zero() {
  return Packet{0.f, 0.f, 0.f, 0.f};
}
inline Packet MulAdd(Packet w, Packet x, Packet acc) {
  const Packet product = w * x;
  return acc + product;
}
inline Packet Add(Packet a, Packet b) {
  return a + b;
}
// Only the x86 kernels have stride-2 tiles; the tile template names these for any kernel.
[[maybe_unused]] inline Packet LoadEven(const float* p) {
  return Packet{p[0], p[2], p[4], p[6]};
}
[[maybe_unused]] inline Packet SwapEvenOrder(Packet v) {
  return v;
}
#endif

constexpr int64_t kTileWidth = int64_t{kVecs} * kLanes;

// Accumulates one tile of Rows x Vecs packets: y[r][j] = start[r][j] + sum over taps of
// weight[tap][r] * x[offset(tap) + Step * j] (+ bias[r] after the last tap) for r < Rows,
// j < Vecs * kLanes, where start is zero or, when `resume`, the partial sums y already holds
// (the same sums, continued in the same order). `weight` is packed [tap][Rows]; `bias` may be
// null. With Step 2 each packet is two loads de-interleaved in a register (LoadEven), and the
// accumulators hold their lanes in LoadEven's order until they are stored.
// Inlined into RowBlock (GCC otherwise calls it once per tile): measured on an Intel Xeon,
// Sapphire Rapids class, alternating the two builds, groups=8 went from 78 to 83 GFLOP/s with
// AVX2 and 105 to 112 with AVX-512, the dense shapes with AVX-512 from 117-160 to 150-175, and
// no shape was slower.
template <int Rows, int Vecs, int Step = 1>
__attribute__((always_inline)) inline void Tile(const float* x, const int64_t* tap_offsets,
                                                int64_t taps, const float* weight,
                                                const float* bias, float* y, int64_t y_stride,
                                                bool resume) {
  static_assert(Step == 1 || Step == 2);
  Packet acc[Rows][Vecs];
  if (resume) {
    for (int r = 0; r < Rows; ++r)
      for (int v = 0; v < Vecs; ++v) {
        acc[r][v] = Load(y + r * y_stride + v * kLanes);
        if constexpr (Step == 2) acc[r][v] = SwapEvenOrder(acc[r][v]);
      }
  } else {
    for (int r = 0; r < Rows; ++r)
      for (int v = 0; v < Vecs; ++v) acc[r][v] = Zero();
  }
  // One flat loop over taps (not c then k): GCC then keeps every accumulator in a register.
  for (int64_t tap = 0; tap < taps; ++tap) {
    const float* tap_row = x + tap_offsets[tap];
    Packet inputs[Vecs];
    for (int v = 0; v < Vecs; ++v) {
      if constexpr (Step == 1)
        inputs[v] = Load(tap_row + v * kLanes);
      else
        inputs[v] = LoadEven(tap_row + 2 * v * kLanes);
    }
    for (int r = 0; r < Rows; ++r) {
      const Packet w = Broadcast(weight[r]);
      for (int v = 0; v < Vecs; ++v) acc[r][v] = MulAdd(w, inputs[v], acc[r][v]);
    }
    weight += Rows;
  }
  // The bias comes after the last tap, as in ForwardReference.
  if (bias != nullptr) {
    for (int r = 0; r < Rows; ++r) {
      const Packet b = Broadcast(bias[r]);
      for (int v = 0; v < Vecs; ++v) acc[r][v] = Add(acc[r][v], b);
    }
  }
  for (int r = 0; r < Rows; ++r)
    for (int v = 0; v < Vecs; ++v) {
      if constexpr (Step == 2) acc[r][v] = SwapEvenOrder(acc[r][v]);
      Store(y + r * y_stride + v * kLanes, acc[r][v]);
    }
}

// Asks for the output lines of a tile (Rows rows of kTileWidth floats from y) to be brought
// into L1 while the tile before it runs, so that its stores (and its loads, when resuming) do
// not wait for them. Only the x86 kernels. Measured on an Intel Xeon (Sapphire Rapids class)
// against the same prefetch for tiles of at most 64 taps only, alternating the builds, medians
// in GFLOP/s: in a first run the dense shapes went from 126-157 to 145-173 with AVX-512, the
// 512-channel layer from 159 to 167, groups=8 from 136 to 143 (AVX2 within 3%); in a second,
// the dense shapes 135 to 141 and 164 to 162, the 512-channel layer 157 to 160, AVX2 within 1%.
// No shape was slower beyond the noise. A third run, after the wide strips of forward_fast.cpp,
// found every shape within 4% either way (five rounds), so the gain is not sure; the one loop
// for every tile stays. (Grouped and depthwise layers, whose stores are a large
// part of a tile's time, gained 5-8% when the prefetch was first measured; a measurement then
// found the dense shapes up to 5% slower with AVX2, which these runs did not repeat.)
template <int Rows>
inline void PrefetchTileOutput(const float* y, int64_t y_stride) {
#if defined(CONVSTEP_KERNEL_AVX512) || defined(CONVSTEP_KERNEL_AVX2)
  for (int r = 0; r < Rows; ++r)
    for (int64_t j = 0; j < kTileWidth; j += 16) __builtin_prefetch(y + r * y_stride + j, 0, 3);
#else
  (void)y;
  (void)y_stride;
#endif
}

// The last tile of a row, whose `packets` (1 .. kVecs) packets cover what is left of it: Tile
// with that many packets (a tile of kVecs packets in the portable kernels, as measured for the
// WebAssembly build). With AVX-512 a layer of 1022 output positions has 14 left after 21 whole
// tiles of 48: one packet instead of three skips 2 of every 66 multiply-adds.
template <int Rows, int Step, int Vecs = 1>
void LastTile(int64_t packets, const float* x, const int64_t* tap_offsets, int64_t taps,
              const float* weight, const float* bias, float* y, int64_t y_stride, bool resume) {
#if defined(CONVSTEP_KERNEL_AVX512) || defined(CONVSTEP_KERNEL_AVX2)
  if constexpr (Vecs < kVecs) {
    if (packets > Vecs)
      return LastTile<Rows, Step, Vecs + 1>(packets, x, tap_offsets, taps, weight, bias, y,
                                            y_stride, resume);
    return Tile<Rows, Vecs, Step>(x, tap_offsets, taps, weight, bias, y, y_stride, resume);
  }
#endif
  (void)packets;
  Tile<Rows, kVecs, Step>(x, tap_offsets, taps, weight, bias, y, y_stride, resume);
}

// Every tile of one row block over `width` positions. A tile that would pass the end of the
// output row is computed in a local buffer (holding y's partial sums when `resume`), with only
// the packets it needs, and cut.
// The output of the next tile is prefetched before each tile: the next tile of the row, or after
// the last one the first tile of the next row block (which, when there is one, starts Rows rows
// further down; a prefetch hint past the end cannot fault).
template <int Rows, int Step>
void RowBlock(const float* origin, const int64_t* offsets, int64_t taps, const float* weight,
              const float* bias, float* y, int64_t y_stride, int64_t width, bool resume) {
  for (int64_t t = 0; t < width; t += kTileWidth) {
    PrefetchTileOutput<Rows>(t + 2 * kTileWidth <= width ? y + t + kTileWidth : y + Rows * y_stride,
                             y_stride);
    if (t + kTileWidth <= width) {
      Tile<Rows, kVecs, Step>(origin + Step * t, offsets, taps, weight, bias, y + t, y_stride,
                              resume);
      continue;
    }
    float tail[Rows * kTileWidth] = {};
    if (resume)
      for (int r = 0; r < Rows; ++r)
        for (int64_t j = 0; j < width - t; ++j) tail[r * kTileWidth + j] = y[r * y_stride + t + j];
    LastTile<Rows, Step>((width - t + kLanes - 1) / kLanes, origin + Step * t, offsets, taps,
                         weight, bias, tail, kTileWidth, resume);
    for (int r = 0; r < Rows; ++r)
      for (int64_t j = 0; j < width - t; ++j) y[r * y_stride + t + j] = tail[r * kTileWidth + j];
  }
}

// RowBlock<Rows, Step> for a block of 1 .. kRows output channels, null above kRows. Step 2 only
// in the x86 kernels (the portable ones, WebAssembly's among them, copy stride phases instead).
#if defined(CONVSTEP_KERNEL_AVX512) || defined(CONVSTEP_KERNEL_AVX2)
constexpr bool kStep2Tiles = true;
#else
constexpr bool kStep2Tiles = false;
#endif
template <int Rows, int Step = 1>
constexpr RowBlockFunction RowBlockFor() {
  if constexpr (Rows <= kRows && (Step == 1 || kStep2Tiles)) return RowBlock<Rows, Step>;
  return nullptr;
}

static_assert(kRows >= 1 && kRows <= kMaxTileRows && kMaxTileRows == 8);
const KernelTable kTable = {
    kName,
    kRows,
    kTileWidth,
    kFused,
    kStripInL2,
    {RowBlockFor<1>(), RowBlockFor<2>(), RowBlockFor<3>(), RowBlockFor<4>(), RowBlockFor<5>(),
     RowBlockFor<6>(), RowBlockFor<7>(), RowBlockFor<8>()},
    {RowBlockFor<1, 2>(), RowBlockFor<2, 2>(), RowBlockFor<3, 2>(), RowBlockFor<4, 2>(),
     RowBlockFor<5, 2>(), RowBlockFor<6, 2>(), RowBlockFor<7, 2>(), RowBlockFor<8, 2>()}};

}  // namespace

const KernelTable& Table() {
  return kTable;
}

}  // namespace convstep::kernels::CONVSTEP_KERNEL_NAMESPACE
