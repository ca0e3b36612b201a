// A lesson chapter's stage: the panels the chapter talks about fill the step-by-step area,
// side by side and large enough to read from the back of a classroom; panels it has not
// introduced yet are hidden (chapters.json: "stage": [["input", 0.3], ["kernel", 0.7]]).
#pragma once

#include <string>
#include <vector>

#include "state/app_state.h"
#include "ui/layout.h"

namespace convstep::gui {

/// Re-tiles the step-by-step area of `layout` for `stage`: its panels side by side over the
/// whole area (from under the shape strip to the timeline), in order and by share; the other
/// step-by-step panels hidden. Panels `show` hides stay hidden.
void TileStage(Layout& layout, const std::vector<StagePanel>& stage, const PanelVisibility& show);

/// TileStage for the open chapter while the lesson tab is shown and the step-by-step view is
/// on; otherwise leaves `layout` as it is.
void ApplyLessonStage(const AppState& app, Layout& layout);

}  // namespace convstep::gui
