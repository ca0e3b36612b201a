// Code view (main area, "PyTorch code" tab): on the left the runnable PyTorch program for the
// session on screen (the seed document's style: manual_seed, the input, the permute,
// nn.Conv1d with every non-default argument, the printed shapes) with a Copy button; on the
// right any tensor exactly as print(tensor) shows it in PyTorch.
#pragma once

#include <string>

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the code view in frame.layout.code.
void DrawCodePanel(const Frame& frame, AppState& app);

/// The program the code view shows for the app's session (remade only when it changes).
const std::string& CodePanelText(AppState& app);

}  // namespace convstep::gui
