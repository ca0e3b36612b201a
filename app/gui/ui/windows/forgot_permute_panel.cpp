#include "ui/windows/forgot_permute_panel.h"

#include <algorithm>
#include <string>

#include "model/format.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/panel_common.h"
#include "ui/windows/forgot_permute_picture.h"

namespace convstep::gui {
namespace {

// Shows one statement as the Python console shows it, in the current (mono) font: ">>> code",
// then `gap` and "# comment" when `comment` is not empty. A line that would pass the window's
// edge takes more lines, as they would look typed so: the comment first, on a line of its own
// (the console then prompts "... " for the code), and a call still too wide broken after a comma
// inside its parentheses, the rest under the opening parenthesis.
void PythonStatement(const std::string& code, const char* gap, const std::string& comment) {
  const float width = ImGui::GetContentRegionAvail().x;
  auto fits = [&](const std::string& line) { return ImGui::CalcTextSize(line.c_str()).x <= width; };
  const std::string tail = comment.empty() ? "" : gap + ("# " + comment);
  if (fits(">>> " + code + tail)) {
    ImGui::TextUnformatted((">>> " + code + tail).c_str());
    return;
  }
  std::string prompt = ">>> ";
  if (!comment.empty()) {
    ImGui::TextUnformatted((prompt + "# " + comment).c_str());
    prompt = "... ";
  }
  const size_t open = code.find('(');
  std::string indent(open == std::string::npos ? 4 : open + 1, ' ');
  std::string rest = code;
  while (!fits(prompt + rest)) {
    size_t cut = std::string::npos;  // after the last ", " that keeps the line inside the edge
    for (size_t comma = rest.find(", "); comma != std::string::npos;
         comma = rest.find(", ", comma + 1)) {
      if (!fits(prompt + rest.substr(0, comma + 1))) break;
      cut = comma;
    }
    if (cut == std::string::npos) break;  // one argument wider than the window: shown whole
    ImGui::TextUnformatted((prompt + rest.substr(0, cut + 1)).c_str());
    prompt = "... ";
    if (!fits(prompt + indent + "x")) indent = "    ";
    rest = indent + rest.substr(cut + 2);
  }
  ImGui::TextUnformatted((prompt + rest).c_str());
}

}  // namespace

void DrawForgotPermutePanel(const Frame& frame, AppState& app) {
  if (!app.show_forgot_permute) return;
  const Session& session = *frame.session;
  // A modal: the background dims, so the error is the one thing on screen.
  const char* id = "forgot_permute_modal";
  const std::string title = std::string(Tr(app.i18n, "forgot.title")) + "###" + id;
  if (!ImGui::IsPopupOpen(title.c_str())) ImGui::OpenPopup(title.c_str());
  const float width = std::min(frame.display.x * 0.8f, ImGui::GetFontSize() * 44.f);
  // Centred, and never taller than the screen (presentation mode's large text scrolls inside).
  ImGui::SetNextWindowPos(ImVec2(frame.display.x * 0.5f, frame.display.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0.f), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.f), ImVec2(width, frame.display.y * 0.96f));
  ImGui::PushStyleColor(ImGuiCol_TitleBgActive, ImVec4(0.75f, 0.18f, 0.18f, 1.f));
  ImGui::PushStyleColor(ImGuiCol_TitleBg, ImVec4(0.75f, 0.18f, 0.18f, 1.f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 1.f, 1.f, 1.f));  // the title, on red
  ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_PopupBg];
  background.w = 1.f;  // opaque: no panel text shows through the explanation
  ImGui::PushStyleColor(ImGuiCol_PopupBg, background);
  bool open = true;
  const bool visible = ImGui::BeginPopupModal(
      title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
  ImGui::PopStyleColor(4);
  if (visible) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_Text]);
    const Shape& given = session.input_given.shape;
    std::string shape_args;
    for (size_t i = 0; i < given.size(); ++i)
      shape_args += (i ? ", " : "") + std::to_string(given[i]);
    ImGui::PushFont(frame.fonts.mono);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kMutedText));
    PythonStatement("x = torch.randn(" + shape_args + ")", "   ", "[N, L, C]");
    PythonStatement("conv = " + SpecPython(session.recipe.spec), "", "");
    PythonStatement("y = conv(x)", "              ", Tr(app.i18n, "forgot.no_permute_comment"));
    ImGui::PopStyleColor();
    const auto result = WithoutPermute(session);
    if (!result) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
      ImGui::TextWrapped("RuntimeError: %s", result.error().message.c_str());
      ImGui::PopStyleColor();
      ImGui::PopFont();
      ImGui::Separator();
      TextWrappedCjk(TrFormat(app.i18n, "forgot.explain",
                              {std::to_string(given.size() == 3 ? given[1] : 0),
                               std::to_string(session.recipe.spec.in_channels)})
                         .c_str());
      MutedText(LocalizedHint(app.i18n, result.error()).c_str());
    } else {
      ImGui::PopFont();
      ImGui::Separator();
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
      TextWrappedCjk(
          TrFormat(app.i18n, "forgot.silent", {ShapeText(result->OutputShape())}).c_str());
      ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    TextWrappedCjk(Tr(app.i18n, "forgot.fix"));
    ImGui::PushFont(frame.fonts.mono);
    PythonStatement("y = conv(x.permute(0, 2, 1))", "", "");
    ImGui::PopFont();
    ImGui::Spacing();
    // Why not in_channels = L instead: what its kernel would mix, beside the right reading.
    const Shape& nlc = session.input_given.shape;
    if (session.recipe.layout == InputLayout::kNLC && nlc.size() == 3) {
      ImGui::Separator();
      TextWrappedCjk(TrFormat(app.i18n, "forgot.mix_title", {std::to_string(nlc[1])}).c_str());
      DrawPermuteMixPictures(frame, app, ImGui::GetContentRegionAvail().x);
      ImGui::Spacing();
    }
    if (ImGui::Button(Label(app.i18n, "forgot.close").c_str()) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
      open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::PopStyleColor();
    ImGui::EndPopup();
  }
  if (!open) app.show_forgot_permute = false;
}

}  // namespace convstep::gui
