// ForwardFast: a register-tiled direct convolution.
//
// One "tile" is kRows output channels × kTileWidth output positions, held in registers
// (kRows × kVecs packets) while every tap (c, k) of the group is multiplied in, in the
// reference's tap order, with one fused multiply-add per tap and packet. Tap (c, k) of
// the tile's positions t .. t + kTileWidth - 1 is a contiguous run of floats in a "window
// block", so the tile only does unaligned packet loads, broadcasts of packed weights and
// FMAs: the structure of a GEMM micro-kernel, without forming or packing an im2col matrix.
//
// The window block holds what one (batch item, group, column block) reads:
//   stride 1    the group's padded input rows over the block's span. The windows of
//               neighbouring positions overlap, so tap (c, k) of position t is row c at
//               t + k * dilation, with no copy per tap;
//   stride > 1  an im2col block, one row per tap (c, k), one column per output position.
// Its size depends on C / groups, k and the block's columns, never on N or L, so memory
// stays bounded. Depthwise layers (C / groups == 1) take the same path with one-row tiles:
// a vector loop over t with k taps, which is what they need (a GEMM of inner size k is not).
#include <Eigen/Core>
#include <algorithm>
#include <cstring>
#include <iterator>
#include <vector>

#include "convstep/forward.h"

namespace convstep {
namespace {

namespace ei = Eigen::internal;
using Packet = ei::packet_traits<float>::type;  // __m512 with AVX-512, float without SIMD
constexpr int kLanes = ei::packet_traits<float>::size;

// Tile shape: 4 × 6 packets fill 24 accumulators, the 6 input packets and a broadcast use
// the rest of AVX-512's 32 registers. With 16 registers (AVX2, SSE) 4 × 3 fits instead.
// Measured on AMD EPYC (Zen 5): 4×6, 5×4, 6×4 and 7×3 all reach 220-250 GFLOP/s.
constexpr int kRows = 4;
constexpr int kVecs = EIGEN_ARCH_DEFAULT_NUMBER_OF_REGISTERS >= 32 ? 6 : 3;
constexpr int64_t kTileWidth = int64_t{kVecs} * kLanes;

// About 128 KiB of window block: it stays in L2 while every row block of the group reads it.
constexpr int64_t kBlockFloats = int64_t{1} << 15;

// Accumulates one tile: y[r][j] = bias[r] + sum over taps of weight[tap][r] * x[offset(tap) + j]
// for r < Rows, j < kTileWidth. `weight` is packed [tap][Rows]; `bias` may be null.
template <int Rows>
void Tile(const float* x, const int64_t* tap_offsets, int64_t taps, const float* weight,
          const float* bias, float* y, int64_t y_stride) {
  Packet acc[Rows][kVecs];
  for (int r = 0; r < Rows; ++r)
    for (int v = 0; v < kVecs; ++v) acc[r][v] = ei::pset1<Packet>(0.f);
  // One flat loop over taps (not c then k): GCC then keeps every accumulator in a register.
  for (int64_t tap = 0; tap < taps; ++tap) {
    const float* tap_row = x + tap_offsets[tap];
    Packet inputs[kVecs];
    for (int v = 0; v < kVecs; ++v) inputs[v] = ei::ploadu<Packet>(tap_row + v * kLanes);
    for (int r = 0; r < Rows; ++r) {
      const Packet w = ei::pset1<Packet>(weight[r]);
      for (int v = 0; v < kVecs; ++v) acc[r][v] = ei::pmadd(w, inputs[v], acc[r][v]);
    }
    weight += Rows;
  }
  // The bias comes after the last tap, as in ForwardReference.
  for (int r = 0; r < Rows; ++r) {
    if (bias != nullptr) {
      const Packet b = ei::pset1<Packet>(bias[r]);
      for (int v = 0; v < kVecs; ++v) acc[r][v] = ei::padd(acc[r][v], b);
    }
    for (int v = 0; v < kVecs; ++v) ei::pstoreu(y + r * y_stride + v * kLanes, acc[r][v]);
  }
}

// What one (batch item, group, column block) reads; see the file comment.
struct WindowBlock {
  int64_t columns = 0;               // output positions per block, a multiple of kTileWidth
  int64_t row_length = 0;            // floats per row of `data`
  std::vector<int64_t> tap_offsets;  // where tap (c, k) of the block's first position is
  std::vector<float> data;
};

WindowBlock MakeWindowBlock(const Geometry& g) {
  WindowBlock block;
  const int64_t extent = g.dilation * (g.kernel_size - 1);  // extra columns a slice row needs
  const bool slices = g.stride == 1;
  const int64_t floats_per_column = std::max<int64_t>(1, slices ? g.in_per_group : g.taps);
  int64_t columns = kBlockFloats / floats_per_column / kTileWidth * kTileWidth;
  // A slice row copies `extent` columns beyond the block: keep that overhead at most 1x.
  if (slices) columns = std::max(columns, extent);
  const int64_t whole_output = (g.out_length + kTileWidth - 1) / kTileWidth * kTileWidth;
  columns = (columns + kTileWidth - 1) / kTileWidth * kTileWidth;
  block.columns = std::clamp(columns, kTileWidth, whole_output);
  block.row_length = slices ? block.columns + extent : block.columns;
  const int64_t rows = slices ? g.in_per_group : g.taps;
  // At least `columns` floats, so that tile pointers stay inside the buffer even with no taps.
  block.data.assign(static_cast<size_t>(std::max(rows * block.row_length, block.columns)), 0.f);
  block.tap_offsets.resize(static_cast<size_t>(g.taps));
  for (int64_t c = 0; c < g.in_per_group; ++c) {
    for (int64_t k = 0; k < g.kernel_size; ++k) {
      const int64_t tap = c * g.kernel_size + k;
      block.tap_offsets[static_cast<size_t>(tap)] =
          slices ? c * block.row_length + k * g.dilation : tap * block.row_length;
    }
  }
  return block;
}

// The value at padded position p of one input row; zero past the padded end.
float PaddedValue(const float* row, const Geometry& g, int64_t p) {
  if (p < 0 || p >= g.padded_length) return 0.f;
  const PaddedCell cell = SourceOf(g, p);
  return cell.kind == CellKind::kZeroPad ? 0.f : row[cell.source];
}

// Padded positions [begin, end) of one input row into dst: the real part is one memcpy.
void CopyPaddedSpan(const float* row, const Geometry& g, int64_t begin, int64_t end, float* dst) {
  const int64_t real_end = std::min(g.pad_left + g.length, g.padded_length);
  const int64_t copy_begin = std::clamp(g.pad_left, begin, end);
  const int64_t copy_end = std::clamp(real_end, copy_begin, end);
  for (int64_t p = begin; p < copy_begin; ++p) dst[p - begin] = PaddedValue(row, g, p);
  if (copy_end > copy_begin)
    std::memcpy(dst + (copy_begin - begin), row + (copy_begin - g.pad_left),
                static_cast<size_t>(copy_end - copy_begin) * sizeof(float));
  for (int64_t p = copy_end; p < end; ++p) dst[p - begin] = PaddedValue(row, g, p);
}

// Fills the window block for batch item n, `group`, and output positions from `first`.
void FillWindowBlock(const Conv1dProblem& problem, const Geometry& g, int64_t n, int64_t group,
                     int64_t first, WindowBlock& block) {
  const float* input =
      problem.input.data.data() + (n * g.in_channels + group * g.in_per_group) * g.length;
  for (int64_t c = 0; c < g.in_per_group; ++c) {
    const float* row = input + c * g.length;
    if (g.stride == 1) {
      CopyPaddedSpan(row, g, first, first + block.row_length,
                     block.data.data() + c * block.row_length);
      continue;
    }
    const int64_t width = std::min(block.columns, g.out_length - first);
    for (int64_t k = 0; k < g.kernel_size; ++k) {
      float* dst = block.data.data() + (c * g.kernel_size + k) * block.row_length;
      for (int64_t j = 0; j < width; ++j) {
        const int64_t l = g.TapPosition(first + j, k) - g.pad_left;
        dst[j] = l >= 0 && l < g.length ? row[l] : PaddedValue(row, g, l + g.pad_left);
      }
      std::fill(dst + width, dst + block.row_length, 0.f);  // read by the last tile only
    }
  }
}

// Weights packed per row block: for output channels o .. o + rows - 1 (rows = kRows, or
// fewer at the end of a group), [tap][rows] starting at o * taps.
std::vector<float> PackWeights(const Conv1dProblem& problem, const Geometry& g) {
  std::vector<float> packed(static_cast<size_t>(g.out_channels * g.taps));
  const float* weight = problem.weight.data.data();
  for (int64_t group = 0; group < g.groups; ++group) {
    for (int64_t o = 0; o < g.out_per_group; o += kRows) {
      const int64_t first = group * g.out_per_group + o;
      const int64_t rows = std::min<int64_t>(kRows, g.out_per_group - o);
      float* dst = packed.data() + first * g.taps;
      for (int64_t tap = 0; tap < g.taps; ++tap)
        for (int64_t r = 0; r < rows; ++r) *dst++ = weight[(first + r) * g.taps + tap];
    }
  }
  return packed;
}

// Every tile of one row block over `width` positions of the window block. The last tile
// may pass the end of the output row: it is computed into a local buffer and cut.
template <int Rows>
void RowBlock(const WindowBlock& block, int64_t taps, const float* weight, const float* bias,
              float* y, int64_t y_stride, int64_t width) {
  for (int64_t t = 0; t < width; t += kTileWidth) {
    const float* x = block.data.data() + t;
    if (t + kTileWidth <= width) {
      Tile<Rows>(x, block.tap_offsets.data(), taps, weight, bias, y + t, y_stride);
      continue;
    }
    float tail[Rows * kTileWidth];
    Tile<Rows>(x, block.tap_offsets.data(), taps, weight, bias, tail, kTileWidth);
    for (int r = 0; r < Rows; ++r)
      std::copy(tail + r * kTileWidth, tail + r * kTileWidth + (width - t), y + r * y_stride + t);
  }
}

// RowBlock for 1 .. kRows output channels (the last row block of a group may be short).
using RowBlockFunction = void (*)(const WindowBlock&, int64_t, const float*, const float*, float*,
                                  int64_t, int64_t);
constexpr RowBlockFunction kRowBlocks[] = {RowBlock<1>, RowBlock<2>, RowBlock<3>, RowBlock<4>};
static_assert(std::size(kRowBlocks) == kRows);

}  // namespace

Tensor ForwardFast(const Conv1dProblem& problem, const Geometry& g) {
  Tensor out = Tensor::Zeros(g.OutputShape());
  if (g.OutputCount() == 0) return out;
  const std::vector<float> packed = PackWeights(problem, g);
  WindowBlock block = MakeWindowBlock(g);
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t group = 0; group < g.groups; ++group) {
      for (int64_t first = 0; first < g.out_length; first += block.columns) {
        const int64_t width = std::min(block.columns, g.out_length - first);
        FillWindowBlock(problem, g, n, group, first, block);
        for (int64_t o = 0; o < g.out_per_group; o += kRows) {
          const int64_t channel = group * g.out_per_group + o;
          const float* weight = packed.data() + channel * g.taps;
          const float* bias = g.has_bias ? problem.bias.data.data() + channel : nullptr;
          float* y = out.data.data() + (n * g.out_channels + channel) * g.out_length + first;
          const int64_t rows = std::min<int64_t>(kRows, g.out_per_group - o);
          kRowBlocks[rows - 1](block, g.taps, weight, bias, y, g.out_length, width);
        }
      }
    }
  }
  return out;
}

}  // namespace convstep
