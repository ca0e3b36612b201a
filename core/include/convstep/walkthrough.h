// Walkthrough: the sliding window, one step at a time, computed on demand from a step index.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "convstep/geometry.h"
#include "convstep/problem.h"

namespace convstep {

/// How much one step covers: one multiply, one dot product, one output row (all positions
/// of one out channel), or one batch item.
enum class Granularity { kTap, kWindow, kRow, kBatch };

/// "tap", "window", "row", "batch".
const char* GranularityName(Granularity granularity);
/// Parses a granularity name; false when unknown.
bool ParseGranularity(const std::string& name, Granularity* out);

/// Coordinates of one tap: output element (n, out_channel, t) and tap index in [0, taps).
struct TapCoord {
  int64_t n = 0, out_channel = 0, t = 0, tap = 0;
};

/// One multiply of a window: x[c, pos] * w[o, c_local, k] = product.
struct TapState {
  int64_t in_channel = 0;        ///< absolute input channel c
  int64_t channel_in_group = 0;  ///< c - first channel of the group (weight's 2nd index)
  int64_t k = 0;                 ///< kernel tap
  int64_t padded_pos = 0;        ///< position in the padded sequence
  PaddedCell cell;               ///< real / zero pad / ghost copy of input[source]
  float x = 0.f, w = 0.f, product = 0.f;
  float running_sum = 0.f;  ///< sum of products of taps 0..this, in float, PyTorch's order
  bool done = false;        ///< whether this tap has been computed at the current step
};

/// Everything a view needs about one step.
struct StepState {
  int64_t step = 0;                       ///< the step index at the chosen granularity
  TapCoord coord;                         ///< the last tap this step completes
  int64_t group = 0;                      ///< the group of coord.out_channel
  int64_t taps_done = 0;                  ///< taps of the current window computed, 1..taps
  int64_t window_start = 0;               ///< first padded position under the kernel
  std::vector<int64_t> window_positions;  ///< padded position of each k (dilation gaps)
  std::vector<PaddedCell> window_cells;   ///< source of each window position
  std::vector<TapState> taps;             ///< every tap of the window, in (c, k) order
  bool has_bias = false;
  float bias = 0.f;
  float output = 0.f;  ///< the finished element (sum + bias) when window_complete
  bool window_complete = false;
  int64_t outputs_done = 0;  ///< output elements finished, in (n, o, t) order
};

/// One input element an output depends on, through tap (c, k).
struct FieldEntry {
  int64_t in_channel = 0, channel_in_group = 0, k = 0, padded_pos = 0;
  PaddedCell cell;
};

/// One use of an input element: output (n, out_channel, t) reads it through tap k.
struct UseEntry {
  int64_t n = 0, out_channel = 0, t = 0, k = 0, padded_pos = 0;
};

/// Steps over a validated problem. Holds references: the problem must outlive it.
class Walkthrough {
 public:
  Walkthrough(const Conv1dProblem& problem, const Geometry& geometry);

  /// Number of steps at a granularity (0 when the output is empty).
  int64_t StepCount(Granularity granularity) const;
  /// The last tap completed by `step` at `granularity`; step must be in range.
  TapCoord CoordOf(int64_t step, Granularity granularity) const;
  /// The step at `granularity` that contains a tap (inverse of CoordOf up to rounding).
  int64_t StepOf(const TapCoord& coord, Granularity granularity) const;
  /// The full state after `step`, in O(taps). step must be in [0, StepCount).
  StepState State(int64_t step, Granularity granularity) const;
  /// Linear index n*O*L_out + o*L_out + t of an output element.
  int64_t OutputIndex(int64_t n, int64_t out_channel, int64_t t) const;

  /// Receptive field of output (n, o, t): each tap's input position and source.
  std::vector<FieldEntry> ReceptiveField(int64_t out_channel, int64_t t) const;
  /// Every output and tap that input[n, c, l] feeds (directly or through ghost copies).
  std::vector<UseEntry> UsesOfInput(int64_t n, int64_t in_channel, int64_t l) const;
  /// Every padded position that shows input position l, in order: ghost copies on the left
  /// (reflect, replicate, circular), the real cell, ghost copies on the right.
  std::vector<int64_t> CopiesOf(int64_t l) const;
  /// Every output and tap that reads padded position `padded_pos` of channel c of item n
  /// (a zero, an input cell or a ghost copy).
  std::vector<UseEntry> UsesOfPadded(int64_t n, int64_t in_channel, int64_t padded_pos) const;
  /// The input a weight w[o, c_local, k] multiplies at output position t.
  FieldEntry InputOfWeight(int64_t out_channel, int64_t channel_in_group, int64_t k,
                           int64_t t) const;

  const Geometry& geometry() const { return geometry_; }

 private:
  float InputAt(int64_t n, int64_t c, const PaddedCell& cell) const;
  const Conv1dProblem& problem_;
  Geometry geometry_;
};

}  // namespace convstep
