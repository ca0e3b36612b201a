// Timeline panel: play / pause, step back / forward, start / end, a scrub bar over every step
// (batch items marked), speed 0.25x–16x and the granularity (tap, window, row, batch).
// Keys: Space, ← →, Home / End, + / − (handled by HandleTimelineKeys).
#pragma once

#include <string>

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Where the step is within the unit one step covers at `granularity`, for the timeline's
/// label: "product 3 of 6" (tap), "window 2 of 4" (the row's output positions), "row 5 of 8"
/// (the batch item's output channels), "batch item 2 of 6".
std::string StepUnitText(const I18n& i18n, Granularity granularity, const Geometry& g,
                         const StepState& step);

/// Draws the timeline panel in frame.layout.timeline.
void DrawTimelinePanel(const Frame& frame, AppState& app);

/// Applies the timeline's keys (Space, ← →, Home End, + −, Escape unpins) unless a text field
/// has the keyboard. Call once per frame, before the panels.
void HandleTimelineKeys(AppState& app);

}  // namespace convstep::gui
