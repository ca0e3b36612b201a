// Permute panel: permute(0, 2, 1) as an animation. Every cell of the current batch item flies
// from its [l, c] place to its [c, l] place while the shape label morphs from [N, L, C] to
// [N, C, L]; a line says why Conv1d needs channels on axis 1. Replay restarts it; the
// "forgot the permute" button opens PyTorch's real error.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the permute panel in frame.layout.permute.
void DrawPermutePanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
