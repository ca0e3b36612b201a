// The high-contrast theme, for projectors that wash out colours: black text on white, black
// borders, darker secondary text, tab and button fills that stay visible (View → High contrast).
#pragma once

#include <imgui.h>

namespace convstep::gui {

/// Turns `style` (ApplyStyle's light theme) into the high-contrast theme: every text colour at
/// least 7:1 (WCAG AAA) against the backgrounds it is drawn on, and thicker borders; the cells'
/// Palette switches to its high-contrast set too (ApplyStyle switches it back).
void ApplyHighContrast(ImGuiStyle& style);

}  // namespace convstep::gui
