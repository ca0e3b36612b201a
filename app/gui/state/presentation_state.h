// Presentation mode's state (F5, --present, View → Presentation mode).
#pragma once

#include <string>
#include <vector>

namespace convstep::gui {

/// What presentation mode shows; the platform makes the window full screen while `on`.
struct PresentationState {
  bool on = false;       ///< the chapter's panels fill the screen, the narration is large
  bool blank = false;    ///< B: the screen is black (the class looks at the teacher)
  bool pointer = false;  ///< P: a highlight follows the pointer
  /// A slide-sized picture (--region kernel,output): these panels fill the whole frame, with
  /// presentation mode's large text and no narration band.
  std::vector<std::string> region;
};

}  // namespace convstep::gui
