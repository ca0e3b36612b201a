// The background build on screen: the View menu's memory budget field and the small
// "Computing..." indicator while a large edit is built off the UI thread (state/background.h).
#pragma once

namespace convstep::gui {

struct AppState;

/// The View menu's memory budget field (MiB; edits over it are refused with the size and
/// limit) and the threads of a big recompute.
void DrawMemoryBudgetMenu(AppState& app);

/// A small "Computing..." indicator at the bottom right while a build is pending.
void DrawBuildIndicator(AppState& app);

}  // namespace convstep::gui
