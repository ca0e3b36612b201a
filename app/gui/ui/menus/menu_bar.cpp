#include "ui/menus/menu_bar.h"

#include <cstdio>

#include "state/language.h"
#include "state/lesson.h"
#include "state/practice.h"
#include "ui/draw/colormap.h"
#include "ui/keys.h"
#include "ui/menus/file_menu.h"
#include "ui/panels/panel_registry.h"
#include "ui/presentation.h"
#include "ui/widgets/build_indicator.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

void PanelToggle(const I18n& i18n, const char* key, bool* shown) {
  ImGui::MenuItem(Label(i18n, key).c_str(), nullptr, shown);
}

void DrawAbout(AppState& app) {
  if (!app.show_about) return;
  bool open = true;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30.f, 0.f), ImGuiCond_Appearing);
  if (ImGui::Begin(Label(app.i18n, "about.title").c_str(), &open,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("ConvStep %s", CONVSTEP_VERSION);
    TextWrappedCjk(Tr(app.i18n, "about.text"), ImGui::GetFontSize() * 30.f);
    ImGui::Separator();
    TextWrappedCjk(Tr(app.i18n, "about.keys"), ImGui::GetFontSize() * 30.f);
  }
  ImGui::End();
  if (!open) app.show_about = false;
}

// "pinned: y[0, 2, 1] · Esc" while a highlight is pinned.
std::string PinnedText(const Frame& frame, const AppState& app) {
  const HoverTarget& pin = app.hover.pinned;
  if (pin.kind == HoverKind::kNone) return {};
  auto coords = [](int64_t a, int64_t b, int64_t c) {
    return "[" + std::to_string(a) + ", " + std::to_string(b) + ", " + std::to_string(c) + "]";
  };
  const bool nlc = frame.session->recipe.layout == InputLayout::kNLC;
  std::string cell;
  switch (pin.kind) {
    case HoverKind::kOutput:
      cell = "y" + coords(pin.a, pin.b, pin.c);
      break;
    case HoverKind::kInput:
      cell = "x" + (nlc ? coords(pin.a, pin.c, pin.b) : coords(pin.a, pin.b, pin.c));
      break;
    case HoverKind::kPadded:
      cell = "x_pad" + coords(pin.a, pin.b, pin.c);
      break;
    case HoverKind::kWeight:
      cell = "w" + coords(pin.a, pin.b, pin.c);
      break;
    case HoverKind::kNone:
      break;
  }
  return TrFormat(app.i18n, "menu.pinned", {cell});
}

// Lesson: start it, or jump to a chapter (the side column's Lesson tab shows it).
void DrawLessonMenu(AppState& app) {
  const I18n& i18n = app.i18n;
  if (!ImGui::BeginMenu(Label(i18n, "menu.lesson").c_str())) return;
  const LessonState& lesson = app.teach.lesson;
  if (ImGui::MenuItem(Label(i18n, "menu.lesson_start").c_str(), nullptr, false,
                      !lesson.chapters.empty()))
    OpenChapter(app, 0);
  ImGui::Separator();
  for (size_t i = 0; i < lesson.chapters.size(); ++i)
    if (ImGui::MenuItem(Label(i18n, lesson.chapters[i].title_key.c_str()).c_str(), nullptr,
                        static_cast<int>(i) == lesson.current))
      OpenChapter(app, static_cast<int>(i));
  ImGui::Separator();
  if (ImGui::MenuItem(Label(i18n, "lesson.next").c_str(), "PageDown", false,
                      lesson.current + 1 < static_cast<int>(lesson.chapters.size())))
    NextChapter(app);
  if (ImGui::MenuItem(Label(i18n, "lesson.previous").c_str(), "PageUp", false, lesson.current > 0))
    PreviousChapter(app);
  ImGui::Separator();
  if (ImGui::MenuItem(Label(i18n, "menu.exercises").c_str(), nullptr, app.teach.exercise.enabled))
    SetExercisesEnabled(app, !app.teach.exercise.enabled);
  ImGui::EndMenu();
}

// Language: each language under its own name, switched live and remembered.
void DrawLanguageMenu(AppState& app) {
  if (!ImGui::BeginMenu(Label(app.i18n, "menu.language").c_str())) return;
  const bool cjk = CjkFontAvailable(app);
  for (const LanguageInfo& language : kLanguages) {
    const bool usable = !language.needs_cjk || cjk;
    // Without a CJK font "简体中文" cannot be drawn: name it in English instead.
    const std::string name = usable ? std::string(language.native_name) + "##" + language.code
                                    : std::string("Chinese (") +
                                          Tr(app.i18n, "menu.language_needs_font") + ")##" +
                                          language.code;
    if (ImGui::MenuItem(name.c_str(), nullptr, app.teach.language == language.code, usable))
      PickLanguage(app, language.code);
  }
  ImGui::EndMenu();
}

}  // namespace

