// "Try it": the current chapter's exercise under the lesson's narration. The student types an
// answer (or picks one), ConvStep checks it, then plays the worked solution line by line.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the exercise of `chapter` (1-based) in the current window, when exercises are on.
void DrawExercise(const Frame& frame, AppState& app, int chapter);

}  // namespace convstep::gui
