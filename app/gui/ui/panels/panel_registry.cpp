#include "ui/panels/panel_registry.h"

#include "ui/panels/code_panel.h"
#include "ui/panels/conv2d_panel.h"
#include "ui/panels/dot_product_panel.h"
#include "ui/panels/formula_panel.h"
#include "ui/panels/input_panel.h"
#include "ui/panels/kernel_panel.h"
#include "ui/panels/lesson_panel.h"
#include "ui/panels/matmul_panel.h"
#include "ui/panels/output_panel.h"
#include "ui/panels/parameters_panel.h"
#include "ui/panels/permute_panel.h"
#include "ui/panels/sentences_panel.h"
#include "ui/panels/tabs_panel.h"
#include "ui/panels/timeline_panel.h"
#include "ui/panels/window_panel.h"

namespace convstep::gui {

const std::vector<PanelEntry>& PanelRegistry() {
  using V = PanelVisibility;
  static const std::vector<PanelEntry> panels = {
      // id, alias, title key, View menu flag, rectangle, draw, window id
      {"side_tabs", nullptr, "tab.parameters", nullptr, &Layout::side_tabs, DrawSideTabs, nullptr},
      {"view_tabs", nullptr, "tab.steps", nullptr, &Layout::view_tabs, DrawViewTabs, nullptr},
      {"lesson", nullptr, "tab.lesson", nullptr, &Layout::lesson, DrawLessonPanel, nullptr},
      {"parameters", nullptr, "panel.parameters", &V::parameters, &Layout::parameters,
       DrawParametersPanel, nullptr},
      {"sentences", nullptr, "tab.sentences", nullptr, &Layout::sentences, DrawSentencesPanel,
       nullptr},
      {"code", nullptr, "tab.code", nullptr, &Layout::code, DrawCodePanel, nullptr},
      {"conv2d", nullptr, "tab.conv2d", nullptr, &Layout::conv2d, DrawConv2dPanel, nullptr},
      {"matmul", nullptr, "tab.matmul", nullptr, &Layout::matmul, DrawMatmulPanel, nullptr},
      {"formula", nullptr, "menu.formula", &V::formula, &Layout::formula, DrawFormulaPanel,
       "###formula_strip"},
      {"input", nullptr, "panel.input", &V::input, &Layout::input, DrawInputPanel,
       "###panel.input"},
      {"permute", nullptr, "panel.permute", &V::permute, &Layout::permute, DrawPermutePanel,
       "###panel.permute"},
      {"kernels", "kernel", "panel.kernels", &V::kernels, &Layout::kernels, DrawKernelPanel,
       "###panel.kernels"},
      {"window", "sliding_window", "panel.window", &V::window, &Layout::window, DrawWindowPanel,
       "###panel.window"},
      {"dot_product", nullptr, "panel.dot_product", &V::dot_product, &Layout::dot_product,
       DrawDotProductPanel, "###panel.dot_product"},
      {"output", nullptr, "panel.output", &V::output, &Layout::output, DrawOutputPanel,
       "###panel.output"},
      {"timeline", nullptr, "menu.timeline", &V::timeline, &Layout::timeline, DrawTimelinePanel,
       "###timeline"},
  };
  return panels;
}

const PanelEntry* FindPanel(const std::string& id) {
  for (const PanelEntry& panel : PanelRegistry())
    if (id == panel.id || (panel.alias && id == panel.alias)) return &panel;
  return nullptr;
}

const PanelRect* FocusRect(const Layout& layout, const std::string& focus) {
  const PanelEntry* panel = FindPanel(focus);
  return panel ? &(layout.*panel->rect) : nullptr;
}

std::vector<PanelFlag> HideablePanels() {
  std::vector<PanelFlag> flags;
  for (const PanelEntry& panel : PanelRegistry())
    if (panel.shown) flags.push_back(PanelFlag{panel.id, panel.alias, panel.shown});
  return flags;
}

}  // namespace convstep::gui
