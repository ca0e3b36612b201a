// A lesson chapter's stage: the panels the chapter talks about fill the step-by-step area,
// side by side and large enough to read from the back of a classroom; panels it has not
// introduced yet are hidden (chapters.json: "stage": [["input", 0.3], ["kernel", 0.7]]).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_state.h"
#include "convstep/result.h"
#include "layout.h"

namespace convstep::gui {

/// The chapter object's optional "stage": a list of [panel, share] pairs (shares > 0; panel
/// one of input, permute, kernel, sliding_window, dot_product, output). Errors name the entry.
Result<std::vector<StagePanel>> StageFromJson(const nlohmann::json& chapter);

/// True when `panel` names a step-by-step panel a stage can show (input, permute, kernel,
/// sliding_window, dot_product, output).
bool IsStagePanel(const std::string& panel);

/// Re-tiles the step-by-step area of `layout` for `stage`: its panels side by side over the
/// whole area (from under the shape strip to the timeline), in order and by share; the other
/// step-by-step panels hidden. Panels `show` hides stay hidden.
void TileStage(Layout& layout, const std::vector<StagePanel>& stage, const PanelVisibility& show);

/// TileStage for the open chapter while the lesson tab is shown and the step-by-step view is
/// on; otherwise leaves `layout` as it is.
void ApplyLessonStage(const AppState& app, Layout& layout);

}  // namespace convstep::gui
