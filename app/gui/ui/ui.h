// One frame of the whole UI, between ImGui::NewFrame() and ImGui::Render(): keys, animation,
// the frame's shared state, then the flat list of panels. No GL or GLFW here, so the tests
// run it headless.
#pragma once

#include "state/app_state.h"

namespace convstep::gui {

/// Draws everything for one frame that lasted `dt` seconds.
void DrawUi(AppState& app, float dt);

/// Sets ConvStep's light, high-contrast style, with sizes scaled by `scale` (1 at 18 px text).
void ApplyStyle(float scale);

}  // namespace convstep::gui
