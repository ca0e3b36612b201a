#include "ui/windows/forgot_permute_panel.h"

#include <algorithm>

#include "model/format.h"
#include "ui/draw/colormap.h"
#include "ui/widgets/panel_common.h"
#include "ui/windows/forgot_permute_picture.h"

namespace convstep::gui {

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
    ImGui::Text(">>> x = torch.randn(%s)   # [N, L, C]", shape_args.c_str());
    ImGui::Text(">>> conv = %s", SpecPython(session.recipe.spec).c_str());
    ImGui::Text(">>> y = conv(x)              # %s", Tr(app.i18n, "forgot.no_permute_comment"));
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
    ImGui::TextUnformatted(">>> y = conv(x.permute(0, 2, 1))");
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
