// Python for the same layer written two other ways: as a Conv2d, and as one matrix multiply.
// Each snippet follows the program of PythonCode (codegen.h), which defines `x` (the input
// after any permute, [N, C, L] or unbatched [C, L]), `conv` (the nn.Conv1d) and `y` (its
// output), and ends by printing how far it is from `y`.
#pragma once

#include <cstdint>
#include <string>

#include "convstep/geometry.h"
#include "convstep/spec.h"

namespace convstep {

/// The exact equivalence: nn.Conv2d(C, O, (1, k)) with stride (1, s), padding (0, p) (or the
/// same string), dilation (1, d), the same groups, bias and padding_mode, run on
/// x.unsqueeze(2) (an image of height 1 with the same C channels) with the weight
/// conv.weight.unsqueeze(2); .squeeze(2) gives `y_conv2d`, equal to y. Channels stay channels.
std::string Conv2dPython(const Conv1dSpec& spec, const Geometry& geometry);

/// The second view (groups == 1 only): the padded input as a one-channel image of height C,
/// and nn.Conv2d(1, O, (kernel_height, k)). With kernel_height == C the kernel fills the
/// height and `y_image` equals y; with a smaller height the kernel holds the first
/// kernel_height rows (input channels) of each Conv1d kernel, also moves down, and gives
/// C - kernel_height + 1 rows of output: no longer the Conv1d. 1 <= kernel_height <= C.
std::string ImageConv2dPython(const Conv1dSpec& spec, const Geometry& geometry,
                              int64_t kernel_height);

/// Conv1d as one matrix multiply (im2col): the padded input unfolded into `cols`
/// [N, C·k, L_out] (one column per window, rows in (c, k) order, taps `dilation` apart,
/// windows `stride` apart), the kernels as the rows of W = conv.weight.reshape(O, C/groups·k)
/// (one block per group: block-diagonal), `y_matmul` = W @ cols (+ bias), equal to y.
std::string MatmulPython(const Conv1dSpec& spec, const Geometry& geometry);

}  // namespace convstep
