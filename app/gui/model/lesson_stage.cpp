#include "model/lesson_stage.h"

namespace convstep::gui {

Result<std::vector<StagePanel>> StageFromJson(const nlohmann::json& chapter, const char* key) {
  std::vector<StagePanel> stage;
  if (!chapter.contains(key)) return stage;
  const nlohmann::json& list = chapter[key];
  const std::string quoted = std::string("\"") + key + "\"";
  const std::string expected = quoted + " must be a list of [panel, share] pairs";
  if (!list.is_array()) return MakeError(expected, key, "e.g. [[\"input\", 0.3]]");
  for (const nlohmann::json& entry : list) {
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_number())
      return MakeError(expected + ", not " + entry.dump(), key, "e.g. [\"kernel\", 0.7]");
    StagePanel panel{entry[0].get<std::string>(), entry[1].get<float>()};
    if (!IsStagePanel(panel.panel))
      return MakeError(quoted + " names no step-by-step panel: \"" + panel.panel + "\"", key,
                       "use input, permute, kernel, sliding_window, dot_product or output");
    if (!(panel.share > 0.f))
      return MakeError(quoted + ": the share of \"" + panel.panel + "\" must be positive, not " +
                           entry[1].dump(),
                       key, "e.g. 0.5");
    stage.push_back(panel);
  }
  return stage;
}

}  // namespace convstep::gui