void HandleMenuKeys(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.KeyCtrl) return;
  auto pressed = [&](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(keys::kEqual) || pressed(keys::kPadAdd))
    SetTextScale(app, app.view.text_scale + 0.125f);
  if (pressed(keys::kMinus) || pressed(keys::kPadSubtract))
    SetTextScale(app, app.view.text_scale - 0.125f);
  if (pressed(keys::kZero)) SetTextScale(app, 1.f);
  if (pressed(keys::kQ)) app.quit_requested = true;
}

float DrawMenuBar(const Frame& frame, AppState& app) {
  const I18n& i18n = app.i18n;
  float height = 0.f;
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu(Label(i18n, "menu.file").c_str())) {
      DrawFileMenuItems(app);
      if (ImGui::BeginMenu(Label(i18n, "menu.presets").c_str())) {
        for (size_t i = 0; i < app.presets.size(); ++i) {
          if (ImGui::MenuItem(PresetTitle(i18n, app.presets[i]).c_str())) {
            auto opened = OpenPreset(app, i);
            app.notice = opened ? "" : LocalizedOneLine(app.i18n, opened.error());
          }
        }
        ImGui::EndMenu();
      }
      ImGui::Separator();
      if (ImGui::MenuItem(Label(i18n, "menu.quit").c_str(), "Ctrl+Q")) app.quit_requested = true;
      ImGui::EndMenu();
    }
    DrawEditMenu(app);
    if (ImGui::BeginMenu(Label(i18n, "menu.view").c_str())) {
      PanelVisibility& show = app.view.show;
      for (const PanelEntry& panel : PanelRegistry())
        if (panel.shown) PanelToggle(i18n, panel.title_key, &(show.*panel.shown));
      ImGui::Separator();
      ImGui::MenuItem(Label(i18n, "menu.numbers").c_str(), nullptr, &app.view.show_numbers);
      DrawColorMapMenu(app);
      if (ImGui::MenuItem(Label(i18n, "menu.present").c_str(), "F5", app.present.on))
        SetPresenting(app, !app.present.on);
      if (ImGui::MenuItem(Label(i18n, "menu.high_contrast").c_str(), nullptr,
                          &app.view.high_contrast))
        app.view.fonts_dirty = true;  // the style is rebuilt with the fonts
      ImGui::Separator();
      ImGui::TextUnformatted(Tr(i18n, "menu.text_size"));
      float percent = app.view.text_scale * 100.f;
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.f);
      if (ImGui::SliderFloat("##text_size", &percent, 75.f, 300.f, "%.0f %%"))
        SetTextScale(app, percent / 100.f);
      if (ImGui::MenuItem(Label(i18n, "menu.text_bigger").c_str(), "Ctrl +"))
        SetTextScale(app, app.view.text_scale + 0.125f);
      if (ImGui::MenuItem(Label(i18n, "menu.text_smaller").c_str(), "Ctrl -"))
        SetTextScale(app, app.view.text_scale - 0.125f);
      if (ImGui::MenuItem(Label(i18n, "menu.text_reset").c_str(), "Ctrl 0")) SetTextScale(app, 1.f);
      ImGui::Separator();
      DrawMemoryBudgetMenu(app);  // widgets/build_indicator.h
      ImGui::EndMenu();
    }
    DrawLessonMenu(app);
    DrawLanguageMenu(app);
    if (ImGui::BeginMenu(Label(i18n, "menu.help").c_str())) {
      if (ImGui::MenuItem(Label(i18n, "menu.about").c_str())) app.show_about = true;
      ImGui::EndMenu();
    }
    // The session's origin and status, right-aligned in the bar; what does not fit after the
    // menus is left out (the status first, then the pinned cell), never drawn over them.
    char scale[32];
    std::snprintf(scale, sizeof scale, "%.0f%%", static_cast<double>(app.view.text_scale * 100.f));
    std::string status = TrFormat(i18n, "menu.status", {scale});
    std::string pinned = PinnedText(frame, app);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float menus_end = ImGui::GetCursorPosX() + spacing;
    const auto start_x = [&] {
      const float width = status.empty() ? 0.f : ImGui::CalcTextSize(status.c_str()).x;
      const float pinned_w =
          pinned.empty() ? 0.f : ImGui::CalcTextSize(pinned.c_str()).x + ImGui::GetFontSize();
      return ImGui::GetWindowWidth() - width - pinned_w - spacing * 2.f;
    };
    if (start_x() < menus_end) status.clear();
    if (start_x() < menus_end) pinned.clear();
    ImGui::SameLine(start_x());
    if (!pinned.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kHighlight));
      ImGui::TextUnformatted(pinned.c_str());
      ImGui::PopStyleColor();
      ImGui::SameLine(0.f, ImGui::GetFontSize());
    }
    if (!status.empty()) ImGui::TextDisabled("%s", status.c_str());
    height = ImGui::GetWindowSize().y;
    ImGui::EndMainMenuBar();
  }
  DrawAbout(app);
  return height;
}

}  // namespace convstep::gui
