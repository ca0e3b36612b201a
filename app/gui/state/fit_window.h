// "Fit weights from input and output" (Edit menu): the layer's weights (and bias) recovered by
// least squares from an input and the output it produced, with the residual, the condition
// number and whether the system is square or over-determined; the weights can then be put
// into the session (undoable). Either tensor is the current session's or pasted /
// loaded print(tensor) text. Every function leaves the session as it was unless it says so.
#pragma once

#include "state/app_state.h"

namespace convstep::gui {

/// Runs the fit for the window's choices against the current layer: the input (converted to
/// [N, C, L] when the session's layout is [N, L, C]) and the output. Stores the result (or
/// the error) in `fit`. Returns whether it succeeded.
bool RunWeightFit(const AppState& app, FitWindowState& fit);

/// Puts the last result's weights (and bias), with the input it was fitted to, into the
/// session as given values; undo (Ctrl+Z) brings the previous session back. False, with
/// fit.error set, when there is no result for the current session or the build fails.
bool ApplyWeightFit(AppState& app, FitWindowState& fit);

/// Loads fit.file_path (a .npy, .csv or .txt tensor file) as print(tensor) text into the
/// input or output text, switching that side to kPasted. False, with fit.error, on a bad file.
bool LoadFitTensorFile(FitWindowState& fit, bool into_output);

}  // namespace convstep::gui
