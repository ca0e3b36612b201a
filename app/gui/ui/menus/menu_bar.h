// The main menu bar: File (presets, quit), View (panels, text size, numbers), Help (keys,
// about). Ctrl + / Ctrl − / Ctrl 0 change the text size from anywhere.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the menu bar and the About window; returns the bar's height.
float DrawMenuBar(const Frame& frame, AppState& app);

/// Applies Ctrl + / Ctrl − / Ctrl 0 (text size) and F11-free presentation toggles.
void HandleMenuKeys(AppState& app);

}  // namespace convstep::gui
