// ForwardFast: a register-tiled direct convolution.
//
// One "tile" is a few output channels x one tile width of output positions, held in
// registers while every tap (c, k) of the group is multiplied in, in the reference's tap
// order (forward_fast_kernel.cpp, compiled once per instruction set; kernel_dispatch.cpp picks
// one at run time). Tap (c, k) of the tile's positions t .. t + width - 1 is a contiguous run
// of floats in a "window block", so the tile only does unaligned packet loads, broadcasts of
// packed weights and multiply-adds: the structure of a GEMM micro-kernel, without forming or
// packing an im2col matrix.
//
// The window block holds what one (batch item, group, column block, channel block) reads:
// the padded input rows of the block's input channels over the block's span, split into
// `stride` phases (phase r of a row is its positions r, r + stride, r + 2 * stride, ...). Tap
// (c, k) of output position t is padded position t * stride + k * dilation, which is phase
// (k * dilation) % stride of row c at t + (k * dilation) / stride: consecutive t are
// consecutive floats, so a tap of a tile is one contiguous run and no im2col matrix is formed.
// A group with few input rows is one channel block, and with stride 1 a block that touches no
// padding reads the input in place, without a copy. A group with many is cut into channel
// blocks whose copied strip stays in L1 (or for AVX-512 in L2) while every row block reads it;
// a tile of a later channel block starts from the partial sums the earlier one stored in the
// output and continues them in the same tap order, so the sums are the same as in one pass
// (see StripFloats()). The block's size depends on C / groups, k, dilation / stride and the block's
// columns, never on N: about kBlockFloats or StripFloats(), and at most about twice one batch
// item's padded rows of one group when a wide dilation makes windows long. Memory stays
// bounded (one block per worker thread). Depthwise layers (C / groups == 1) take the same path
// with one-row tiles: a vector loop over t with k taps, which is what they need (a GEMM of
// inner size k is not). With stride 2 they do not split their rows into phases: the x86
// kernels' step-2 tiles read the padded row itself (in place away from the padding) at
// 2 * t + k * dilation and de-interleave each packet's two loads in a register, so each input
// float is read from memory once. (Measured on an Intel Xeon, Sapphire Rapids class: the
// phase copy was about 60% of that layer's time; without it the layer went from 13.9 to 17.0
// GFLOP/s with AVX2 and 16.2 to 18.0 with AVX-512, alternating the builds, about 20 GB/s of
// input and output: the rate at which one core there reads memory.)
//
// With a thread pool, the work is split into tasks of (batch item, group, a run of row
// blocks); every output element is still summed by one task over all its taps in order, so
// the result is bit-identical for any number of threads.
//
// The output is allocated without zero-filling (Tensor::Empty, as torch.empty): the first
// channel block of every tile writes its elements without reading them, and later blocks read
// only what the first wrote. (Measured on an Intel Xeon, Sapphire Rapids class: filling the
// 8.4 MB output first took about a third of the depthwise layer's time; without it that layer
// went from 20 to 31-34 GFLOP/s with AVX-512, groups=8 from 97 to 117.) What the time goes
// to on the dense shapes, measured there: the 8 x 3 AVX-512 tile alone, strip and weights in
// L1/L2, runs at 88-95% of the FMA peak (the AVX2 4 x 3 tile at 86-95%). In the pass, the strip
// copies cost 5-13% (measured by skipping them), their reads of the input waiting on L3
// (software prefetches of the next strip, in one burst or spread between tiles, made the copies
// faster but not the pass); stores to an output not in cache cost the tile alone about 8%; and
// weights too large for L2 (the 512-channel layer's 3 MB) bring the tile alone down to 80%
// (prefetching them in the tile restored 85% alone but not in the pass). Strip sizes from 48 to
// 384 positions, three to six eighths of L1, smaller blocks for groups of few channels and
// output-channel runs whose weights fit in L2 were no faster than the values below. Nor was
// running every row block at one tile position before the next (channel blocks whose weights
// took half of L2, strips in L2, 256-position column blocks, so the 3 MB of weights crossed
// from L3 four times instead of eleven): on the 512-channel layer 143-159 GFLOP/s against
// 147-166 with AVX-512, 86-95 against 91-98 with AVX2, the two builds alternated. Nor was
// running each channel block over many column blocks before the next (its weights then stay in
// L2): with AVX2, seven channel blocks, the 512-channel layer ran at 97 GFLOP/s either way; over
// whole rows of 32768 positions, whose partial sums then went to memory and back, 77 against 92;
// with the span of column blocks bounded to half of L2, 90 against 92.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <unistd.h>

