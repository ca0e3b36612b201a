// Conv1d as one matrix multiply (main area, "Conv1d as a matrix multiply" tab): the unfolded
// input cols [C·k, L_out] (im2col) above the output, the kernels W = weight.view(O, C·k) to
// its left, y[n] = W @ cols (+ bias) where row and column meet. Stepping frames the current
// row of W, column of cols and output cell, and the current tap's product in both pictures;
// padding cells are hatched, the column's input positions name stride and dilation, and with
// groups W is block-diagonal (zeros no weight fills drawn grey).
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the matrix-multiply view in frame.layout.matmul.
void DrawMatmulPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
