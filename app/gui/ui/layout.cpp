#include "ui/layout.h"

#include <string>

#include <algorithm>
#include <cmath>
#include <cstring>

#include <imgui_internal.h>

namespace convstep::gui {
namespace {

PanelRect Rect(float x, float y, float w, float h, bool visible) {
  PanelRect rect;
  rect.pos = ImVec2(std::floor(x), std::floor(y));
  rect.size = ImVec2(std::floor(std::max(0.f, w)), std::floor(std::max(0.f, h)));
  rect.visible = visible && w > 1.f && h > 1.f;
  return rect;
}

// Splits `total` among the visible parts by weight.
void Split(float total, const bool* visible, const float* weight, int count, float* out) {
  float sum = 0.f;
  for (int i = 0; i < count; ++i) sum += visible[i] ? weight[i] : 0.f;
  for (int i = 0; i < count; ++i) out[i] = sum > 0.f && visible[i] ? total * weight[i] / sum : 0.f;
}

}  // namespace

Layout ComputeLayout(ImVec2 display, float menu_height, float font_size,
                     const PanelVisibility& show) {
  Layout layout;
  const float width = display.x;
  const float top = menu_height;
  const float timeline_h = show.timeline ? std::round(font_size * 4.4f) : 0.f;
  const float bottom = display.y - timeline_h;
  layout.timeline = Rect(0.f, bottom, width, timeline_h, show.timeline);

  const float params_w =
      show.parameters ? std::clamp(width * 0.22f, font_size * 15.f, font_size * 21.f) : 0.f;
  // A row of tabs under the menu bar: the side column's and the main area's.
  const float tabs_h = std::round(font_size * 1.5f);
  layout.side_tabs = Rect(0.f, top, params_w, tabs_h, show.parameters);
  const float side_top = top + tabs_h;
  const float side_h = bottom - side_top;
  layout.parameters =
      Rect(0.f, side_top, params_w, side_h, show.parameters && show.side == SideTab::kParameters);
  layout.lesson =
      Rect(0.f, side_top, params_w, side_h, show.parameters && show.side == SideTab::kLesson);
  layout.sentences =
      Rect(0.f, side_top, params_w, side_h, show.parameters && show.side == SideTab::kSentences);
  layout.parameters.title_bar = layout.lesson.title_bar = layout.sentences.title_bar = false;

  const float x0 = params_w;
  const float right_w = width - params_w;
  layout.view_tabs = Rect(x0, top, right_w, tabs_h, true);
  const float main_top = top + tabs_h;
  const float strip_h = show.formula ? std::round(font_size * 4.9f) : 0.f;
  layout.formula = Rect(x0, main_top, right_w, strip_h, show.formula);
  if (show.view != MainView::kSteps) {  // one view fills the area under the strip
    const float view_top = main_top + strip_h;
    layout.code = Rect(x0, view_top, right_w, bottom - view_top, show.view == MainView::kCode);
    layout.conv2d = Rect(x0, view_top, right_w, bottom - view_top, show.view == MainView::kConv2d);
    layout.matmul = Rect(x0, view_top, right_w, bottom - view_top, show.view == MainView::kMatmul);
    layout.code.title_bar = layout.conv2d.title_bar = layout.matmul.title_bar = false;
    return layout;
  }

  // Two rows that follow the computation: what goes in (input, permute, kernels), then how it
  // is combined (sliding window, dot product) and what comes out.
  const float area_top = main_top + strip_h;
  const float area_h = bottom - area_top;
  const bool row_a = show.input || show.permute || show.kernels;
  const bool row_b = show.window || show.dot_product || show.output;
  const float row_a_h = row_a ? (row_b ? std::round(area_h * 0.45f) : area_h) : 0.f;
  const float row_b_h = area_h - row_a_h;

  const bool a_visible[3] = {show.input, show.permute, show.kernels};
  const float a_weight[3] = {0.29f, 0.33f, 0.38f};
  float a_w[3];
  Split(right_w, a_visible, a_weight, 3, a_w);
  layout.input = Rect(x0, area_top, a_w[0], row_a_h, show.input);
  layout.permute = Rect(x0 + a_w[0], area_top, a_w[1], row_a_h, show.permute);
  layout.kernels = Rect(x0 + a_w[0] + a_w[1], area_top, a_w[2], row_a_h, show.kernels);

  const float b_top = area_top + row_a_h;
  const bool b_visible[3] = {show.window, show.dot_product, show.output};
  const float b_weight[3] = {0.37f, 0.32f, 0.31f};  // the output wide enough for L_out = 4
  float b_w[3];
  Split(right_w, b_visible, b_weight, 3, b_w);
  layout.window = Rect(x0, b_top, b_w[0], row_b_h, show.window);
  layout.dot_product = Rect(x0 + b_w[0], b_top, b_w[1], row_b_h, show.dot_product);
  layout.output = Rect(x0 + b_w[0] + b_w[1], b_top, b_w[2], row_b_h, show.output);
  return layout;
}

bool BeginPanel(const char* label, const PanelRect& rect, ImGuiWindowFlags extra_flags) {
  ImGui::SetNextWindowPos(rect.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(rect.size, ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 (rect.title_bar ? 0 : ImGuiWindowFlags_NoTitleBar) | extra_flags;
  // A title too long for its bar (a panel's name and its shape) keeps the name alone, and the
  // whole title shows on hover: no title is cut off.
  const char* id = std::strstr(label, "###");
  const std::string visible(label, id ? id : label + std::strlen(label));
  const size_t shape = visible.find("   ");
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool too_long =
      rect.title_bar && id && shape != std::string::npos &&
      ImGui::CalcTextSize(visible.c_str()).x + style.FramePadding.x * 2.f > rect.size.x - 1.f;
  if (!too_long) return ImGui::Begin(label, nullptr, flags);
  const bool open = ImGui::Begin((visible.substr(0, shape) + id).c_str(), nullptr, flags);
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (ImGui::IsMouseHoveringRect(window->TitleBarRect().Min, window->TitleBarRect().Max, false) &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
    ImGui::SetTooltip("%s", visible.c_str());
  return open;
}

void EndPanel() {
  ImGui::End();
}

void ScaleViewText(bool presenting) {
  ImGui::SetWindowFontScale(presenting ? 0.6f : 1.f);
}

}  // namespace convstep::gui
