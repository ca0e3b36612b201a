// Conv1d as one matrix multiply (im2col): the numbers of the "Conv1d as a matrix multiply"
// view. The padded input of batch item n unfolds into cols [C·k, L_out]: row c·k + k' holds
// tap k' of channel c, column t the window of output position t (taps `dilation` apart,
// windows `stride` apart). The kernels are the rows of W = weight.view(O, C/groups·k); with
// groups the full W [O, C·k] is block-diagonal (kernel o meets only its group's rows).
// y[n] = W @ cols (+ bias) is the Conv1d's output, the same products as the dot product.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/input_positions.h"
#include "model/session.h"

namespace convstep::gui {

/// One row of the unfolded input: input channel c and kernel tap k.
struct UnfoldedRow {
  int64_t in_channel = 0;
  int64_t k = 0;
};

/// Rows of the unfolded input: C·k (all channels; with groups, one band per group).
inline int64_t UnfoldedRowCount(const Geometry& g) {
  return g.in_channels * g.kernel_size;
}

/// Channel and tap of unfolded row `row` (c = row / k, k = row % k). 0 <= row < C·k.
UnfoldedRow UnfoldedRowOf(const Geometry& g, int64_t row);

/// The unfolded row of channel c, tap k: c·k + k.
inline int64_t UnfoldedRowIndex(const Geometry& g, int64_t in_channel, int64_t k) {
  return in_channel * g.kernel_size + k;
}

/// The unfolded row that output channel `out_channel`'s tap `tap` (in the dot product's
/// (c, k) order within the group, TapCoord::tap) multiplies.
int64_t UnfoldedRowOfTap(const Geometry& g, int64_t out_channel, int64_t tap);

/// Padded position of cols[row, t]: t·stride + k·dilation.
int64_t UnfoldedPaddedPos(const Geometry& g, int64_t row, int64_t t);

/// cols[row, t] of batch item n: the padded input's value there (0 for zero padding, the
/// copied value for reflect / replicate / circular).
float UnfoldedValue(const Session& session, int64_t n, int64_t row, int64_t t);

/// Whether W[o, row] holds a weight: row's channel is in out_channel's group. Outside, the
/// block-diagonal W holds a zero that no weight fills.
bool InWeightBlock(const Geometry& g, int64_t out_channel, int64_t row);

/// W[o, row] of the full [O, C·k] matrix: weight[o, c − group start, k] inside the block,
/// 0 outside.
float WeightMatrixValue(const Session& session, int64_t out_channel, int64_t row);

/// Row o of W times column t of cols, plus the bias: y[n, o, t] computed as the matrix
/// multiply does (in float, rows in order). Equals the Conv1d's output up to float rounding.
float MatmulOutput(const Session& session, int64_t n, int64_t out_channel, int64_t t);

}  // namespace convstep::gui
