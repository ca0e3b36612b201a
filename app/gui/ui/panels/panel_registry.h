// The panel registry: one row per panel of the main window, the only place a panel's identity
// lives. DrawUi draws the rows in order, the View menu lists the rows that can be hidden, the
// view JSON of session and settings files names them by id, a lesson chapter's focus finds its
// rectangle, and the exporter crops to them. Adding a panel: its pair of files in panels/ and
// one row in panel_registry.cpp.
#pragma once

#include <string>
#include <vector>

#include "state/app_state.h"
#include "ui/frame.h"
#include "ui/layout.h"

namespace convstep::gui {

/// One panel.
struct PanelEntry {
  const char* id;                ///< stable name: saved sessions' "panels", a chapter's "focus"
  const char* alias;             ///< an older name that still works (nullptr: none)
  const char* title_key;         ///< translation key of its title (and of its View menu item)
  bool PanelVisibility::*shown;  ///< its View menu flag (nullptr: tabs choose it, not the menu)
  PanelRect Layout::*rect;       ///< where ComputeLayout puts it
  void (*draw)(const Frame& frame, AppState& app);
  const char* window_id;  ///< its Dear ImGui window's "###id" (the exporter's crop)
};

/// Every panel, in drawing order.
const std::vector<PanelEntry>& PanelRegistry();

/// The panel named `id` or by its alias, or nullptr.
const PanelEntry* FindPanel(const std::string& id);

/// The rectangle in `layout` of the panel a lesson chapter's `focus` names (nullptr when no
/// panel has that name, e.g. "forgot_permute", a window).
const PanelRect* FocusRect(const Layout& layout, const std::string& focus);

}  // namespace convstep::gui