#include "convstep/forward.h"
#include "kernel_table.h"

namespace convstep {
namespace {

using kernels::KernelTable;
using kernels::RowBlockFunction;

// A group with at most kInPlaceRows input rows (channels x stride phases) is cut into column
// blocks only, each about kBlockFloats floats (in L2 while every row block reads it), and is
// read in place where it can be: so few rows fit the ways of an L1 set even when they lie a
// multiple of 4 KiB apart.
constexpr int64_t kInPlaceRows = 8;
constexpr int64_t kBlockFloats = int64_t{1} << 15;
// A group with more rows is also cut into channel blocks, and each (column block, channel
// block) is copied into a strip of about StripFloats() (three quarters of the L1 data cache:
// it stays in L1 while every row block reads it, beside the row block's weights; for AVX-512
// a quarter of L2), whose rows lie an odd number of cache lines apart (so consecutive rows
// fill different L1 sets: input rows a multiple of 4 KiB apart would all share one). The strip
// spans kStripPositions output positions, rounded up to whole tiles (a strip in L2 up to
// kWideStripPositions, see WideStripPositions()); the tiles of a row block
// continue, channel block after channel block, the partial sums they stored in the output, in the
// reference's tap order. (Measured on an Intel Xeon, Sapphire Rapids class: the layer
// 1,512,1024,512,3 went from 85 to 165 GFLOP/s with AVX-512, 50 to 100 with AVX2. That is the
// strip's size: with the same blocks, a pitch of a multiple of 4 KiB measured no slower.)
constexpr int64_t kStripPositions = 96;

// The size of a cache of this CPU in bytes (sysconf's name for it), or `fallback` where it
// is unknown or implausible.
int64_t CacheBytes([[maybe_unused]] int level, int64_t fallback) {
  long bytes = 0;
#if defined(_SC_LEVEL1_DCACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE)
  bytes = sysconf(level == 1 ? _SC_LEVEL1_DCACHE_SIZE : _SC_LEVEL2_CACHE_SIZE);
#endif
  const int64_t most = level == 1 ? int64_t{1} << 20 : int64_t{64} << 20;
  if (bytes < (int64_t{16} << 10) || bytes > most) return fallback;
  return int64_t{bytes};
}

// Floats in a strip: three quarters of this CPU's L1 data cache (24 KiB where it is unknown),
// or for kernels whose tiles read their strip from L2 a quarter of L2 (256 KiB where unknown).
// (Measured on an Intel Xeon, Sapphire Rapids class, 48 KiB L1 and 2 MiB L2, alternating the
// builds eight times: the 512-channel layer with AVX-512 ran at 150 GFLOP/s (median) in one
// 512 KiB strip against 142 in ten channel blocks of 36 KiB; its 8 x 3 tile loads 48 floats
// of a strip row per 24 multiply-adds, and the L1 prefetchers keep up, while each resumed
// channel block reloads and stores the tile. With AVX2 (4 x 3 tiles, half the multiply-adds
// per line) the L2 strip was slower, 89 against 95.)
int64_t StripFloats(const KernelTable& kernel) {
  static const int64_t l1 = CacheBytes(1, int64_t{32} << 10) / 4 * 3;
  static const int64_t l2 = CacheBytes(2, int64_t{1} << 20) / 4;
  return (kernel.strip_in_l2 ? l2 : l1) / static_cast<int64_t>(sizeof(float));
}

int64_t RoundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

// Floats from one strip row to the next: at least `floats`, an odd number of 64-byte lines.
int64_t StripPitch(int64_t floats) {
  const int64_t lines = RoundUp(std::max<int64_t>(floats, 1), 16) / 16;
  return (lines % 2 == 0 ? lines + 1 : lines) * 16;
}

// Where the tiles of one (batch item, group, column block, channel block) read: tap (c, k)
// of the block's output position j (c counted from the channel block's first) is
// origin[offsets[tap] + j].
struct WindowView {
  const float* origin = nullptr;
  const int64_t* offsets = nullptr;
};

// How a layer's output rows are cut into column blocks and its groups' input channels into
// channel blocks, and the strip of phase rows a block is copied into when it is not read in
// place. Column blocks hold whole tiles; the columns left over after the last whole tile form
// a block of their own, so that only that block's tile reads past the end of an input row.
struct WindowBlocks {
  int64_t tile_width = 0;       // output positions per tile of the chosen kernel
  int64_t columns = 0;          // output positions per block of whole tiles
  int64_t whole = 0;            // output positions covered by whole tiles
  int64_t reach = 0;            // how far past a block's step * columns floats a row is read
  int64_t channels = 0;         // input channels per channel block (the last may have fewer)
  int64_t pitch = 0;            // floats per phase row of `copy`: step * columns + reach or more
  bool in_place = false;        // few rows: blocks without padding are read in place
  int64_t step = 1;             // 2: unsplit rows, read at 2 * j + offset (see UsesStep2Tiles)
  std::vector<int64_t> phases;  // the phases taps read, (k * dilation) % stride
  std::vector<int64_t> copy_offsets;   // offsets into `copy` of one channel block's taps
  std::vector<int64_t> input_offsets;  // the same into the input (stride 1, in place)
  std::vector<float> copy;             // [c][phase][pitch] from Strip()

