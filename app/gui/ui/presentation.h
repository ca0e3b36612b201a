// Presentation mode: full screen, the current chapter's one or two panels fill the screen under
// a large narration band, text twice as large (digits at least 3% of the screen's height at
// 1920x1080), clicker keys (PageDown / PageUp turn chapters), B blanks the screen, P shows a
// highlight that follows the pointer, Esc or F5 leaves.
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

/// The panels presentation mode shows: the --region panels (equal shares); else the open
/// chapter's stage panels that have more than
/// 0.4 of its width (one or two), else the sliding window and the dot product.
std::vector<StagePanel> PresentedPanels(const AppState& app);

/// The narration band's rectangle at the top of the screen.
PanelRect NarrationRect(ImVec2 display, float font_size);

/// While presenting: every panel hidden but PresentedPanels, which fill the screen under the
/// narration band. Otherwise leaves `layout` as it is.
void ApplyPresentationLayout(const AppState& app, Layout& layout, ImVec2 display);

/// While presenting: the narration band, the pointer highlight and the blank screen.
void DrawPresentation(const Frame& frame, AppState& app);

}  // namespace convstep::gui
