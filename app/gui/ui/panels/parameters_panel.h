// Parameters panel: every nn.Conv1d argument plus N and L, the input layout, where the values
// come from and the seed. Every edit re-runs at once; an invalid combination shows PyTorch's
// message, a plain hint and an undo button beside the control at fault, while the last valid
// picture stays on screen. Nothing is clamped.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the parameters panel in frame.layout.parameters.
void DrawParametersPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
