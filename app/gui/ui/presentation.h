// Presentation mode: full screen, the current chapter's one or two panels fill the screen beside
// or under a large narration, text 2.4 times as large and following the screen's height (digits
// at least 3% of it at 1920x1080, 1366x768 and on a 4:3 projector, 1024x768), clicker keys
// (PageDown / PageUp turn chapters), B blanks the screen, P shows a highlight that follows the
// pointer, Esc or F5 leaves.
#pragma once

#include <string>
#include <vector>

#include "state/app_state.h"
#include "state/presentation_mode.h"
#include "ui/frame.h"
#include "ui/layout.h"

namespace convstep::gui {

/// F5 toggles; while presenting: Esc leaves, B blanks, P toggles the pointer highlight.
/// (PageDown / PageUp are the lesson's: QueueLessonKey.)
void HandlePresentationKeys(AppState& app);

/// The panels presentation mode shows: the --region panels (equal shares); else none when a view
/// other than the step-by-step one is open (that view fills the stage); else the open chapter's
/// "present" panels, or its stage panels that have more than 0.4 of its width (one or two), else
/// the sliding window and the dot product. On a `display` narrower than 3:2 (a 4:3 projector) the
/// dot product is presented alone: its table at a readable size takes the whole width.
std::vector<StagePanel> PresentedPanels(const AppState& app, ImVec2 display);

/// The narration's rectangle: a column on the left when the output alone is presented, else a band
/// across the top (empty for a --region slide).
PanelRect NarrationRect(const AppState& app, ImVec2 display, float font_size);

/// While presenting: every panel hidden but PresentedPanels, which fill the screen beside or
/// under the narration. Otherwise leaves `layout` as it is.
void ApplyPresentationLayout(const AppState& app, Layout& layout, ImVec2 display);

/// While presenting: the narration band, the pointer highlight and the blank screen.
void DrawPresentation(const Frame& frame, AppState& app);

}  // namespace convstep::gui
