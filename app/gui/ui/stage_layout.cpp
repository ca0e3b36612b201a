#include "ui/stage_layout.h"

#include <cmath>

#include "state/lesson.h"

namespace convstep::gui {
namespace {

// The panel of `layout` a stage entry names, and whether `show` lets it be seen.
PanelRect* StageRect(Layout& layout, const std::string& panel, const PanelVisibility& show,
                     bool* shown) {
  struct Entry {
    const char* name;
    PanelRect Layout::*rect;
    bool PanelVisibility::*flag;
  };
  static constexpr Entry kEntries[] = {
      {"input", &Layout::input, &PanelVisibility::input},
      {"permute", &Layout::permute, &PanelVisibility::permute},
      {"kernel", &Layout::kernels, &PanelVisibility::kernels},
      {"sliding_window", &Layout::window, &PanelVisibility::window},
      {"dot_product", &Layout::dot_product, &PanelVisibility::dot_product},
      {"output", &Layout::output, &PanelVisibility::output},
  };
  for (const Entry& entry : kEntries) {
    if (panel != entry.name) continue;
    *shown = show.*entry.flag;
    return &(layout.*entry.rect);
  }
  return nullptr;
}

}  // namespace

void TileStage(Layout& layout, const std::vector<StagePanel>& stage, const PanelVisibility& show) {
  if (stage.empty()) return;
  // The step-by-step area: from the first row's top to the second row's bottom.
  const PanelRect* rows[] = {&layout.input,  &layout.permute,     &layout.kernels,
                             &layout.window, &layout.dot_product, &layout.output};
  float top = 0.f, bottom = 0.f;
  bool any = false;
  for (const PanelRect* rect : rows) {
    if (rect->size.x <= 0.f && rect->size.y <= 0.f) continue;
    top = any ? std::min(top, rect->pos.y) : rect->pos.y;
    bottom = any ? std::max(bottom, rect->pos.y + rect->size.y) : rect->pos.y + rect->size.y;
    any = true;
  }
  if (!any) return;
  const float x0 = layout.view_tabs.pos.x, width = layout.view_tabs.size.x;
  float total = 0.f;
  for (const StagePanel& panel : stage) {
    bool shown = false;
    if (StageRect(layout, panel.panel, show, &shown) && shown) total += panel.share;
  }
  if (total <= 0.f) return;  // the View menu hides every panel of the stage: keep the tiling
  for (PanelRect* rect : {&layout.input, &layout.permute, &layout.kernels, &layout.window,
                          &layout.dot_product, &layout.output})
    rect->visible = false;
  float x = x0;
  for (const StagePanel& panel : stage) {
    bool shown = false;
    PanelRect* rect = StageRect(layout, panel.panel, show, &shown);
    if (!rect || !shown) continue;
    const float w = width * panel.share / total;
    rect->pos = ImVec2(std::floor(x), std::floor(top));
    rect->size = ImVec2(std::floor(x + w) - std::floor(x), std::floor(bottom - top));
    rect->visible = rect->size.x > 1.f && rect->size.y > 1.f;
    x += w;
  }
}

void ApplyLessonStage(const AppState& app, Layout& layout) {
  const PanelVisibility& show = app.view.show;
  if (!show.parameters || show.side != SideTab::kLesson || show.view != MainView::kSteps) return;
  const Chapter* chapter = CurrentChapter(app);
  if (chapter) TileStage(layout, chapter->stage, show);
}

}  // namespace convstep::gui
