// The step-by-step panels a lesson chapter's stage or a slide-sized picture (--region) can
// show, by name. Header-only and free of Dear ImGui: the lesson data and the command line
// read these names too.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace convstep::gui {

/// A panel a chapter puts on its stage, with its share of the stage's width.
struct StagePanel {
  std::string panel;  ///< "input", "permute", "kernel", "sliding_window", "dot_product", "output"
  float share = 1.f;  ///< its part of the width (the shares of a stage are normalised)
};

/// The names, in the order of the computation.
inline constexpr const char* kStagePanelNames[] = {"input",          "permute",     "kernel",
                                                   "sliding_window", "dot_product", "output"};

/// True when `panel` names a step-by-step panel (one of kStagePanelNames).
inline bool IsStagePanel(const std::string& panel) {
  return std::any_of(std::begin(kStagePanelNames), std::end(kStagePanelNames),
                     [&](const char* name) { return panel == name; });
}

/// Reads --region's list of panels ("kernel", "sliding_window,dot_product"): true and the
/// panels when every name is a step-by-step panel; false (and `panels` unchanged) otherwise
/// ("window" and "panels" are the export's own regions, not lists).
inline bool ParseRegionPanels(const std::string& text, std::vector<std::string>* panels) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    names.push_back(text.substr(start, comma - start));
    if (!IsStagePanel(names.back())) return false;
    start = comma + 1;
  }
  *panels = std::move(names);
  return true;
}

}  // namespace convstep::gui
