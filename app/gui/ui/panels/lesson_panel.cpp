#include "ui/panels/lesson_panel.h"

#include <algorithm>
#include <cmath>

#include "state/lesson.h"
#include "ui/draw/colormap.h"
#include "ui/panels/exercise_panel.h"
#include "ui/panels/panel_registry.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

// The accent of the lesson: the outline of the panel in focus and the chapter number.
constexpr ImU32 kLessonAccent = IM_COL32(0, 114, 178, 255);  // Okabe-Ito blue

void ChapterCombo(AppState& app) {
  const LessonState& lesson = app.teach.lesson;
  const Chapter* current = CurrentChapter(app);
  ImGui::SetNextItemWidth(-1.f);
  const std::string preview =
      current ? Tr(app.i18n, current->title_key.c_str()) : Tr(app.i18n, "lesson.chapters");
  if (BeginComboFitting("##chapters", preview, ImGuiComboFlags_HeightLargest)) {
    for (size_t i = 0; i < lesson.chapters.size(); ++i) {
      const Chapter& chapter = lesson.chapters[i];
      if (ImGui::Selectable(Label(app.i18n, chapter.title_key.c_str()).c_str(),
                            static_cast<int>(i) == lesson.current))
        OpenChapter(app, static_cast<int>(i));
    }
    ImGui::EndCombo();
  }
}

// The box shown while the student experiments: the lesson waits, one click brings it back.
float OffScriptHeight(const AppState& app, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const size_t lines = WrapLines(Tr(app.i18n, "lesson.left_script"), ImGui::GetFont(),
                                 ImGui::GetFontSize(), width - style.WindowPadding.x * 2.f)
                           .size();
  return static_cast<float>(lines) * ImGui::GetTextLineHeightWithSpacing() +
         ImGui::GetFrameHeightWithSpacing() + style.WindowPadding.y * 2.f + style.ItemSpacing.y;
}

void OffScriptBox(AppState& app, float width) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.90f, 0.95f, 1.f, 1.f));
  ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(kLessonAccent));
  ImGui::BeginChild("off_script", ImVec2(width, OffScriptHeight(app, width)), true,
                    ImGuiWindowFlags_NoScrollbar);
  TextWrappedCjk(Tr(app.i18n, "lesson.left_script"));
  if (ImGui::Button(Label(app.i18n, "lesson.resume").c_str(), ImVec2(-1.f, 0.f)))
    OpenChapter(app, app.teach.lesson.current);
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void Intro(AppState& app) {
  ImGui::Spacing();
  TextWrappedCjk(Tr(app.i18n, "lesson.intro"));
  ImGui::Spacing();
  if (ImGui::Button(Label(app.i18n, "lesson.start").c_str(), ImVec2(-1.f, 0.f)))
    OpenChapter(app, 0);
  ImGui::Spacing();
  // The chapter list: each title wrapped (not cut), the whole block clickable.
  const float width = ImGui::GetContentRegionAvail().x;
  const float line = ImGui::GetTextLineHeight();
  for (size_t i = 0; i < app.teach.lesson.chapters.size(); ++i) {
    const char* title = Tr(app.i18n, app.teach.lesson.chapters[i].title_key.c_str());
    const std::vector<std::string_view> lines =
        WrapLines(title, ImGui::GetFont(), ImGui::GetFontSize(), width);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(
            "##chapter", false, 0,
            ImVec2(0.f, line * static_cast<float>(std::max<size_t>(1, lines.size())))))
      OpenChapter(app, static_cast<int>(i));
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t k = 0; k < lines.size(); ++k)
      draw->AddText(ImVec2(top.x, top.y + line * static_cast<float>(k)),
                    ImGui::GetColorU32(ImGuiCol_Text), lines[k].data(),
                    lines[k].data() + lines[k].size());
  }
}

}  // namespace

