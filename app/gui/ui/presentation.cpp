#include "ui/presentation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "state/lesson.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/draw/wrap_text.h"
#include "ui/stage_layout.h"

namespace convstep::gui {
namespace {

// GLFW key codes (the GLFW backend's io.KeysDown indices).
constexpr int kKeyF5 = 294;
constexpr int kKeyEscape = 256;
constexpr int kKeyB = 66;
constexpr int kKeyP = 80;

// The width the output panel needs for every position's column at its natural cell size: the
// row labels ("o=7"), the stacked batch cards' offset and the cells (as the output panel lays
// them out) and the window's padding (its rows fit the height: no scrollbar).
float OutputPanelWidth(const AppState& app) {
  if (!app.session) return 0.f;
  const Geometry& g = app.session->geometry;
  char widest[32];
  std::snprintf(widest, sizeof widest, "o=%lld", static_cast<long long>(g.out_channels - 1));
  const float row_label_w = ImGui::CalcTextSize(widest).x + 12.f;
  const float cards = static_cast<float>(std::clamp<int64_t>(g.batch - 1, 0, 4)) * 5.f + 2.f;
  const float cells = static_cast<float>(g.out_length) * ValueCellSize(app.session->output_style).x;
  const ImGuiStyle& style = ImGui::GetStyle();
  return row_label_w + cards + cells + style.WindowPadding.x * 2.f + 4.f;
}

}  // namespace

void HandlePresentationKeys(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt) return;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(kKeyF5)) SetPresenting(app, !app.present.on);
  if (!app.present.on) return;
  if (pressed(kKeyEscape)) SetPresenting(app, false);
  if (pressed(kKeyB)) app.present.blank = !app.present.blank;
  if (pressed(kKeyP)) app.present.pointer = !app.present.pointer;
}

std::vector<StagePanel> PresentedPanels(const AppState& app, ImVec2 display) {
  std::vector<StagePanel> panels;
  for (const std::string& panel : app.present.region) panels.push_back({panel, 1.f});
  if (!panels.empty()) return panels;
  if (app.view.show.view != MainView::kSteps) return panels;  // the view itself is presented
  const Chapter* chapter = CurrentChapter(app);
  if (chapter && !chapter->present.empty()) panels = chapter->present;
  if (chapter && panels.empty())
    for (const StagePanel& panel : chapter->stage)
      if (panel.share > 0.4f) panels.push_back(panel);
  if (panels.empty()) panels = {{"sliding_window", 0.45f}, {"dot_product", 0.55f}};
  // A 4:3 screen has no room for the dot product's table beside another panel with digits 3% of
  // its height (the table alone needs three quarters of 1024 px, the sliding window's cells with
  // their numbers half), and none for the two one above the other under the narration: the
  // table, which names each row's input channel and tap, is presented alone.
  const bool narrow_screen = display.x < display.y * 1.5f;
  const bool has_dot_product =
      std::any_of(panels.begin(), panels.end(),
                  [](const StagePanel& panel) { return panel.panel == "dot_product"; });
  if (narrow_screen && has_dot_product && panels.size() > 1) panels = {{"dot_product", 1.f}};
  return panels;
}

PanelRect NarrationRect(const AppState& app, ImVec2 display, float font_size) {
  PanelRect rect;
  rect.pos = ImVec2(0.f, 0.f);
  rect.visible = true;
  rect.title_bar = false;
  if (!app.present.region.empty()) return rect;  // a slide-sized picture: the panels alone
  const std::vector<StagePanel> panels = PresentedPanels(app, display);
  const ImGuiStyle& style = ImGui::GetStyle();
  if (panels.size() == 1 && panels.front().panel == "output") {
    // The output alone (out_channels rows of a few positions): its grid is bound by the
    // screen's height, so the narration takes a column on the left and the grid all the height;
    // on a 4:3 screen the column is narrower, so that every position's column shows.
    const float column = std::round(display.x * 0.34f);
    const float output = OutputPanelWidth(app);
    rect.size =
        ImVec2(std::clamp(display.x - output, std::round(display.x * 0.22f), column), display.y);
    return rect;
  }
  // Two panels side by side: a title and three to four lines of narration in the UI face
  // (already 2.4 times its usual size) above them, at most a quarter of the screen; the band
  // ends under a whole line (no line cut in half at its bottom). Longer narration scrolls.
  const float cap = std::min(display.y * 0.25f, font_size * 1.2f * 5.2f);
  const float line = font_size + style.ItemSpacing.y;  // a line of TextWrappedCjk
  const float lines =
      std::max(2.f, std::round((cap - style.WindowPadding.y + style.ItemSpacing.y) / line));
  rect.size = ImVec2(display.x,
                     std::round(style.WindowPadding.y + lines * line - style.ItemSpacing.y + 2.f));
  return rect;
}

