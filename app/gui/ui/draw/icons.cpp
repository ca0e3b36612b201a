#include "ui/draw/icons.h"

namespace convstep::gui {
namespace {

void Triangle(ImDrawList* draw, ImVec2 c, float h, bool right, ImU32 color) {
  const float w = h * 0.85f;
  if (right)
    draw->AddTriangleFilled(ImVec2(c.x - w * 0.5f, c.y - h * 0.5f), ImVec2(c.x + w * 0.5f, c.y),
                            ImVec2(c.x - w * 0.5f, c.y + h * 0.5f), color);
  else
    draw->AddTriangleFilled(ImVec2(c.x + w * 0.5f, c.y - h * 0.5f), ImVec2(c.x - w * 0.5f, c.y),
                            ImVec2(c.x + w * 0.5f, c.y + h * 0.5f), color);
}

void Bar(ImDrawList* draw, ImVec2 c, float h, float w, ImU32 color) {
  draw->AddRectFilled(ImVec2(c.x - w * 0.5f, c.y - h * 0.5f),
                      ImVec2(c.x + w * 0.5f, c.y + h * 0.5f), color);
}

}  // namespace

bool IconButton(const char* id, Icon icon, float size, const char* tooltip) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(id, ImVec2(size, size));
  const bool hovered = ImGui::IsItemHovered();
  const bool held = ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 max(min.x + size, min.y + size);
  const ImU32 bg = ImGui::GetColorU32(held ? ImGuiCol_ButtonActive
                                           : (hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button));
  draw->AddRectFilled(min, max, bg, size * 0.18f);
  const ImU32 fg = ImGui::GetColorU32(ImGuiCol_Text);
  const ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
  const float h = size * 0.42f;
  const float bar = size * 0.09f;
  switch (icon) {
    case Icon::kPlay:
      Triangle(draw, ImVec2(c.x + h * 0.08f, c.y), h * 1.1f, true, fg);
      break;
    case Icon::kPause:
      Bar(draw, ImVec2(c.x - h * 0.28f, c.y), h, bar * 1.6f, fg);
      Bar(draw, ImVec2(c.x + h * 0.28f, c.y), h, bar * 1.6f, fg);
      break;
    case Icon::kStepBack:
      Bar(draw, ImVec2(c.x - h * 0.45f, c.y), h, bar, fg);
      Triangle(draw, ImVec2(c.x + h * 0.1f, c.y), h, false, fg);
      break;
    case Icon::kStepForward:
      Triangle(draw, ImVec2(c.x - h * 0.1f, c.y), h, true, fg);
      Bar(draw, ImVec2(c.x + h * 0.45f, c.y), h, bar, fg);
      break;
    case Icon::kToStart:
      Bar(draw, ImVec2(c.x - h * 0.62f, c.y), h, bar, fg);
      Triangle(draw, ImVec2(c.x - h * 0.15f, c.y), h * 0.9f, false, fg);
      Triangle(draw, ImVec2(c.x + h * 0.4f, c.y), h * 0.9f, false, fg);
      break;
    case Icon::kToEnd:
      Triangle(draw, ImVec2(c.x - h * 0.4f, c.y), h * 0.9f, true, fg);
      Triangle(draw, ImVec2(c.x + h * 0.15f, c.y), h * 0.9f, true, fg);
      Bar(draw, ImVec2(c.x + h * 0.62f, c.y), h, bar, fg);
      break;
  }
  if (hovered && tooltip) ImGui::SetTooltip("%s", tooltip);
  return pressed;
}

}  // namespace convstep::gui
