// The two readings of one [L, C] item side by side, under "Forgot the permute?": on the left
// what nn.Conv1d(L, O, k) (in_channels set to the word count, the wrong fix) would do with the
// unpermuted input — each kernel tap mixes all L words at one vector component and the kernel
// slides along the components; on the right the permuted input, where a tap reads one word's
// C components and the kernel spans k words.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws both pictures at the cursor, `width` wide, and moves the cursor below them. Does
/// nothing unless the session's input is given as [N, L, C].
void DrawPermuteMixPictures(const Frame& frame, const AppState& app, float width);

}  // namespace convstep::gui
