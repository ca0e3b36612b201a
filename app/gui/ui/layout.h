// The window's tiling: where each panel goes for a display size. Panels are fixed tiles (no
// docking in Dear ImGui 1.86), so the picture is the same on every projector.
#pragma once

#include <string>

#include <imgui.h>

#include "state/view_state.h"

namespace convstep::gui {

/// A panel's rectangle in display pixels; `visible` is false for hidden panels.
struct PanelRect {
  ImVec2 pos{0, 0};
  ImVec2 size{0, 0};
  bool visible = false;
  bool title_bar = true;  ///< false: a tab bar above names the panel
};

/// Every panel's rectangle.
struct Layout {
  PanelRect parameters, formula, input, permute, kernels, window, dot_product, output, timeline;
  PanelRect side_tabs;             ///< the side column's tab bar (in place of a title bar)
  PanelRect view_tabs;             ///< the main area's tab bar
  PanelRect lesson, sentences;     ///< side-column panels (same place as `parameters`)
  PanelRect code, conv2d, matmul;  ///< main-area views (the area under the shape strip)
};

/// Tiles the display below a menu bar of `menu_height`, sized for a UI font of `font_size`:
/// a row of tabs; the side column on the left (lesson, parameters or sentences); on the right
/// the shape strip, then either input / permute / kernel bank over sliding window / dot
/// product / output, or the code view, or the Conv2d view; the timeline along the bottom.
Layout ComputeLayout(ImVec2 display, float menu_height, float font_size,
                     const PanelVisibility& show);

/// Begins a panel window fixed at `rect` (no move, resize or collapse). `label` is the
/// translated title with a stable "##id". Always pair with EndPanel().
bool BeginPanel(const char* label, const PanelRect& rect, ImGuiWindowFlags extra_flags = 0);

/// Text scale of a whole view (Conv1d vs Conv2d, the code, the matrix multiply) while presenting:
/// these views hold more text than one stage panel, so they take 60% of presentation mode's
/// size (1.44 times the usual). Called after BeginPanel; 1 when not presenting.
void ScaleViewText(bool presenting);
/// Ends a panel window.
void EndPanel();

}  // namespace convstep::gui
