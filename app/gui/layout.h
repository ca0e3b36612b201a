// The window's tiling: where each panel goes for a display size. Panels are fixed tiles (no
// docking in Dear ImGui 1.86), so the picture is the same on every projector.
#pragma once

#include <imgui.h>

namespace convstep::gui {

/// Which panels are shown (View menu).
struct PanelVisibility {
  bool parameters = true;
  bool formula = true;
  bool input = true;
  bool permute = true;
  bool kernels = true;
  bool window = true;
  bool dot_product = true;
  bool output = true;
  bool timeline = true;
};

/// A panel's rectangle in display pixels; `visible` is false for hidden panels.
struct PanelRect {
  ImVec2 pos{0, 0};
  ImVec2 size{0, 0};
  bool visible = false;
};

/// Every panel's rectangle.
struct Layout {
  PanelRect parameters, formula, input, permute, kernels, window, dot_product, output, timeline;
};

/// Tiles the display below a menu bar of `menu_height`, sized for a UI font of `font_size`:
/// parameters on the left; on the right the shape strip, then input / permute / kernel bank,
/// then sliding window / dot product / output; the timeline along the bottom.
Layout ComputeLayout(ImVec2 display, float menu_height, float font_size,
                     const PanelVisibility& show);

/// Begins a panel window fixed at `rect` (no move, resize or collapse). `label` is the
/// translated title with a stable "##id". Always pair with EndPanel().
bool BeginPanel(const char* label, const PanelRect& rect, ImGuiWindowFlags extra_flags = 0);
/// Ends a panel window.
void EndPanel();

}  // namespace convstep::gui
