// Sliding-window panel: the permuted input of the current batch item with its padding,
// [C, L + padding], and the kernel frame sliding over it. Zero padding is hatched; reflect /
// replicate / circular ghost cells show the value they copy with an arrow from its source;
// dilation gaps show inside the frame; window starts are ticked below, so stride jumps show.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the sliding-window panel in frame.layout.window.
void DrawWindowPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