  // The first float of the strip in `copy`: 64-byte aligned, so that a tile's packets of tap
  // shift 0 do not straddle cache lines.
  float* Strip() {
    float* buffer = copy.data();
    return buffer + (-reinterpret_cast<uintptr_t>(buffer) & 63) / sizeof(float);
  }

  // Output positions in the block that starts at `first`.
  int64_t Width(int64_t first, int64_t out_length) const {
    return first < whole ? std::min(columns, whole - first) : out_length - first;
  }
};

// The positions of a strip in L2: the most, whole tiles up to kWideStripPositions, for which
// the group's input rows still fit one strip (one channel block), and at least kStripPositions.
// (Measured on an Intel Xeon, Sapphire Rapids class, AVX-512, against 96 positions, alternating
// the builds four times, medians in GFLOP/s: 192 positions took the 512-channel layer from 156 to
// 163 and 32,64,2048,64,5 from 139 to 156; 576 took 32,64,2048,64,5 to 160 and 8,64,4096,64,5
// from 164 to 170, where the 512-channel layer, whose 512 rows then need two channel blocks,
// ran at 155. The shapes of a dense layer cross fewer block boundaries, each a strip copy and a
// pass over the row blocks' weights.)
constexpr int64_t kWideStripPositions = 576;
int64_t WideStripPositions(const Geometry& g, const KernelTable& kernel, int64_t phase_count,
                           int64_t reach, int64_t tile_width) {
  const int64_t narrow = RoundUp(kStripPositions, tile_width);
  for (int64_t positions = kWideStripPositions / tile_width * tile_width; positions > narrow;
       positions -= tile_width)
    if (g.in_per_group * phase_count * StripPitch(positions + reach) <= StripFloats(kernel))
      return positions;
  return narrow;
}

// The column blocks' width, the channel blocks' size, the strip's pitch and whether blocks may
// be read in place (see kInPlaceRows and StripFloats()).
void ChooseBlockSizes(const Geometry& g, const KernelTable& kernel, int64_t phase_count,
                      WindowBlocks& blocks) {
  const int64_t tile_width = blocks.tile_width;
  const int64_t rows = g.in_per_group * phase_count;
  int64_t target = 0;
  if (rows <= kInPlaceRows) {
    // About kBlockFloats, and a row at least as long as its reach past the block (so at most
    // half of what a block copies is copied again by the next block).
    target = std::max({kBlockFloats / std::max<int64_t>(rows, 1), blocks.reach, tile_width});
    blocks.channels = g.in_per_group;
    blocks.in_place = true;
  } else {
    target = kernel.strip_in_l2
                 ? WideStripPositions(g, kernel, phase_count, blocks.reach, tile_width)
                 : RoundUp(kStripPositions, tile_width);
    const int64_t per_channel = phase_count * StripPitch(target + blocks.reach);
    const int64_t fit = std::clamp<int64_t>(StripFloats(kernel) / per_channel, 1, g.in_per_group);
    const int64_t count = (g.in_per_group + fit - 1) / fit;  // channel blocks of nearly one size
    blocks.channels = (g.in_per_group + count - 1) / count;
  }
  // Column blocks of nearly equal size, each a whole number of tiles.
  const int64_t tiles = g.out_length / tile_width;
  blocks.whole = tiles * tile_width;
  const int64_t count = std::max<int64_t>(1, RoundUp(blocks.whole, target) / target);
  blocks.columns = std::max<int64_t>(1, RoundUp(tiles, count) / count) * tile_width;
  blocks.pitch = StripPitch(blocks.step * blocks.columns + blocks.reach);
}

// Depthwise layers with stride 2 are memory bound, and splitting their input into two phase
// rows was most of their time: the kernel's step-2 tiles read the padded row itself, in place
// away from the padding, and de-interleave it in registers, so each input float is read once
// from memory. (Measured on an Intel Xeon, Sapphire Rapids class: see the note at the top.)
bool UsesStep2Tiles(const Geometry& g, const KernelTable& kernel) {
  return g.stride == 2 && g.in_per_group == 1 && kernel.step2_row_block[0] != nullptr;
}

WindowBlocks MakeWindowBlocks(const Geometry& g, const KernelTable& kernel) {
  WindowBlocks blocks;
  blocks.tile_width = kernel.tile_width;
  blocks.step = UsesStep2Tiles(g, kernel) ? 2 : 1;
  const int64_t split = blocks.step == 1 ? g.stride : 1;  // phase rows of step-1 tiles
  for (int64_t k = 0; k < g.kernel_size; ++k) {
    const int64_t phase = k * g.dilation % split;
    if (std::find(blocks.phases.begin(), blocks.phases.end(), phase) == blocks.phases.end())
      blocks.phases.push_back(phase);
  }
  const int64_t phase_count = static_cast<int64_t>(blocks.phases.size());
  blocks.reach = g.dilation * (g.kernel_size - 1) / split;
  ChooseBlockSizes(g, kernel, phase_count, blocks);
  // At least `columns` floats, so that tile pointers stay inside the buffer even with no taps.
  const int64_t strip_rows = blocks.channels * phase_count;
  // (and 16 more, for the strip's alignment)
  blocks.copy.assign(static_cast<size_t>(std::max(strip_rows * blocks.pitch, blocks.columns) + 16),
                     0.f);
  for (int64_t c = 0; c < blocks.channels; ++c) {
    for (int64_t k = 0; k < g.kernel_size; ++k) {
      const int64_t phase = k * g.dilation % split;
      const int64_t phase_row =
          std::find(blocks.phases.begin(), blocks.phases.end(), phase) - blocks.phases.begin();
      const int64_t shift = k * g.dilation / split;
      blocks.copy_offsets.push_back((c * phase_count + phase_row) * blocks.pitch + shift);
      blocks.input_offsets.push_back(c * g.length + shift);
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

// Smallest j with begin + j * step >= position, clamped to [0, count]. No step overflows it:
// PyTorch runs strides up to 2^62.
int64_t FirstAtOrAfter(int64_t position, int64_t begin, int64_t step, int64_t count) {
  if (position <= begin) return 0;
  return std::min(count, (position - begin - 1) / step + 1);
}

// Padded position begin + j * step, or padded_length (past the end, where PaddedValue gives
// zero) when it lies beyond int64: the tiles read a few positions past the last window, and
// with a stride near 2^62 those are far past the end.
int64_t PhasePosition(const Geometry& g, int64_t begin, int64_t j, int64_t step) {
  int64_t offset = 0, position = 0;
  if (__builtin_mul_overflow(j, step, &offset) || __builtin_add_overflow(begin, offset, &position))
    return g.padded_length;
  return position;
}

// Padded positions begin + j * step, j < count, of one input row into dst[j]. The real
// part is a plain (strided) copy; padding and positions past the padded end go one by one.
void CopyPaddedPhase(const float* row, const Geometry& g, int64_t begin, int64_t step,
                     int64_t count, float* dst) {
  const int64_t real_end = std::min(g.pad_left + g.length, g.padded_length);
  const int64_t copy_begin = FirstAtOrAfter(g.pad_left, begin, step, count);
  const int64_t copy_end = std::max(copy_begin, FirstAtOrAfter(real_end, begin, step, count));
  for (int64_t j = 0; j < copy_begin; ++j)
    dst[j] = PaddedValue(row, g, PhasePosition(g, begin, j, step));
  if (copy_end > copy_begin) {
    const float* source = row + (begin + copy_begin * step - g.pad_left);  // input of copy_begin
    if (step == 1) {
      std::copy(source, source + (copy_end - copy_begin), dst + copy_begin);
    } else if (step == 2) {  // a constant stride: vectorized with shuffles
      for (int64_t j = copy_begin; j < copy_end; ++j) dst[j] = source[(j - copy_begin) * 2];
    } else {
      for (int64_t j = copy_begin; j < copy_end; ++j) dst[j] = source[(j - copy_begin) * step];
    }
  }
  for (int64_t j = copy_end; j < count; ++j)
    dst[j] = PaddedValue(row, g, PhasePosition(g, begin, j, step));
}

// Asks for the part of an input row that the next column block reads (about `width` output
// positions after output position `from`) to be brought into L2 while this block's tiles run:
// the next strip's copy then reads L2, not L3. Only for small strides (the hint is skipped
// where positions would grow large).
void PrefetchNextBlock(const float* row, const Geometry& g, int64_t from, int64_t width) {
  if (g.stride > 8) return;
  const int64_t begin = std::max<int64_t>(0, from * g.stride - g.pad_left);
  const int64_t end = std::min(g.length, (from + width) * g.stride - g.pad_left);
  for (int64_t i = begin; i < end; i += 16) __builtin_prefetch(row + i, 0, 1);
}

// The view for batch item n, `group`, its input channels from `channel` (`channels` of them)
// and `width` output positions from `first`. A block of few rows with stride 1 (or read by
// step-2 tiles) whose windows touch no padding and stay inside the input rows is read in place;
// other blocks are copied, one strip row per channel and phase.
WindowView PrepareBlock(const Conv1dProblem& problem, const Geometry& g, int64_t n, int64_t group,
                        int64_t channel, int64_t channels, int64_t first, int64_t width,
                        WindowBlocks& blocks) {
  const float* input =
      problem.input.data.data() + (n * g.in_channels + group * g.in_per_group + channel) * g.length;
  // What the tiles read from each row, from padded position `begin`, in steps of `split`.
  const int64_t count = blocks.step * RoundUp(width, blocks.tile_width) + blocks.reach;
  const int64_t split = blocks.step == 1 ? g.stride : 1;
  if (blocks.in_place && split == 1) {
    const int64_t begin = first * g.stride;  // stride 1 or 2: no overflow
    if (begin >= g.pad_left && begin + count <= g.pad_left + g.length)
      return {input + (begin - g.pad_left), blocks.input_offsets.data()};
  }
  float* dst = blocks.Strip();
  for (int64_t c = 0; c < channels; ++c) {
    for (int64_t phase : blocks.phases) {
      CopyPaddedPhase(input + c * g.length, g, first * g.stride + phase, split, count, dst);
      dst += blocks.pitch;
    }
    PrefetchNextBlock(input + c * g.length, g, first + count / blocks.step, width);
  }
  return {blocks.Strip(), blocks.copy_offsets.data()};
}

// Weights packed per row block: for output channels o .. o + rows - 1 (rows = the kernel's tile
// rows, or fewer at the end of a group), [tap][rows] starting at o * taps.
std::vector<float> PackWeights(const Conv1dProblem& problem, const Geometry& g, int tile_rows) {
  std::vector<float> packed(static_cast<size_t>(g.out_channels * g.taps));
  const float* weight = problem.weight.data.data();
  for (int64_t group = 0; group < g.groups; ++group) {
    for (int64_t o = 0; o < g.out_per_group; o += tile_rows) {
      const int64_t first = group * g.out_per_group + o;
      const int64_t rows = std::min<int64_t>(tile_rows, g.out_per_group - o);
      // Row by row: each weight row is read in order (the block it fills stays in L1).
      float* dst = packed.data() + first * g.taps;
      for (int64_t r = 0; r < rows; ++r) {
        const float* row = weight + (first + r) * g.taps;
        for (int64_t tap = 0; tap < g.taps; ++tap) dst[tap * rows + r] = row[tap];
      }
    }
  }
  return packed;
}

// One task: batch item n, `group`, and the row blocks from output channel `first_row` (of the
// group) up to `end_row`, over every column block. `blocks` is the worker's own.
struct TaskRange {
  int64_t n, group, first_row, end_row;
};

// Every row block of the task over one column block (`width` positions from `first`) and one
// channel block (`channels` input channels from `channel`): the tiles start from zero in the
// first channel block and from the partial sums in the output after it; the last adds the bias.
void RunChannelBlock(const Conv1dProblem& problem, const Geometry& g, const KernelTable& kernel,
                     const std::vector<float>& packed, TaskRange task, int64_t first, int64_t width,
                     int64_t channel, int64_t channels, WindowBlocks& blocks, Tensor& out) {
  const WindowView view =
      PrepareBlock(problem, g, task.n, task.group, channel, channels, first, width, blocks);
  const bool resume = channel > 0, last = channel + channels >= g.in_per_group;
  for (int64_t o = task.first_row; o < task.end_row; o += kernel.rows) {
    const int64_t out_channel = task.group * g.out_per_group + o;
    const int64_t rows = std::min<int64_t>(kernel.rows, g.out_per_group - o);
    // The row block's weights are packed [tap][rows]; the channel block's taps are a run.
    const float* weight = packed.data() + out_channel * g.taps + channel * g.kernel_size * rows;
    const float* bias = g.has_bias && last ? problem.bias.data.data() + out_channel : nullptr;
    float* y = out.data.data() + (task.n * g.out_channels + out_channel) * g.out_length + first;
    const RowBlockFunction row_block =
        blocks.step == 2 ? kernel.step2_row_block[rows - 1] : kernel.row_block[rows - 1];
    row_block(view.origin, view.offsets, channels * g.kernel_size, weight, bias, y, g.out_length,
              width, resume);
  }
}

void RunTask(const Conv1dProblem& problem, const Geometry& g, const KernelTable& kernel,
             const std::vector<float>& packed, TaskRange task, WindowBlocks& blocks, Tensor& out) {
  for (int64_t first = 0, width = 0; first < g.out_length; first += width) {
    width = blocks.Width(first, g.out_length);
    // At least one channel block, so that a group without input channels still adds its bias.
    int64_t channel = 0;
    do {
      const int64_t channels = std::min(blocks.channels, g.in_per_group - channel);
      RunChannelBlock(problem, g, kernel, packed, task, first, width, channel, channels, blocks,
                      out);
      channel += std::max<int64_t>(channels, 1);
    } while (channel < g.in_per_group);
  }
}

// How many runs of row blocks each (batch item, group) is cut into: one on one thread; with
// more, enough for about four tasks per worker (fewer when there are few row blocks).
int64_t RowChunks(const Geometry& g, int tile_rows, int workers) {
  if (workers <= 1) return 1;
  const int64_t row_blocks = (g.out_per_group + tile_rows - 1) / tile_rows;
  const int64_t items = g.batch * g.groups;
  const int64_t wanted = (4 * int64_t{workers} + items - 1) / items;
  return std::clamp<int64_t>(wanted, 1, row_blocks);
}

}  // namespace

Tensor ForwardFast(const Conv1dProblem& problem, const Geometry& g, const FastOptions& options) {
  Tensor out = Tensor::Empty(g.OutputShape());  // every element is written below
  if (g.OutputCount() == 0) return out;
  const KernelTable& kernel = kernels::TableFor(options.kernel);
  const int tile_rows = kernel.rows;
  const std::vector<float> packed = PackWeights(problem, g, tile_rows);
  const WindowBlocks layout = MakeWindowBlocks(g, kernel);
  const int workers = options.pool != nullptr ? options.pool->Size() : 1;
  const int64_t chunks = RowChunks(g, tile_rows, workers);
  const int64_t row_blocks = (g.out_per_group + tile_rows - 1) / tile_rows;
  const int64_t blocks_per_chunk = (row_blocks + chunks - 1) / chunks;
  auto task_range = [&](int64_t index) {
    const int64_t chunk = index % chunks, item = index / chunks;
    const int64_t first_row = std::min(g.out_per_group, chunk * blocks_per_chunk * tile_rows);
    const int64_t end_row = std::min(g.out_per_group, first_row + blocks_per_chunk * tile_rows);
    return TaskRange{item / g.groups, item % g.groups, first_row, end_row};
  };
  const int64_t tasks = g.batch * g.groups * chunks;
  if (workers <= 1) {
    WindowBlocks blocks = layout;
    for (int64_t index = 0; index < tasks; ++index)
      RunTask(problem, g, kernel, packed, task_range(index), blocks, out);
    return out;
  }
  std::vector<WindowBlocks> per_worker(static_cast<size_t>(workers));  // copied on first use
  options.pool->ParallelFor(tasks, [&](int64_t index, int worker) {
    WindowBlocks& blocks = per_worker[static_cast<size_t>(worker)];
    if (blocks.tile_width == 0) blocks = layout;
    RunTask(problem, g, kernel, packed, task_range(index), blocks, out);
  });
  return out;
}

}  // namespace convstep
