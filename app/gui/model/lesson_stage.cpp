#include "model/lesson_stage.h"

namespace convstep::gui {

Result<std::vector<StagePanel>> StageFromJson(const nlohmann::json& chapter) {
  std::vector<StagePanel> stage;
  if (!chapter.contains("stage")) return stage;
  const nlohmann::json& list = chapter["stage"];
  const std::string expected = "\"stage\" must be a list of [panel, share] pairs";
  if (!list.is_array()) return MakeError(expected, "stage", "e.g. [[\"input\", 0.3]]");
  for (const nlohmann::json& entry : list) {
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_number())
      return MakeError(expected + ", not " + entry.dump(), "stage", "e.g. [\"kernel\", 0.7]");
    StagePanel panel{entry[0].get<std::string>(), entry[1].get<float>()};
    if (!IsStagePanel(panel.panel))
      return MakeError("\"stage\" names no step-by-step panel: \"" + panel.panel + "\"", "stage",
                       "use input, permute, kernel, sliding_window, dot_product or output");
    if (!(panel.share > 0.f))
      return MakeError("\"stage\": the share of \"" + panel.panel + "\" must be positive, not " +
                           entry[1].dump(),
                       "stage", "e.g. 0.5");
    stage.push_back(panel);
  }
  return stage;
}

}  // namespace convstep::gui
