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
// The window block holds what one (batch item, group, column block) reads: the group's
// padded input rows over the block's span, split into `stride` phases (phase r of a row is
// its positions r, r + stride, r + 2 * stride, ...). Tap (c, k) of output position t is
// padded position t * stride + k * dilation, which is phase (k * dilation) % stride of
// row c at t + (k * dilation) / stride: consecutive t are consecutive floats, so a tap of a
// tile is one contiguous run and no im2col matrix is formed. With stride 1 there is one
// phase, and a block that touches no padding reads the input in place, without a copy.
// The block's size depends on C / groups, k, dilation / stride and the block's columns,
// never on N: about kBlockFloats, and at most about twice one batch item's padded rows of
// one group when a wide dilation makes windows long. Memory stays bounded (one block per
// worker thread). Depthwise layers (C / groups == 1) take the same path with one-row tiles: a
// vector loop over t with k taps, which is what they need (a GEMM of inner size k is not).
//
// With a thread pool, the work is split into tasks of (batch item, group, a run of row
// blocks); every output element is still one tile's sum over all its taps, so the result is
// bit-identical for any number of threads.
#include <algorithm>
#include <vector>

#include "convstep/forward.h"
#include "kernel_table.h"

namespace convstep {
namespace {

using kernels::KernelTable;

// About 128 KiB of window block: it stays in L2 while every row block of the group reads it.
constexpr int64_t kBlockFloats = int64_t{1} << 15;

int64_t RoundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

// Where the tiles of one (batch item, group, column block) read: tap (c, k) of the block's
// output position j is origin[offsets[tap] + j].
struct WindowView {
  const float* origin = nullptr;
  const int64_t* offsets = nullptr;
};

// How a layer's output rows are cut into column blocks, and the buffer of phase rows a
// block is copied into when it cannot be read in place. Blocks hold whole tiles; the
// columns left over after the last whole tile form a block of their own, so that only that
// block's tile reads past the end of an input row.
struct WindowBlocks {
  int64_t tile_width = 0;       // output positions per tile of the chosen kernel
  int64_t columns = 0;          // output positions per block of whole tiles
  int64_t whole = 0;            // output positions covered by whole tiles
  int64_t reach = 0;            // dilation * (k - 1) / stride: how far past a block a row is read
  int64_t row_length = 0;       // floats per phase row of `copy`: columns + reach
  std::vector<int64_t> phases;  // the phases taps read, (k * dilation) % stride
  std::vector<int64_t> copy_offsets;   // tap offsets into `copy`
  std::vector<int64_t> input_offsets;  // tap offsets into the input (stride 1, in place)
  std::vector<float> copy;             // [c][phase][row_length]

