// The mark of a cell a student picked for a click-the-cells exercise: a thick teal frame
// inside the cell and a dot in its corner (the input and sliding window panels draw it).
#pragma once

#include <imgui.h>

namespace convstep::gui {

/// Marks the cell from `min` to `max` as picked.
void DrawPickedCell(ImDrawList* draw, ImVec2 min, ImVec2 max);

}  // namespace convstep::gui
