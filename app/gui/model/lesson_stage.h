// A lesson chapter's "stage" in chapters.json: the panels the chapter shows large, side by side
// (the layout is stage_layout.h). No Dear ImGui: the lesson data reads it.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "convstep/result.h"
#include "model/stage_panels.h"

namespace convstep::gui {

/// The chapter object's optional list `key` ("stage", or "present" for presentation mode): a
/// list of [panel, share] pairs (shares > 0; panel one of kStagePanelNames). Errors name the
/// entry.
Result<std::vector<StagePanel>> StageFromJson(const nlohmann::json& chapter,
                                              const char* key = "stage");

}  // namespace convstep::gui
