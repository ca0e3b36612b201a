// Shape and formula strip: the pipeline [N, L, C] → permute → [N, C, L] → Conv1d → [N, O, L_out]
// with live shapes, the L_out formula with the live numbers substituted, the weight shape,
// the parameter count, the multiply-accumulate count, and the colour legend.
#pragma once

#include <string>

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the strip in frame.layout.formula.
void DrawFormulaPanel(const Frame& frame, AppState& app);

/// "⌊(5 + 2·0 − 1·(2 − 1) − 1) / 1⌋ + 1 = 4": the L_out formula with numbers (for tests too).
std::string LengthFormulaNumbers(const Geometry& geometry);

}  // namespace convstep::gui