void ApplyPresentationLayout(const AppState& app, Layout& layout, ImVec2 display) {
  if (!app.present.on) return;
  const PanelRect narration = NarrationRect(app, display, ImGui::GetFontSize());
  for (PanelRect* rect : {&layout.parameters, &layout.formula, &layout.input, &layout.permute,
                          &layout.kernels, &layout.window, &layout.dot_product, &layout.output,
                          &layout.timeline, &layout.side_tabs, &layout.view_tabs, &layout.lesson,
                          &layout.sentences, &layout.code, &layout.conv2d, &layout.matmul})
    *rect = PanelRect{};
  // The stage is the screen but the narration (TileStage takes the area from the step-by-step
  // rectangles and the width from the view tabs).
  const bool beside = narration.size.y >= display.y;
  const ImVec2 origin = beside ? ImVec2(narration.size.x, 0.f) : ImVec2(0.f, narration.size.y);
  layout.window.pos = origin;
  layout.window.size = ImVec2(display.x - origin.x, display.y - origin.y);
  layout.view_tabs.pos = origin;
  layout.view_tabs.size = ImVec2(display.x - origin.x, 0.f);
  PanelRect* view = app.view.show.view == MainView::kCode     ? &layout.code
                    : app.view.show.view == MainView::kConv2d ? &layout.conv2d
                    : app.view.show.view == MainView::kMatmul ? &layout.matmul
                                                              : nullptr;
  if (view && app.present.region.empty()) {  // Conv1d vs Conv2d, code, matrix multiply: all of it
    *view = layout.window;
    view->visible = true;
    view->title_bar = false;
    layout.window = PanelRect{};
    layout.view_tabs = PanelRect{};
    return;
  }
  PanelVisibility show;  // every step-by-step panel may be shown
  TileStage(layout, PresentedPanels(app, display), show);
  layout.view_tabs = PanelRect{};
}

void DrawPresentation(const Frame& frame, AppState& app) {
  if (!app.present.on) return;
  const PanelRect rect = NarrationRect(app, frame.display, ImGui::GetFontSize());
  if (!app.present.region.empty()) {  // a slide-sized picture: no narration
  } else if (BeginPanel("###presentation_narration", rect)) {
    const Chapter* chapter = CurrentChapter(app);
    if (chapter) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kKernelFrame));
      TextWrappedCjk(Tr(app.i18n, chapter->title_key.c_str()));
      ImGui::PopStyleColor();
      TextWrappedCjk(Tr(app.i18n, chapter->text_key.c_str()));
    } else {
      TextWrappedCjk(Tr(app.i18n, "present.no_chapter"));
    }
    EndPanel();
  } else {
    EndPanel();
  }
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  const ImGuiIO& io = ImGui::GetIO();
  if (app.present.pointer && ImGui::IsMousePosValid(&io.MousePos)) {
    const float radius = ImGui::GetFontSize() * 1.6f;
    draw->AddCircleFilled(io.MousePos, radius, IM_COL32(255, 220, 0, 70), 48);
    draw->AddCircle(io.MousePos, radius, IM_COL32(230, 150, 0, 200), 48, 3.f);
  }
  if (app.present.blank)
    draw->AddRectFilled(ImVec2(0.f, 0.f), frame.display, IM_COL32(0, 0, 0, 255));
}

}  // namespace convstep::gui
