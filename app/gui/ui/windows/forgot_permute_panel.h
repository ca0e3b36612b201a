// "Forgot the permute?": what a user sees when the [N, L, C] input goes straight into
// nn.Conv1d — PyTorch's exact RuntimeError, or, when L == C, the silent mix-up — and why.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the window while app.show_forgot_permute is set (its close button clears it).
void DrawForgotPermutePanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
