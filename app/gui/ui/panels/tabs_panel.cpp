#include "ui/panels/tabs_panel.h"

#include "state/lesson.h"

namespace convstep::gui {
namespace {

struct Tab {
  const char* key;  ///< translation key of the label (and the tab's stable ID)
  int id;
};

// Begins a borderless strip window for a tab bar, the tabs resting on its bottom edge.
bool BeginTabStrip(const char* id, const PanelRect& rect) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float tab_h = ImGui::GetFontSize() + style.FramePadding.y * 2.f;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(style.WindowPadding.x, std::max(0.f, rect.size.y - tab_h - 1.f)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_MenuBarBg));
  const bool open = BeginPanel(id, rect,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  return open;
}

// One tab bar over `tabs`. `shown` is what the app wants; `drawn` what the bar showed last
// frame: a difference made in code selects that tab, a click changes `shown`.
void TabBar(AppState& app, const char* id, const Tab* tabs, int count, int* shown, int* drawn) {
  if (!ImGui::BeginTabBar(id, ImGuiTabBarFlags_FittingPolicyScroll)) return;
  int selected = *drawn;
  for (int i = 0; i < count; ++i) {
    const ImGuiTabItemFlags flags =
        tabs[i].id == *shown && *shown != *drawn ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(Label(app.i18n, tabs[i].key).c_str(), nullptr, flags)) {
      selected = tabs[i].id;
      ImGui::EndTabItem();
    }
  }
  ImGui::EndTabBar();
  if (selected != *drawn) {
    if (*drawn == *shown) *shown = selected;  // a click (not a change made in code)
    *drawn = selected;
  }
}

}  // namespace

void DrawSideTabs(const Frame& frame, AppState& app) {
  if (BeginTabStrip("##side_tabs", frame.layout.side_tabs)) {
    const Tab tabs[] = {{"tab.lesson", static_cast<int>(SideTab::kLesson)},
                        {"tab.parameters", static_cast<int>(SideTab::kParameters)},
                        {"tab.sentences", static_cast<int>(SideTab::kSentences)}};
    int shown = static_cast<int>(app.view.show.side);
    TabBar(app, "side_tab_bar", tabs, 3, &shown, &app.teach.tabs.side_drawn);
    app.view.show.side = static_cast<SideTab>(shown);
  }
  EndPanel();
}

void DrawViewTabs(const Frame& frame, AppState& app) {
  if (BeginTabStrip("##view_tabs", frame.layout.view_tabs)) {
    const Tab tabs[] = {{"tab.steps", static_cast<int>(MainView::kSteps)},
                        {"tab.code", static_cast<int>(MainView::kCode)},
                        {"tab.conv2d", static_cast<int>(MainView::kConv2d)},
                        {"tab.matmul", static_cast<int>(MainView::kMatmul)}};
    int shown = static_cast<int>(app.view.show.view);
    TabBar(app, "view_tab_bar", tabs, 4, &shown, &app.teach.tabs.view_drawn);
    app.view.show.view = static_cast<MainView>(shown);
  }
  EndPanel();
}

}  // namespace convstep::gui
