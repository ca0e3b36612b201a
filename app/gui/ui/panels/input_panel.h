// Input panel: the input exactly as given, before any permute. For text data that is
// [N, L, C]: one card per sentence (batch item), words as rows, word-vector components as
// columns, values to 4 decimals as torch prints them.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the input-as-given panel in frame.layout.input.
void DrawInputPanel(const Frame& frame, AppState& app);

}  // namespace convstep::gui