  // Output positions in the block that starts at `first`.
  int64_t Width(int64_t first, int64_t out_length) const {
    return first < whole ? std::min(columns, whole - first) : out_length - first;
  }
};

WindowBlocks MakeWindowBlocks(const Geometry& g, int64_t tile_width) {
  WindowBlocks blocks;
  blocks.tile_width = tile_width;
  for (int64_t k = 0; k < g.kernel_size; ++k) {
    const int64_t phase = k * g.dilation % g.stride;
    if (std::find(blocks.phases.begin(), blocks.phases.end(), phase) == blocks.phases.end())
      blocks.phases.push_back(phase);
  }
  const int64_t phase_count = static_cast<int64_t>(blocks.phases.size());
  const int64_t rows = g.in_per_group * phase_count;
  blocks.reach = g.dilation * (g.kernel_size - 1) / g.stride;
  // About kBlockFloats, and a row at least as long as its reach past the block (so at most
  // half of what a block copies is copied again by the next block).
  const int64_t target =
      std::max({kBlockFloats / std::max<int64_t>(rows, 1), blocks.reach, tile_width});
  // Blocks of nearly equal size, each a whole number of tiles.
  const int64_t tiles = g.out_length / tile_width;
  blocks.whole = tiles * tile_width;
  const int64_t count = std::max<int64_t>(1, RoundUp(blocks.whole, target) / target);
  blocks.columns = std::max<int64_t>(1, RoundUp(tiles, count) / count) * tile_width;
  blocks.row_length = blocks.columns + blocks.reach;
  // At least `columns` floats, so that tile pointers stay inside the buffer even with no taps.
  blocks.copy.assign(static_cast<size_t>(std::max(rows * blocks.row_length, blocks.columns)), 0.f);
  for (int64_t c = 0; c < g.in_per_group; ++c) {
    for (int64_t k = 0; k < g.kernel_size; ++k) {
      const int64_t phase = k * g.dilation % g.stride;
      const int64_t phase_row =
          std::find(blocks.phases.begin(), blocks.phases.end(), phase) - blocks.phases.begin();
      const int64_t shift = k * g.dilation / g.stride;
      blocks.copy_offsets.push_back((c * phase_count + phase_row) * blocks.row_length + shift);
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

// Smallest j with begin + j * step >= position, clamped to [0, count].
int64_t FirstAtOrAfter(int64_t position, int64_t begin, int64_t step, int64_t count) {
  if (position <= begin) return 0;
  return std::min(count, (position - begin + step - 1) / step);
}

// Padded positions begin + j * step, j < count, of one input row into dst[j]. The real
// part is a plain (strided) copy; padding and positions past the padded end go one by one.
void CopyPaddedPhase(const float* row, const Geometry& g, int64_t begin, int64_t step,
                     int64_t count, float* dst) {
  const int64_t real_end = std::min(g.pad_left + g.length, g.padded_length);
  const int64_t copy_begin = FirstAtOrAfter(g.pad_left, begin, step, count);
  const int64_t copy_end = std::max(copy_begin, FirstAtOrAfter(real_end, begin, step, count));
  for (int64_t j = 0; j < copy_begin; ++j) dst[j] = PaddedValue(row, g, begin + j * step);
  if (copy_end > copy_begin) {
    const float* source = row + (begin + copy_begin * step - g.pad_left);  // input of copy_begin
    if (step == 1) {
      std::copy(source, source + (copy_end - copy_begin), dst + copy_begin);
    } else {
      for (int64_t j = copy_begin; j < copy_end; ++j) dst[j] = source[(j - copy_begin) * step];
    }
  }
  for (int64_t j = copy_end; j < count; ++j) dst[j] = PaddedValue(row, g, begin + j * step);
}

// The view for batch item n, `group`, and `width` output positions from `first`. With
// stride 1, a block whose windows touch no padding and stay inside the input rows is read
// in place; other blocks are copied, one row per channel and phase.
WindowView PrepareBlock(const Conv1dProblem& problem, const Geometry& g, int64_t n, int64_t group,
                        int64_t first, int64_t width, WindowBlocks& blocks) {
  const float* input =
      problem.input.data.data() + (n * g.in_channels + group * g.in_per_group) * g.length;
  const int64_t count = RoundUp(width, blocks.tile_width) + blocks.reach;  // what the tiles read
  if (g.stride == 1 && first >= g.pad_left && first + count <= g.pad_left + g.length)
    return {input + (first - g.pad_left), blocks.input_offsets.data()};
  float* dst = blocks.copy.data();
  for (int64_t c = 0; c < g.in_per_group; ++c) {
    for (int64_t phase : blocks.phases) {
      CopyPaddedPhase(input + c * g.length, g, first * g.stride + phase, g.stride, count, dst);
      dst += blocks.row_length;
    }
  }
  return {blocks.copy.data(), blocks.copy_offsets.data()};
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
      float* dst = packed.data() + first * g.taps;
      for (int64_t tap = 0; tap < g.taps; ++tap)
        for (int64_t r = 0; r < rows; ++r) *dst++ = weight[(first + r) * g.taps + tap];
    }
  }
  return packed;
}

// One task: batch item n, `group`, and the row blocks from output channel `first_row` (of the
// group) up to `end_row`, over every column block. `blocks` is the worker's own.
struct TaskRange {
  int64_t n, group, first_row, end_row;
};

void RunTask(const Conv1dProblem& problem, const Geometry& g, const KernelTable& kernel,
             const std::vector<float>& packed, TaskRange task, WindowBlocks& blocks, Tensor& out) {
  for (int64_t first = 0, width = 0; first < g.out_length; first += width) {
    width = blocks.Width(first, g.out_length);
    const WindowView view = PrepareBlock(problem, g, task.n, task.group, first, width, blocks);
    for (int64_t o = task.first_row; o < task.end_row; o += kernel.rows) {
      const int64_t channel = task.group * g.out_per_group + o;
      const float* weight = packed.data() + channel * g.taps;
      const float* bias = g.has_bias ? problem.bias.data.data() + channel : nullptr;
      float* y = out.data.data() + (task.n * g.out_channels + channel) * g.out_length + first;
      const int64_t rows = std::min<int64_t>(kernel.rows, g.out_per_group - o);
      kernel.row_block[rows - 1](view.origin, view.offsets, g.taps, weight, bias, y, g.out_length,
                                 width);
    }
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
  Tensor out = Tensor::Zeros(g.OutputShape());
  if (g.OutputCount() == 0) return out;
  const KernelTable& kernel = kernels::TableFor(options.kernel);
  const int tile_rows = kernel.rows;
  const std::vector<float> packed = PackWeights(problem, g, tile_rows);
  const WindowBlocks layout = MakeWindowBlocks(g, kernel.tile_width);
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
