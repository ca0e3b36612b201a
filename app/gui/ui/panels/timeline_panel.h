// Timeline panel: play / pause, step back / forward, start / end, a scrub bar over every step
// (batch items marked), speed 0.25x–16x and the granularity (tap, window, row, batch).
// Keys: Space, ← →, Home / End, + / − (handled by HandleTimelineKeys).
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the timeline panel in frame.layout.timeline.
void DrawTimelinePanel(const Frame& frame, AppState& app);

/// Applies the timeline's keys (Space, ← →, Home End, + −, Escape unpins) unless a text field
/// has the keyboard. Call once per frame, before the panels.
void HandleTimelineKeys(AppState& app);

}  // namespace convstep::gui
