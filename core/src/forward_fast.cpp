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

int64_t RoundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

// Where the tiles of one (batch item, group, column block) read: tap (c, k) of the block's
// output position j is origin[offsets[tap] + j].
struct WindowView {
  const float* origin = nullptr;
  const int64_t* offsets = nullptr;
};

// How a layer's output rows are cut into column blocks, and the buffer a block is copied
// into when it cannot be read in place. Blocks hold whole tiles; the columns left over
// after the last whole tile form a block of their own, so that only that block's tile
// reads past the end of an input row.
struct WindowBlocks {
  int64_t columns = 0;     // output positions per block of whole tiles
  int64_t whole = 0;       // output positions covered by whole tiles
  int64_t extent = 0;      // dilation * (k - 1): a slice row is this much longer than a block
  int64_t row_length = 0;  // floats per row of `copy`
  std::vector<int64_t> copy_offsets;   // tap offsets into `copy`
  std::vector<int64_t> input_offsets;  // tap offsets into the input (stride 1, in place)
  std::vector<float> copy;

  // Output positions in the block that starts at `first`.
  int64_t Width(int64_t first, int64_t out_length) const {
    return first < whole ? std::min(columns, whole - first) : out_length - first;
  }
};

WindowBlocks MakeWindowBlocks(const Geometry& g) {
  WindowBlocks blocks;
  const bool slices = g.stride == 1;
  blocks.extent = g.dilation * (g.kernel_size - 1);
  const int64_t floats_per_column = std::max<int64_t>(1, slices ? g.in_per_group : g.taps);
  int64_t target = std::max(kBlockFloats / floats_per_column, kTileWidth);
  // A slice row copies `extent` columns beyond the block: keep that overhead at most 1x.
  if (slices) target = std::max(target, blocks.extent);
  // Blocks of nearly equal size, each a whole number of tiles.
  const int64_t tiles = g.out_length / kTileWidth;
  blocks.whole = tiles * kTileWidth;
  const int64_t count = std::max<int64_t>(1, RoundUp(blocks.whole, target) / target);
  blocks.columns = std::max<int64_t>(1, RoundUp(tiles, count) / count) * kTileWidth;
  blocks.row_length = slices ? blocks.columns + blocks.extent : blocks.columns;
  const int64_t rows = slices ? g.in_per_group : g.taps;
  // At least `columns` floats, so that tile pointers stay inside the buffer even with no taps.
  blocks.copy.assign(static_cast<size_t>(std::max(rows * blocks.row_length, blocks.columns)), 0.f);
  for (int64_t c = 0; c < g.in_per_group; ++c) {
    for (int64_t k = 0; k < g.kernel_size; ++k) {
      const int64_t tap = c * g.kernel_size + k;
      blocks.copy_offsets.push_back(slices ? c * blocks.row_length + k * g.dilation
                                           : tap * blocks.row_length);
      blocks.input_offsets.push_back(c * g.length + k * g.dilation);
    }
  }
  return blocks;
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

// The view for batch item n, `group`, and `width` output positions from `first`. With
// stride 1, a block whose windows touch no padding and stay inside the input rows is read
// in place; other blocks are copied (padded slices, or im2col for stride > 1).
WindowView PrepareBlock(const Conv1dProblem& problem, const Geometry& g, int64_t n, int64_t group,
                        int64_t first, int64_t width, WindowBlocks& blocks) {
  const float* input =
      problem.input.data.data() + (n * g.in_channels + group * g.in_per_group) * g.length;
  const int64_t tiled_width = RoundUp(width, kTileWidth);  // what the tiles read
  if (g.stride == 1) {
    const int64_t end = first + tiled_width + blocks.extent;  // padded positions read
    if (first >= g.pad_left && end <= g.pad_left + g.length)
      return {input + (first - g.pad_left), blocks.input_offsets.data()};
    for (int64_t c = 0; c < g.in_per_group; ++c)
      CopyPaddedSpan(input + c * g.length, g, first, end,
                     blocks.copy.data() + c * blocks.row_length);
    return {blocks.copy.data(), blocks.copy_offsets.data()};
  }
  for (int64_t c = 0; c < g.in_per_group; ++c) {
    const float* row = input + c * g.length;
    for (int64_t k = 0; k < g.kernel_size; ++k) {
      float* dst = blocks.copy.data() + (c * g.kernel_size + k) * blocks.row_length;
      for (int64_t j = 0; j < width; ++j) {
        const int64_t l = g.TapPosition(first + j, k) - g.pad_left;
        dst[j] = l >= 0 && l < g.length ? row[l] : PaddedValue(row, g, l + g.pad_left);
      }
      std::fill(dst + width, dst + tiled_width, 0.f);  // read by the last tile only
    }
  }
  return {blocks.copy.data(), blocks.copy_offsets.data()};
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

// Every tile of one row block over `width` positions of a window view. A tile that would
// pass the end of the output row is computed into a local buffer and cut.
template <int Rows>
void RowBlock(WindowView view, int64_t taps, const float* weight, const float* bias, float* y,
              int64_t y_stride, int64_t width) {
  for (int64_t t = 0; t < width; t += kTileWidth) {
    if (t + kTileWidth <= width) {
      Tile<Rows>(view.origin + t, view.offsets, taps, weight, bias, y + t, y_stride);
      continue;
    }
    float tail[Rows * kTileWidth];
    Tile<Rows>(view.origin + t, view.offsets, taps, weight, bias, tail, kTileWidth);
    for (int r = 0; r < Rows; ++r)
      std::copy(tail + r * kTileWidth, tail + r * kTileWidth + (width - t), y + r * y_stride + t);
  }
}

// RowBlock for 1 .. kRows output channels (the last row block of a group may be short).
using RowBlockFunction = void (*)(WindowView, int64_t, const float*, const float*, float*, int64_t,
                                  int64_t);
constexpr RowBlockFunction kRowBlocks[] = {RowBlock<1>, RowBlock<2>, RowBlock<3>, RowBlock<4>};
static_assert(std::size(kRowBlocks) == kRows);

}  // namespace

Tensor ForwardFast(const Conv1dProblem& problem, const Geometry& g) {
  Tensor out = Tensor::Zeros(g.OutputShape());
  if (g.OutputCount() == 0) return out;
  const std::vector<float> packed = PackWeights(problem, g);
  WindowBlocks blocks = MakeWindowBlocks(g);
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t group = 0; group < g.groups; ++group) {
      for (int64_t first = 0, width = 0; first < g.out_length; first += width) {
        width = blocks.Width(first, g.out_length);
        const WindowView view = PrepareBlock(problem, g, n, group, first, width, blocks);
        for (int64_t o = 0; o < g.out_per_group; o += kRows) {
          const int64_t channel = group * g.out_per_group + o;
          const float* weight = packed.data() + channel * g.taps;
          const float* bias = g.has_bias ? problem.bias.data.data() + channel : nullptr;
          float* y = out.data.data() + (n * g.out_channels + channel) * g.out_length + first;
          const int64_t rows = std::min<int64_t>(kRows, g.out_per_group - o);
          kRowBlocks[rows - 1](view, g.taps, weight, bias, y, g.out_length, width);
        }
      }
    }
  }
  return out;
}

}  // namespace convstep
