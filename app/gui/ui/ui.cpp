#include "ui/ui.h"

#include "state/lesson.h"
#include "ui/draw/colormap.h"
#include "ui/frame.h"
#include "ui/menus/file_menu.h"
#include "ui/menus/menu_bar.h"
#include "ui/panels/lesson_panel.h"
#include "ui/panels/panel_registry.h"
#include "ui/panels/timeline_panel.h"
#include "ui/presentation.h"
#include "ui/widgets/build_indicator.h"
#include "ui/windows/fit_panel.h"
#include "ui/windows/forgot_permute_panel.h"

namespace convstep::gui {

void DrawUi(AppState& app, float dt) {
  PollBuild(app);  // a finished background build is swapped in before anything is drawn
  HandleTimelineKeys(app);
  HandleMenuKeys(app);
  HandlePresentationKeys(app);
  HandleFileKeys(app);
  AdvanceAnimations(app, dt);
  AdvanceLesson(app, ImGui::GetIO().WantTextInput);
  const ImGuiIO& io = ImGui::GetIO();
  const Frame frame = MakeFrame(app, dt, io.DisplaySize, ImGui::GetFrameHeight());
  if (!app.present.on) DrawMenuBar(frame, app);
  for (const PanelEntry& panel : PanelRegistry())
    if ((frame.layout.*panel.rect).visible) panel.draw(frame, app);
  DrawLessonFocus(frame, app);
  DrawFitWindow(frame, app);
  DrawFileWindows(frame, app);
  DrawBuildIndicator(app);
  DrawPresentation(frame, app);  // the narration band, the pointer, the blank screen
  // The modal comes last: Dear ImGui 1.86 asserts when a window appears for the first time
  // after a modal opened in the same frame (as the narration band and the forgotten-permute
  // dialog do when the app starts presenting that chapter).
  DrawForgotPermutePanel(frame, app);
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
  UsePalette(PaletteTheme::kStandard);
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
