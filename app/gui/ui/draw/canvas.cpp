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

// The window storage key under which a canvas records the frame it last overflowed in.
const ImGuiID kScrollsKey = ImHashStr("convstep.canvas_scrolls");

// Thin scroll bars along the canvas' right and bottom edges for content larger than the view:
// where the view is in the content (the canvas pans by dragging).
void DrawScrollBars(ImDrawList* draw, const CanvasFrame& frame, ImVec2 size, ImVec2 content,
                    ImVec2 pan) {
  const float thickness = std::max(4.f, std::round(ImGui::GetFontSize() * 0.3f));
  const ImU32 track = IM_COL32(0, 0, 0, 20), thumb = IM_COL32(90, 90, 100, 170);
  if (content.x > size.x + 0.5f) {
    const float y = frame.max.y - thickness;
    const float begin = frame.min.x + size.x * (-pan.x / content.x);
    const float end = frame.min.x + size.x * ((size.x - pan.x) / content.x);
    draw->AddRectFilled(ImVec2(frame.min.x, y), ImVec2(frame.max.x, frame.max.y), track);
    draw->AddRectFilled(ImVec2(begin, y), ImVec2(end, frame.max.y), thumb, thickness * 0.5f);
  }
  if (content.y > size.y + 0.5f) {
    const float x = frame.max.x - thickness;
    const float begin = frame.min.y + size.y * (-pan.y / content.y);
    const float end = frame.min.y + size.y * ((size.y - pan.y) / content.y);
    draw->AddRectFilled(ImVec2(x, frame.min.y), ImVec2(frame.max.x, frame.max.y), track);
    draw->AddRectFilled(ImVec2(x, begin), ImVec2(frame.max.x, end), thumb, thickness * 0.5f);
  }
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
  frame.size = size;
  frame.content = content;
  frame.pan = view.pan;
  if (content.x > size.x + 0.5f || content.y > size.y + 0.5f)
    ImGui::GetCurrentWindow()->StateStorage.SetInt(kScrollsKey, ImGui::GetFrameCount());
  const float threshold = io.MouseDragThreshold;
  frame.clicked = frame.hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
                  io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < threshold * threshold;
  ImGui::GetWindowDrawList()->PushClipRect(frame.min, frame.max, true);
  return frame;
}

bool CanvasScrolls(ImGuiWindow* window) {
  return window->StateStorage.GetInt(kScrollsKey, -1) == ImGui::GetFrameCount();
}

void EndCanvas(const CanvasFrame& frame, CanvasView& view, const char* follow_label) {
  DrawScrollBars(ImGui::GetWindowDrawList(), frame, frame.size, frame.content, frame.pan);
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
