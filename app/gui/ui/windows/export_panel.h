// Taking the pictures and the session with you: File → Save session (a path field), File →
// Export (a PNG of the window, or a range of steps as an animated GIF or numbered PNGs: the
// granularity, the delay, the whole window or just the sliding-window and dot-product panels,
// the window's size or a chosen one), and the progress window with Cancel while it runs.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Opens the save window (Save as…), or saves at once to the current file (`ask` false and a
/// current file exists).
void ShowSaveSession(AppState& app, bool ask);

/// Opens the export window with the current step as the start of the range.
void ShowExport(AppState& app);

/// Draws the save and export windows when open, and the progress window while an export runs.
void DrawExportWindows(const Frame& frame, AppState& app);

/// While an export runs, the picture must not react to the pointer: hides it from ImGui unless
/// it is over the progress window (call after the platform's NewFrame, before ImGui's).
void HidePointerDuringExport(AppState& app);

}  // namespace convstep::gui
