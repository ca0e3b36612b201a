// Frame: what every panel reads during one frame, computed once at its start.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include <imgui.h>

#include "convstep/walkthrough.h"
#include "model/hover.h"
#include "model/session.h"
#include "ui/draw/colormap.h"
#include "ui/fonts.h"
#include "ui/layout.h"

namespace convstep::gui {

struct AppState;

/// One frame's read-only inputs for the panels.
struct Frame {
  float dt = 0.f;                             ///< seconds since the previous frame
  ImVec2 display{0, 0};                       ///< display size in pixels
  Layout layout;                              ///< where each panel goes
  std::shared_ptr<const Session> session;     ///< the session this frame draws
  std::optional<StepState> step;              ///< the current step (none when nothing to compute)
  int64_t step_count = 0;                     ///< steps at the current granularity
  TapCoord coord;                             ///< the current tap
  float window_start = 0.f;                   ///< the kernel frame's (sliding) window start
  const Highlight* highlight = nullptr;       ///< hover / pin highlight (never null)
  FontSet fonts;                              ///< faces for numbers and titles
  ColorMap colormap = ColorMap::kBlueOrange;  ///< the value colours (View → Colour map)

  const Geometry& geometry() const { return session->geometry; }
};

/// Computes the frame: current step state, the frame's tween position, hover highlight and
/// layout (below a menu bar of `menu_height`).
Frame MakeFrame(AppState& app, float dt, ImVec2 display, float menu_height);

}  // namespace convstep::gui
