// The menu items and keys of the files feature (numbers in, pictures and sessions out), drawn
// inside menu_bar.cpp's menus: File (open, paste, save, export), Edit (undo, edit values, copy as
// print(tensor)), View → Colour map; and the one call that draws every files window
// (DrawFileWindows, from ui.cpp).
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// File menu items: Open…, Paste tensor…, Save session, Save session as…, Export….
void DrawFileMenuItems(AppState& app);

/// The Edit menu (a whole menu): undo, edit values, copy as print(tensor), Copy link.
void DrawEditMenu(AppState& app);

/// Edit → Copy link: puts PageUrlWithoutFragment() + "#" + ShareFragment(app) on the clipboard
/// (on the desktop just "#...", which `convstep --link` opens) and says so in app.notice.
void CopyShareLink(AppState& app);

/// View → Colour map (a submenu).
void DrawColorMapMenu(AppState& app);

/// Ctrl+O open, Ctrl+S save, Ctrl+Shift+S save as, Ctrl+E export, Ctrl+Z undo, Ctrl+V paste
/// (when no text field has the keyboard).
void HandleFileKeys(AppState& app);

/// Handles dropped files and draws the import, values, cell-editor, save, export, progress
/// and restore windows.
void DrawFileWindows(const Frame& frame, AppState& app);

}  // namespace convstep::gui
