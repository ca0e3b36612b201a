// Editing numbers by hand. The "Edit values" window lists every cell of the input (one batch
// item), the weight and the bias as boxes coloured like the picture: drag a box left or right
// to change its value, double-click it to type one. The cell editor opens beside a cell that
// is double-clicked in the input or kernel panel. Every change recomputes at once.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Opens the "Edit values" window on tab 0 input, 1 weight, 2 bias.
void ShowValuesWindow(AppState& app, int tab);

/// Draws the "Edit values" window when it is open.
void DrawValuesWindow(const Frame& frame, AppState& app);

/// Draws the cell editor when it is open.
void DrawCellEditor(const Frame& frame, AppState& app);

/// Copies a tensor of the session to the clipboard as print(tensor) prints it; tensors over
/// torch's summarizing threshold are printed in full (as with threshold=inf) so they paste
/// back. Returns the text.
std::string CopyTensorText(AppState& app, const Tensor& tensor, const char* name);

}  // namespace convstep::gui
