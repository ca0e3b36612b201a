#include "ui/widgets/file_widgets.h"

#include <imgui_stdlib.h>
#include <algorithm>

#include "ui/draw/colormap.h"
#include "ui/draw/wrap_text.h"

namespace convstep::gui {

void ErrorText(const std::string& text, float wrap_width) {
  if (text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Palette::kError));
  TextWrappedCjk(text.c_str(), wrap_width);  // breaks Chinese between characters too
  ImGui::PopStyleColor();
}

void ErrorWithHint(const I18n& i18n, const Error& error, float wrap_width) {
  ErrorText(LocalizedMessage(i18n, error), wrap_width);
  const std::string hint = LocalizedHint(i18n, error);
  if (!hint.empty()) TextWrappedCjk(hint.c_str(), wrap_width);
}

void SuccessText(const std::string& text, float wrap_width) {
  if (text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.05f, 0.45f, 0.2f, 1.f));
  TextWrappedCjk(text.c_str(), wrap_width);
  ImGui::PopStyleColor();
}

void CenterNextWindow(float width_em) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * width_em, 0.f), ImGuiCond_Appearing);
  // Never larger than the display (a small one, a large text scale): the window scrolls instead.
  ImGui::SetNextWindowSizeConstraints(ImVec2(0.f, 0.f),
                                      ImVec2(display.x * 0.95f, display.y * 0.95f));
}

void CenterNextWindowFitting(float width_em, const std::string& content, std::string* fitted) {
  CenterNextWindow(width_em);
  if (content == *fitted) return;
  *fitted = content;  // a zero height makes Dear ImGui fit it to the content (over two frames)
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * width_em, 0.f), ImGuiCond_Always);
}

bool EscapePressed() {
  return ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

bool PathField(const char* id, std::string* path, bool* focus, float width) {
  if (*focus) {
    ImGui::SetKeyboardFocusHere();
    *focus = false;
  }
  ImGui::SetNextItemWidth(width);
  const bool entered = ImGui::InputText(id, path, ImGuiInputTextFlags_EnterReturnsTrue);
  // A path longer than the field: pointing at it shows the whole path.
  const float text_w =
      ImGui::CalcTextSize(path->c_str()).x + ImGui::GetStyle().FramePadding.x * 2.f;
  if (text_w > ImGui::GetItemRectSize().x && ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", path->c_str());
  return entered;
}

}  // namespace convstep::gui
