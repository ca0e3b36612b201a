// The "Fit weights from input and output" window (Edit menu): choose the input and the output
// (the session's, or pasted / loaded print(tensor) text), run the least-squares fit, read the
// residual, the condition number and whether the system is square or over-determined, and
// apply the weights to the session (Ctrl+Z undoes).
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the window while app.teach.fit.open is set.
void DrawFitWindow(const Frame& frame, AppState& app);

}  // namespace convstep::gui
