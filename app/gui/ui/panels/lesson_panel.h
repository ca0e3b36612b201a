// Lesson panel (side column, "Lesson" tab): the chapter list, the current chapter's title and
// narration, previous / next, and, when the student has left the script to experiment, a way
// back. Also the outline around the panel a chapter talks about.
#pragma once

#include "state/app_state.h"
#include "ui/frame.h"

namespace convstep::gui {

/// Draws the lesson panel in frame.layout.lesson.
void DrawLessonPanel(const Frame& frame, AppState& app);

/// Outlines the panel the current chapter focuses on (while the student follows the script).
void DrawLessonFocus(const Frame& frame, const AppState& app);

}  // namespace convstep::gui
