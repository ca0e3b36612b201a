// Opening a window by name, for `convstep --open NAME` (screenshots and exports of a window the
// menus open: the Fit window, the tensor values, ...).
#pragma once

#include <string>
#include <vector>

#include "state/app_state.h"

namespace convstep::gui {

/// The names `--open` accepts, in the order `--help` lists them.
const std::vector<std::string>& OpenableWindowNames();

/// Opens the window called `name` (one of OpenableWindowNames) as its menu item would. False
/// (and nothing opened) for any other name.
bool OpenWindowNamed(AppState& app, const std::string& name);

}  // namespace convstep::gui