void DrawLessonPanel(const Frame& frame, AppState& app) {
  if (!BeginPanel(Label(app.i18n, "tab.lesson").c_str(), frame.layout.lesson)) {
    EndPanel();
    return;
  }
  LessonState& lesson = app.teach.lesson;
  if (!lesson.load_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
    TextWrappedCjk(lesson.load_error.c_str());
    ImGui::PopStyleColor();
    EndPanel();
    return;
  }
  if (app.teach.cjk_font_missing) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
    TextWrappedCjk(Tr(app.i18n, "notice.no_cjk_font"));
    ImGui::PopStyleColor();
  }
  MutedText(Tr(app.i18n, "lesson.title"));
  ChapterCombo(app);
  const Chapter* chapter = CurrentChapter(app);
  if (!chapter) {
    Intro(app);
    EndPanel();
    return;
  }
  const int count = static_cast<int>(lesson.chapters.size());
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kLessonAccent));
  ImGui::TextUnformatted(TrFormat(app.i18n, "lesson.chapter_of",
                                  {std::to_string(lesson.current + 1), std::to_string(count)})
                             .c_str());
  ImGui::PopStyleColor();

  // Title and narration scroll if the window is small; the buttons stay at the bottom.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const bool off_script = OffScript(app);
  const size_t hint_lines =
      WrapLines(Tr(app.i18n, "lesson.keys"), ImGui::GetFont(), ImGui::GetFontSize(), width).size();
  float bottom = ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y +
                 ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(hint_lines);
  if (off_script) bottom += OffScriptHeight(app, width) + style.ItemSpacing.y;
  // The chapter buttons side by side, or one above the other when a label would be cut.
  const std::string previous = "◀ " + std::string(Tr(app.i18n, "lesson.previous")) + "##previous";
  const std::string next = std::string(Tr(app.i18n, "lesson.next")) + " ▶##next";
  const float half = (width - style.ItemSpacing.x) * 0.5f;
  const bool stacked = std::max(ImGui::CalcTextSize(previous.c_str(), nullptr, true).x,
                                ImGui::CalcTextSize(next.c_str(), nullptr, true).x) +
                           style.FramePadding.x * 2.f >
                       half;
  if (stacked) bottom += ImGui::GetFrameHeightWithSpacing();
  const float text_h = std::max(ImGui::GetFrameHeight(), ImGui::GetContentRegionAvail().y - bottom);
  ImGui::BeginChild("narration", ImVec2(width, text_h), false);
  // The reading face: a size larger, to be read from the back of a classroom.
  ImFont* reading = frame.fonts.reading ? frame.fonts.reading : ImGui::GetFont();
  ImGui::PushFont(reading);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kKernelFrame));
  TextWrappedCjk(Tr(app.i18n, chapter->title_key.c_str()));
  ImGui::PopStyleColor();
  ImGui::Spacing();
  TextWrappedCjk(Tr(app.i18n, chapter->text_key.c_str()));
  if (lesson.current + 1 == count) {
    ImGui::Spacing();
    TextWrappedCjk(Tr(app.i18n, "lesson.done"));
  }
  DrawExercise(frame, app, chapter->id);
  ImGui::PopFont();
  ImGui::EndChild();

  if (off_script) OffScriptBox(app, width);
  const ImVec2 button_size(stacked ? width : half, 0.f);
  ImGui::BeginDisabled(lesson.current <= 0);
  if (ImGui::Button(previous.c_str(), button_size)) PreviousChapter(app);
  ImGui::EndDisabled();
  if (!stacked) ImGui::SameLine();
  ImGui::BeginDisabled(lesson.current + 1 >= count);
  if (ImGui::Button(next.c_str(), button_size)) NextChapter(app);
  ImGui::EndDisabled();
  MutedText(Tr(app.i18n, "lesson.keys"));
  EndPanel();
}

void DrawLessonFocus(const Frame& frame, const AppState& app) {
  const Chapter* chapter = CurrentChapter(app);
  if (!chapter || OffScript(app)) return;
  const PanelRect* rect = FocusRect(frame.layout, chapter->focus);
  if (!rect || !rect->visible) return;
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  const float thickness = std::max(2.f, std::round(ImGui::GetFontSize() * 0.16f));
  const float inset = thickness * 0.5f;
  draw->AddRect(ImVec2(rect->pos.x + inset, rect->pos.y + inset),
                ImVec2(rect->pos.x + rect->size.x - inset, rect->pos.y + rect->size.y - inset),
                WithAlpha(kLessonAccent, 0.85f), 0.f, 0, thickness);
}

}  // namespace convstep::gui
