#include "ui/draw/canvas.h"

#include <algorithm>
#include <cmath>

#include <imgui_internal.h>

namespace convstep::gui {
namespace {

// Keeps content on screen: when it fits, centred (`centre`) or at the start; otherwise no
// empty margin beyond its ends.
float ClampPan(float pan, float view, float content, bool centre) {
  if (content <= view) return centre ? std::floor((view - content) * 0.5f) : 0.f;
  return std::clamp(pan, view - content, 0.f);
}

// The pan that brings [lo, hi] into view (unchanged when already visible).
float FollowPan(float pan, float view, float lo, float hi) {
  const float margin = std::min(view * 0.15f, 60.f);
  if (lo + pan >= margin && hi + pan <= view - margin) return pan;
  if (hi - lo > view - 2.f * margin) return margin - lo;
  return std::floor(view * 0.3f - lo);
}

}  // namespace

CanvasFrame BeginCanvas(const char* id, CanvasView& view, ImVec2 size, ImVec2 content,
                        const ImVec2* focus_min, const ImVec2* focus_max) {
  CanvasFrame frame;
  size.x = std::max(size.x, 8.f);
  size.y = std::max(size.y, 8.f);
  frame.min = ImGui::GetCursorScreenPos();
  frame.max = ImVec2(frame.min.x + size.x, frame.min.y + size.y);
  ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft);
  ImGui::SetItemAllowOverlap();
  const ImGuiIO& io = ImGui::GetIO();
  frame.hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    view.pan.x += io.MouseDelta.x;
    view.pan.y += io.MouseDelta.y;
    view.follow = false;
  }
  if (frame.hovered && io.MouseWheel != 0.f) {
    const float old_zoom = view.zoom;
    view.zoom = std::clamp(view.zoom * std::pow(1.2f, io.MouseWheel), kMinZoom, kMaxZoom);
    const float ratio = view.zoom / old_zoom;
    // Zoom around the pointer: the content point under it stays under it.
    const ImVec2 local(io.MousePos.x - frame.min.x, io.MousePos.y - frame.min.y);
    view.pan.x = local.x - (local.x - view.pan.x) * ratio;
    view.pan.y = local.y - (local.y - view.pan.y) * ratio;
    content.x *= ratio;
    content.y *= ratio;
  }
  if (frame.hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    view.zoom = 1.f;
    view.follow = true;
  }
  if (view.follow && focus_min && focus_max) {
    view.pan.x = FollowPan(view.pan.x, size.x, focus_min->x, focus_max->x);
    view.pan.y = FollowPan(view.pan.y, size.y, focus_min->y, focus_max->y);
  }
  view.pan.x = ClampPan(view.pan.x, size.x, content.x, /*centre=*/true);
  view.pan.y = ClampPan(view.pan.y, size.y, content.y, /*centre=*/false);
  frame.origin = ImVec2(frame.min.x + view.pan.x, frame.min.y + view.pan.y);
  const float threshold = io.MouseDragThreshold;
  frame.clicked = frame.hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
                  io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < threshold * threshold;
  ImGui::GetWindowDrawList()->PushClipRect(frame.min, frame.max, true);
  return frame;
}

void EndCanvas(const CanvasFrame& frame, CanvasView& view, const char* follow_label) {
  ImGui::GetWindowDrawList()->PopClipRect();
  if (view.follow && view.zoom == 1.f) return;
  // Put the cursor back afterwards without growing the window's content (SetCursorScreenPos
  // would, by the item spacing below the canvas, and give the panel a scroll bar).
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImVec2 saved = window->DC.CursorPos, saved_max = window->DC.CursorMaxPos;
  const ImVec2 label = ImGui::CalcTextSize(follow_label);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = label.x + style.FramePadding.x * 2.f;
  ImGui::SetCursorScreenPos(ImVec2(frame.max.x - width - 4.f, frame.min.y + 4.f));
  ImGui::PushID(&view);
  if (ImGui::SmallButton(follow_label)) {
    view.follow = true;
    view.zoom = 1.f;
  }
  ImGui::PopID();
  window->DC.CursorPos = saved;
  window->DC.CursorMaxPos = saved_max;
}

}  // namespace convstep::gui
