#include "ui/draw/picked_cell.h"

namespace convstep::gui {

void DrawPickedCell(ImDrawList* draw, ImVec2 min, ImVec2 max) {
  constexpr ImU32 kPicked = IM_COL32(0, 120, 120, 255);  // teal: neither window nor highlight
  draw->AddRect(ImVec2(min.x + 2.f, min.y + 2.f), ImVec2(max.x - 2.f, max.y - 2.f), kPicked, 2.f, 0,
                3.f);
  draw->AddCircleFilled(ImVec2(max.x - 6.f, min.y + 6.f), 3.5f, kPicked);
}

}  // namespace convstep::gui
