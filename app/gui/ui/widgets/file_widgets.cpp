#include "ui/widgets/file_widgets.h"

#include <algorithm>
#include <cmath>

#include <imgui_stdlib.h>

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

float DialogWrapWidth(float width_em) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float room =
      ImGui::GetIO().DisplaySize.x * 0.95f - style.WindowPadding.x * 2.f - style.ScrollbarSize;
  return std::max(ImGui::GetFontSize() * 8.f, std::min(ImGui::GetFontSize() * width_em, room));
}

void KeepWindowOnDisplay() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImVec2 position = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  // The size the window had last frame (kept in its own storage): a window that was centred on
  // an axis and changed size since is centred again on that axis, rather than growing to the
  // right and down from its old corner.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID width_id = ImGui::GetID("##kept_width"), height_id = ImGui::GetID("##kept_height");
  const ImVec2 last(storage->GetFloat(width_id, size.x), storage->GetFloat(height_id, size.y));
  storage->SetFloat(width_id, size.x);
  storage->SetFloat(height_id, size.y);
  auto place = [](float pos, float extent, float last_extent, float room) {
    const bool was_centred = std::fabs(pos + last_extent * 0.5f - room * 0.5f) <= 1.5f;
    if (was_centred && extent != last_extent) pos = std::floor((room - extent) * 0.5f);
    if (pos >= 0.f && pos + extent <= room) return pos;  // where it is (or was moved to)
    // Back on the display, with the margin CenterNextWindow leaves (2.5% each side) when it fits.
    const float margin = std::clamp((room - extent) * 0.5f, 0.f, room * 0.025f);
    return std::clamp(pos, margin, std::max(margin, room - extent - margin));
  };
  const ImVec2 kept(place(position.x, size.x, last.x, display.x),
                    place(position.y, size.y, last.y, display.y));
  if (kept.x != position.x || kept.y != position.y) ImGui::SetWindowPos(kept);
}

float WindowRowWidth() {
  return ImGui::GetContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
}

void SameLineIfFits(float next_width, float row_width) {
  // The content's left edge on screen is the window's position plus the cursor's start.
  const float used =
      ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x - ImGui::GetCursorStartPos().x;
  if (used + ImGui::GetStyle().ItemSpacing.x + next_width <= row_width) ImGui::SameLine();
}

void SameLineIfFits(const std::string& next_label, float row_width) {
  SameLineIfFits(ButtonWidth(next_label), row_width);
}

float ButtonWidth(const std::string& label) {
  return ImGui::CalcTextSize(label.c_str(), nullptr, true).x +
         ImGui::GetStyle().FramePadding.x * 2.f;
}

float CheckWidth(const std::string& label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
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
