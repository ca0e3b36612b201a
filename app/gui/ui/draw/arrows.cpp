#include "ui/draw/arrows.h"

#include <cmath>

namespace convstep::gui {

void DrawArrowHead(ImDrawList* draw, ImVec2 from, ImVec2 tip, ImU32 color, float size) {
  const float dx = tip.x - from.x, dy = tip.y - from.y;
  const float length = std::hypot(dx, dy);
  if (length <= 0.f) return;
  const ImVec2 dir(dx / length, dy / length);
  const ImVec2 normal(-dir.y, dir.x);
  const ImVec2 base(tip.x - dir.x * size, tip.y - dir.y * size);
  draw->AddTriangleFilled(
      tip, ImVec2(base.x + normal.x * size * 0.5f, base.y + normal.y * size * 0.5f),
      ImVec2(base.x - normal.x * size * 0.5f, base.y - normal.y * size * 0.5f), color);
}

void DrawCurvedArrow(ImDrawList* draw, ImVec2 from, ImVec2 to, float bend, ImU32 color,
                     float thickness, float head_size) {
  const float dx = to.x - from.x, dy = to.y - from.y;
  const float length = std::hypot(dx, dy);
  if (length <= 0.f) return;
  const ImVec2 normal(dy / length, -dx / length);  // left of the direction of travel
  const ImVec2 c1(from.x + dx * 0.25f + normal.x * bend, from.y + dy * 0.25f + normal.y * bend);
  const ImVec2 c2(from.x + dx * 0.75f + normal.x * bend, from.y + dy * 0.75f + normal.y * bend);
  // Stop the line at the head's base so the tip stays sharp.
  const float hx = to.x - c2.x, hy = to.y - c2.y;
  const float hl = std::hypot(hx, hy);
  const ImVec2 end =
      hl > 0.f ? ImVec2(to.x - hx / hl * head_size * 0.8f, to.y - hy / hl * head_size * 0.8f) : to;
  draw->AddBezierCubic(from, c1, c2, end, color, thickness, 24);
  DrawArrowHead(draw, c2, to, color, head_size);
}

}  // namespace convstep::gui
