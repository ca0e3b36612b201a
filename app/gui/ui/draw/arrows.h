// Arrows: curved connectors with heads, for "this ghost cell copies that input cell" and for
// the stride jump of the kernel.
#pragma once

#include <imgui.h>

namespace convstep::gui {

/// A curved arrow from `from` to `to`, bulging by `bend` pixels to the left of the direction
/// of travel (negative bends to the right), with a filled head at `to`.
void DrawCurvedArrow(ImDrawList* draw, ImVec2 from, ImVec2 to, float bend, ImU32 color,
                     float thickness, float head_size);

/// A filled arrow head at `tip`, pointing along (tip - from).
void DrawArrowHead(ImDrawList* draw, ImVec2 from, ImVec2 tip, ImU32 color, float size);

}  // namespace convstep::gui
