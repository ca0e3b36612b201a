// The row of tabs under the menu bar: the side column's (Lesson / Parameters / Sentences) and
// the main area's (Step by step / PyTorch code / Conv1d vs Conv2d). They stand in for title
// bars, so the tabs cost no room at 1280x720.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the side column's tabs in frame.layout.side_tabs; a click sets app.view.show.side.
void DrawSideTabs(const Frame& frame, AppState& app);

/// Draws the main area's tabs in frame.layout.view_tabs; a click sets app.view.show.view.
void DrawViewTabs(const Frame& frame, AppState& app);

}  // namespace convstep::gui
