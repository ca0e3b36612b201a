#include "ui.h"

#include "frame.h"
#include "lesson.h"
#include "panels/code_panel.h"
#include "panels/conv2d_panel.h"
#include "panels/dot_product_panel.h"
#include "panels/forgot_permute_panel.h"
#include "panels/formula_panel.h"
#include "panels/input_panel.h"
#include "panels/io_menu.h"
#include "panels/kernel_panel.h"
#include "panels/lesson_panel.h"
#include "panels/menu_bar.h"
#include "panels/output_panel.h"
#include "panels/parameters_panel.h"
#include "panels/permute_panel.h"
#include "panels/sentences_panel.h"
#include "panels/tabs_panel.h"
#include "panels/timeline_panel.h"
#include "panels/window_panel.h"
#include "presentation.h"

namespace convstep::gui {

void DrawUi(AppState& app, float dt) {
  PollBuild(app);  // a finished background build is swapped in before anything is drawn
  HandleTimelineKeys(app);
  HandleMenuKeys(app);
  HandlePresentationKeys(app);
  HandleIoKeys(app);
  AdvanceAnimations(app, dt);
  AdvanceLesson(app);
  const ImGuiIO& io = ImGui::GetIO();
  const Frame frame = MakeFrame(app, dt, io.DisplaySize, ImGui::GetFrameHeight());
  if (!app.present.on) DrawMenuBar(frame, app);
  if (frame.layout.side_tabs.visible) DrawSideTabs(frame, app);
  if (frame.layout.view_tabs.visible) DrawViewTabs(frame, app);
  if (frame.layout.lesson.visible) DrawLessonPanel(frame, app);
  if (frame.layout.parameters.visible) DrawParametersPanel(frame, app);
  if (frame.layout.sentences.visible) DrawSentencesPanel(frame, app);
  if (frame.layout.code.visible) DrawCodePanel(frame, app);
  if (frame.layout.conv2d.visible) DrawConv2dPanel(frame, app);
  if (frame.layout.formula.visible) DrawFormulaPanel(frame, app);
  if (frame.layout.input.visible) DrawInputPanel(frame, app);
  if (frame.layout.permute.visible) DrawPermutePanel(frame, app);
  if (frame.layout.kernels.visible) DrawKernelPanel(frame, app);
  if (frame.layout.window.visible) DrawWindowPanel(frame, app);
  if (frame.layout.dot_product.visible) DrawDotProductPanel(frame, app);
  if (frame.layout.output.visible) DrawOutputPanel(frame, app);
  if (frame.layout.timeline.visible) DrawTimelinePanel(frame, app);
  DrawLessonFocus(frame, app);
  DrawForgotPermutePanel(frame, app);
  DrawIoWindows(frame, app);
  DrawBuildIndicator(app);
  DrawPresentation(frame, app);  // the narration band, the pointer, the blank screen
}

void ApplyStyle(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.f;
  style.FrameRounding = 4.f;
  style.GrabRounding = 4.f;
  style.WindowBorderSize = 1.f;
  style.FrameBorderSize = 1.f;
  style.WindowPadding = ImVec2(8.f, 6.f);
  style.FramePadding = ImVec2(6.f, 3.f);
  style.ItemSpacing = ImVec2(8.f, 4.f);
  style.CellPadding = ImVec2(5.f, 2.f);
  style.WindowTitleAlign = ImVec2(0.f, 0.5f);
  ImVec4* colors = style.Colors;
  colors[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.08f, 1.f);
  colors[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.38f, 1.f);  // 4.5:1 and more
  colors[ImGuiCol_WindowBg] = ImVec4(0.985f, 0.985f, 0.985f, 1.f);
  colors[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.87f, 0.91f, 1.f);
  colors[ImGuiCol_TitleBgActive] = ImVec4(0.86f, 0.87f, 0.91f, 1.f);
  colors[ImGuiCol_TitleBgCollapsed] = ImVec4(0.86f, 0.87f, 0.91f, 1.f);
  colors[ImGuiCol_MenuBarBg] = ImVec4(0.93f, 0.93f, 0.95f, 1.f);
  colors[ImGuiCol_Border] = ImVec4(0.62f, 0.63f, 0.68f, 1.f);
  colors[ImGuiCol_FrameBg] = ImVec4(1.f, 1.f, 1.f, 1.f);
  colors[ImGuiCol_Button] = ImVec4(0.86f, 0.88f, 0.94f, 1.f);
  colors[ImGuiCol_ButtonHovered] = ImVec4(0.74f, 0.80f, 0.95f, 1.f);
  colors[ImGuiCol_ButtonActive] = ImVec4(0.60f, 0.70f, 0.93f, 1.f);
  colors[ImGuiCol_Header] = ImVec4(0.84f, 0.87f, 0.95f, 1.f);
  colors[ImGuiCol_TableHeaderBg] = ImVec4(0.90f, 0.91f, 0.95f, 1.f);
  colors[ImGuiCol_TableRowBgAlt] = ImVec4(0.f, 0.f, 0.f, 0.035f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace convstep::gui
