// Geometry: every size derived from a Conv1dSpec and an input shape, after validation
// with PyTorch 1.13's checks in PyTorch's order and with PyTorch's messages.
#pragma once

#include <cstdint>
#include <string>

#include "convstep/result.h"
#include "convstep/spec.h"
#include "convstep/tensor.h"

namespace convstep {

/// Limits that keep a configuration within memory; exceeded limits are errors, never clamps.
struct Limits {
  int64_t max_bytes = int64_t{1} << 30;  ///< input + weight + output + padded copy, in bytes
};

/// A byte count as the memory-budget messages show it: "812 bytes", "3.5 KiB", "1.0 GiB".
std::string FormatBytes(int64_t bytes);

/// The one wording of every memory-budget refusal: "<what> need <size> (<floats> floats),
/// over the <limit> memory budget". `what` names the tensors, e.g. "this configuration's
/// tensors"; `floats` is their float32 element count (negative or huge when it overflowed).
std::string OverBudgetMessage(const std::string& what, int64_t floats, const Limits& limits);

/// OverBudgetMessage as a translatable message ("over_budget"), `what` translatable too.
Message OverBudgetText(MessageArg what, int64_t floats, const Limits& limits);

/// The error for memory the budget allows but the machine does not give (std::bad_alloc
/// caught where tensors are made): names `what`, the budget, and how to go on.
Error OutOfMemoryError(MessageArg what, const Limits& limits);

/// All derived sizes of one convolution. Unbatched input is treated as a batch of one.
struct Geometry {
  bool batched = true;       ///< input was [N, C, L] (false: [C, L])
  int64_t batch = 1;         ///< N
  int64_t in_channels = 0;   ///< C
  int64_t length = 0;        ///< L, before padding
  int64_t out_channels = 0;  ///< O
  int64_t kernel_size = 0;   ///< k
  int64_t stride = 1;
  int64_t dilation = 1;
  int64_t groups = 1;
  bool has_bias = false;
  PaddingMode padding_mode = PaddingMode::kZeros;
  int64_t pad_left = 0;       ///< cells added on the left (negative: cropped; non-zero modes)
  int64_t pad_right = 0;      ///< cells added on the right
  int64_t padded_length = 0;  ///< L + pad_left + pad_right
  int64_t kernel_extent = 0;  ///< dilation * (k - 1) + 1, the span one window covers
  int64_t out_length = 0;     ///< L_out
  int64_t in_per_group = 0;   ///< C / groups, weight.shape[1]
  int64_t out_per_group = 0;  ///< O / groups
  int64_t taps = 0;           ///< in_per_group * k, products per output element

  /// [N, O, L_out], or [O, L_out] for unbatched input.
  Shape OutputShape() const;
  /// [N, C, L], or [C, L] for unbatched input.
  Shape InputShape() const;
  /// [O, C/groups, k].
  Shape WeightShape() const { return {out_channels, in_per_group, kernel_size}; }
  /// The group an output channel belongs to.
  int64_t GroupOfOut(int64_t out_channel) const { return out_channel / out_per_group; }
  /// The group an input channel belongs to.
  int64_t GroupOfIn(int64_t in_channel) const { return in_channel / in_per_group; }
  /// First padded position of output position t's window.
  int64_t WindowStart(int64_t t) const { return t * stride; }
  /// Padded position of tap k in the window of output position t.
  int64_t TapPosition(int64_t t, int64_t k) const { return t * stride + k * dilation; }
  /// Number of output elements N * O * L_out.
  int64_t OutputCount() const { return batch * out_channels * out_length; }
  /// Multiply-accumulates of the whole forward pass.
  int64_t MacCount() const { return OutputCount() * taps; }
};

/// What sits at a padded position: a real input element, a zero, or a copy of a real one.
enum class CellKind { kReal, kZeroPad, kGhost };

/// The source of one padded position. `source` is the input index l for kReal and kGhost,
/// -1 for kZeroPad.
struct PaddedCell {
  CellKind kind = CellKind::kReal;
  int64_t source = -1;
};

/// Maps padded position p in [0, padded_length) to its source (reflect / replicate /
/// circular ghost cells name the real element they copy).
PaddedCell SourceOf(const Geometry& geometry, int64_t padded_pos);

/// Checks nn.Conv1d(spec) construction only (groups, padding string, mode, negative sizes).
Result<bool> ValidateSpec(const Conv1dSpec& spec);

/// Checks construction and then forward(input of `input_shape`) exactly as PyTorch 1.13
/// does, in PyTorch's order, and returns the geometry. Also refuses configurations over
/// `limits` with a message that names the size and the limit.
Result<Geometry> Validate(const Conv1dSpec& spec, const Shape& input_shape,
                          const Limits& limits = Limits{});

}  // namespace convstep
