// Media-control icons drawn with shapes (no icon font needed): play, pause, step, skip.
#pragma once

#include <imgui.h>

namespace convstep::gui {

/// The icons of the timeline's buttons.
enum class Icon { kPlay, kPause, kStepBack, kStepForward, kToStart, kToEnd };

/// A square button of side `size` showing `icon`; returns true when clicked. `tooltip` shows
/// on hover (may be null).
bool IconButton(const char* id, Icon icon, float size, const char* tooltip);

}  // namespace convstep::gui
