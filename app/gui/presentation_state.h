// Presentation mode's state (F5, --present, View → Presentation mode).
#pragma once

namespace convstep::gui {

/// What presentation mode shows; the platform makes the window full screen while `on`.
struct PresentationState {
  bool on = false;       ///< the chapter's panels fill the screen, the narration is large
  bool blank = false;    ///< B: the screen is black (the class looks at the teacher)
  bool pointer = false;  ///< P: a highlight follows the pointer
};

}  // namespace convstep::gui
