// The sliding-window panel's parts under its grid: ticks at every window start (stride jumps
// as arcs) and the current kernel's weights sliding along, one column under each tap.
#pragma once

#include <cstdint>

#include <imgui.h>

#include "state/app_state.h"
#include "ui/draw/labeled_grid.h"
#include "ui/frame.h"

namespace convstep::gui {

/// What the sliding-window panel's pieces share for one frame.
struct WindowView {
  const Frame& frame;
  const Session& session;
  const Geometry& g;
  AppState& app;
  ImDrawList* draw;
  LabeledGrid lg;        ///< the padded input's cells
  int64_t n = 0;         ///< the batch item shown
  float arrows_h = 0.f;  ///< height of the band above the labels holding ghost arrows
};

/// Draws a tick under the grid at every window start t * stride from `y` down (done, current,
/// still to come; thinned out when they would crowd). Returns the height used.
float DrawWindowTicks(const WindowView& v, float y);

/// Draws the current kernel's weights from `top` down, one column under each tap, sliding with
/// the frame: the picture of "x times w". Zoomed out, channels (and taps) merge into blocks of
/// their mean. Returns the weight under the pointer (when `hovered`), if any.
HoverTarget DrawKernelStrip(const WindowView& v, float top, const CellText& text, bool hovered);

}  // namespace convstep::gui
