#include "ui/windows/fit_panel.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "model/format.h"
#include "state/fit_window.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/file_widgets.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

// One tensor's choice: the session's (with its shape) or a text field for pasted text.
void SourceChoice(AppState& app, const char* id, const char* title_key, const Shape& session_shape,
                  FitSource* source, std::string* text) {
  const I18n& i18n = app.i18n;
  ImGui::PushID(id);
  const float row = WindowRowWidth();
  ImGui::TextUnformatted(Tr(i18n, title_key));
  const std::string from_session = TrFormat(i18n, "fit.from_session", {ShapeText(session_shape)});
  SameLineIfFits(CheckWidth(from_session), row);
  if (ImGui::RadioButton(from_session.c_str(), *source == FitSource::kSession))
    *source = FitSource::kSession;
  SameLineIfFits(CheckWidth(Tr(i18n, "fit.from_text")), row);
  if (ImGui::RadioButton(Tr(i18n, "fit.from_text"), *source == FitSource::kPasted))
    *source = FitSource::kPasted;
  if (*source == FitSource::kPasted) {
    ImGui::PushFont(app.fonts.mono);
    ImGui::InputTextMultiline("##text", text, ImVec2(-1.f, ImGui::GetTextLineHeight() * 5.f));
    ImGui::PopFont();
    if (SmallButtonWhole(Label(i18n, "fit.paste").c_str())) {
      const char* clip = ImGui::GetClipboardText();
      *text = clip ? clip : "";
    }
  }
  ImGui::PopID();
}

void ResultTable(const AppState& app, const WeightFit& fit) {
  const I18n& i18n = app.i18n;
  if (!ImGui::BeginTable("fit_result", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) return;
  const auto row = [](const std::string& name, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    TextWrappedCjk(name.c_str());
    ImGui::TableSetColumnIndex(1);
    TextWrappedCjk(value.c_str());
  };
  row(Tr(i18n, "fit.system"),
      TrFormat(i18n, fit.square ? "fit.square" : "fit.overdetermined",
               {std::to_string(fit.equations), std::to_string(fit.unknowns)}));
  row(Tr(i18n, "fit.condition"), Number(fit.condition_number));
  row(Tr(i18n, "fit.max_residual"), Number(fit.max_residual));
  row(Tr(i18n, "fit.rms_residual"), Number(fit.rms_residual));
  row(Tr(i18n, "fit.weight"), ShapeText(fit.weight.shape));
  ImGui::EndTable();
}

// What decides the window's height: the text fields shown, the error, the result, "applied".
std::string ShownParts(const AppState& app, const FitWindowState& fit) {
  std::string parts;
  parts += fit.input_from == FitSource::kPasted ? "i" : "-";
  parts += fit.output_from == FitSource::kPasted ? "o" : "-";
  parts += fit.result && fit.result_session == app.session ? "r" : "-";
  parts += fit.applied ? "a" : "-";
  if (fit.error) parts += LocalizedError(app.i18n, *fit.error);
  return parts;
}

}  // namespace

void DrawFitWindow(const Frame& frame, AppState& app) {
  FitWindowState& fit = app.teach.fit;
  if (!fit.open) return;
  const float font = ImGui::GetFontSize();
  // As wide as 40 characters (at most the display), as tall as what it shows.
  CenterNextWindowFitting(std::min(40.f, frame.display.x * 0.9f / font), ShownParts(app, fit),
                          &fit.fitted);
  const std::string title = std::string(Tr(app.i18n, "fit.title")) + "###fit_window";
  if (!ImGui::Begin(title.c_str(), &fit.open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  KeepWindowOnDisplay();
  const Session& session = *app.session;
  const I18n& i18n = app.i18n;
  TextWrappedCjk(TrFormat(i18n, "fit.intro", {SpecPython(session.recipe.spec)}).c_str());
  ImGui::Separator();
  SourceChoice(app, "input", "fit.input", session.input_given.shape, &fit.input_from,
               &fit.input_text);
  SourceChoice(app, "output", "fit.output", session.output.shape, &fit.output_from,
               &fit.output_text);
  const float row = WindowRowWidth();
  ImGui::SetNextItemWidth(std::min(font * 16.f, row));
  ImGui::InputTextWithHint("##fit_file", Tr(i18n, "fit.file_hint"), &fit.file_path);
  SameLineIfFits(Label(i18n, "fit.load_input"), row);
  if (ImGui::Button(Label(i18n, "fit.load_input").c_str())) LoadFitTensorFile(fit, false);
  SameLineIfFits(Label(i18n, "fit.load_output"), row);
  if (ImGui::Button(Label(i18n, "fit.load_output").c_str())) LoadFitTensorFile(fit, true);
  ImGui::Separator();
  if (ImGui::Button(Label(i18n, "fit.run").c_str())) RunWeightFit(app, fit);
  if (fit.error) ErrorWithHint(i18n, *fit.error);
  if (fit.result && fit.result_session == app.session) {
    ResultTable(app, *fit.result);
    MutedText(Tr(i18n, "fit.explain"));
    if (ImGui::Button(Label(i18n, "fit.apply").c_str())) ApplyWeightFit(app, fit);
  } else if (fit.applied) {
    SuccessText(Tr(i18n, "fit.applied"));
  }
  ImGui::End();
}

}  // namespace convstep::gui
