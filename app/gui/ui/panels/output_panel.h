// Output panel: y [N, O, L_out] for the current batch item, out channels as rows and output
// positions as columns. Cells fill in as steps complete; the current cell is framed; cells
// not computed yet are empty and dashed. Cards show each batch item's progress.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the output panel in frame.layout.output.
void DrawOutputPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
