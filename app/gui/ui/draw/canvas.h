// Pan / zoom drawing areas. A panel lays its cells out at a natural size times `zoom`, asks
// for a canvas, and draws only what falls inside it. Drag pans, the wheel zooms around the
// pointer, a double-click returns to the natural size. "Follow" keeps the current step in view
// until the user pans away.
#pragma once

#include <imgui.h>

struct ImGuiWindow;

#include "state/view_state.h"

namespace convstep::gui {

/// One frame of a canvas.
struct CanvasFrame {
  ImVec2 min, max;            ///< screen rectangle of the drawing area
  ImVec2 origin;              ///< screen position of content (0, 0)
  bool hovered = false;       ///< the pointer is over the canvas (and nothing above it)
  bool clicked = false;       ///< left button released here without dragging
  ImVec2 size, content, pan;  ///< the view's size, the content's size and the pan this frame
};

/// Begins a canvas of `size` at the cursor for content of `content` pixels (at the current
/// zoom); content that fits is centred horizontally and kept at the top. With `focus` (content
/// coordinates, min and max) and view.follow, the view scrolls to keep it visible. Pushes a clip
/// rectangle; call EndCanvas.
CanvasFrame BeginCanvas(const char* id, CanvasView& view, ImVec2 size, ImVec2 content,
                        const ImVec2* focus_min = nullptr, const ImVec2* focus_max = nullptr);

/// True when a canvas drawn in `window` this frame held more than it shows (it pans: the
/// panel scrolls, with scroll bars drawn along the canvas edges).
bool CanvasScrolls(ImGuiWindow* window);

/// Ends a canvas: pops the clip rectangle and, when the user panned away from the current
/// step, offers a "follow" button (labelled `follow_label`).
void EndCanvas(const CanvasFrame& frame, CanvasView& view, const char* follow_label);

}  // namespace convstep::gui
