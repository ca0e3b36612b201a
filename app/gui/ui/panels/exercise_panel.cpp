#include "ui/panels/exercise_panel.h"

#include <imgui_stdlib.h>

#include <string>
#include <vector>

#include "state/practice.h"
#include "ui/draw/colormap.h"
#include "ui/draw/wrap_text.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

constexpr ImU32 kRight = IM_COL32(0, 110, 60, 255);  // 6.5:1 on white
constexpr ImU32 kWrong = Palette::kError;

std::string Translated(const AppState& app, const ExerciseText& text) {
  return FormatPattern(Tr(app.i18n, text.key.c_str()), text.args);
}

void ColoredText(ImU32 color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  TextWrappedCjk(text.c_str());
  ImGui::PopStyleColor();
}

void Heading(AppState& app, int chapter) {
  ImGui::Separator();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kKernelFrame));
  ImGui::TextUnformatted(Tr(app.i18n, "exercise.try_it"));
  ImGui::PopStyleColor();
  const auto score = app.teach.exercise.scores.find(chapter);
  if (score != app.teach.exercise.scores.end() && score->second.tries > 0) {
    ImGui::SameLine();
    MutedText(TrFormat(app.i18n, "exercise.score",
                       {std::to_string(score->second.right), std::to_string(score->second.tries)})
                  .c_str());
  }
}

void Choices(AppState& app, const Exercise& exercise) {
  const ExerciseState& state = app.teach.exercise;
  for (size_t i = 0; i < exercise.choices.size(); ++i) {
    const bool picked = state.typed == std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::RadioButton("##choice", picked)) {
      app.teach.exercise.typed = std::to_string(i);
      SubmitAnswer(app, app.teach.exercise.typed);
    }
    ImGui::SameLine();
    TextWrappedCjk(Translated(app, exercise.choices[i]).c_str());
    ImGui::PopID();
  }
}

void AnswerField(AppState& app) {
  ExerciseState& state = app.teach.exercise;
  const float button = ImGui::CalcTextSize(Tr(app.i18n, "exercise.check")).x +
                       ImGui::GetStyle().FramePadding.x * 2.f;
  ImGui::SetNextItemWidth(
      std::max(ImGui::GetFontSize() * 4.f,
               ImGui::GetContentRegionAvail().x - button - ImGui::GetStyle().ItemSpacing.x));
  const bool entered =
      ImGui::InputText("##answer", &state.typed, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button(Label(app.i18n, "exercise.check").c_str()) || entered)
    SubmitAnswer(app, state.typed);
}

// A click-the-cells answer: how many are picked, Check and Clear.
void PickedCells(AppState& app) {
  ExerciseState& state = app.teach.exercise;
  MutedText(TrFormat(app.i18n, "exercise.cells.picked", {std::to_string(state.picked_cells.size())})
                .c_str());
  if (ImGui::Button(Label(app.i18n, "exercise.check").c_str())) SubmitPickedCells(app);
  ImGui::SameLine();
  if (ImGui::Button(Label(app.i18n, "exercise.cells.clear").c_str())) {
    state.picked_cells.clear();
    state.verdict.reset();
    state.unreadable.reset();
  }
}

void Solution(AppState& app, const Exercise& exercise) {
  const ExerciseState& state = app.teach.exercise;
  if (state.verdict)
    ColoredText(state.verdict->correct ? kRight : kWrong, Translated(app, state.verdict->feedback));
  if (state.solution_shown == 0) return;
  MutedText(Tr(app.i18n, "exercise.solution"));
  for (size_t i = 0; i < state.solution_shown && i < exercise.solution.size(); ++i)
    TextWrappedCjk(Translated(app, exercise.solution[i]).c_str());
}

}  // namespace

void DrawExercise(const Frame& frame, AppState& app, int chapter) {
  if (!app.teach.exercise.enabled) return;
  const Exercise* exercise = EnsureExercise(app, chapter);
  if (!exercise) return;
  AdvanceSolution(app, frame.dt);
  ImGui::Spacing();
  ImGui::PushID("exercise");
  Heading(app, chapter);
  TextWrappedCjk(Translated(app, exercise->question).c_str());
  if (exercise->answer_kind == AnswerKind::kChoice) {
    Choices(app, *exercise);
  } else if (exercise->answer_kind == AnswerKind::kCells) {
    PickedCells(app);
  } else {
    AnswerField(app);
  }
  const ExerciseState& state = app.teach.exercise;
  if (state.unreadable) ColoredText(kWrong, Translated(app, *state.unreadable));
  Solution(app, *exercise);
  // Full-width buttons, one per line: the side column is narrow and no label may be cut.
  if (state.solution_shown < exercise->solution.size() &&
      ImGui::Button(Label(app.i18n, "exercise.show_solution").c_str(), ImVec2(-1.f, 0.f)))
    ShowWholeSolution(app);
  if (ImGui::Button(Label(app.i18n, "exercise.another").c_str(), ImVec2(-1.f, 0.f)))
    NextExercise(app, chapter);
  ImGui::PopID();
}

}  // namespace convstep::gui
