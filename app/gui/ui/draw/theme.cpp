#include "ui/draw/theme.h"

#include "ui/draw/colormap.h"

namespace convstep::gui {

void ApplyHighContrast(ImGuiStyle& style) {
  ImVec4* colors = style.Colors;
  const ImVec4 black(0.f, 0.f, 0.f, 1.f), white(1.f, 1.f, 1.f, 1.f);
  colors[ImGuiCol_Text] = black;
  colors[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1.f);
  colors[ImGuiCol_WindowBg] = white;
  colors[ImGuiCol_ChildBg] = white;
  colors[ImGuiCol_PopupBg] = white;
  colors[ImGuiCol_FrameBg] = white;
  colors[ImGuiCol_Border] = black;
  colors[ImGuiCol_TitleBg] = ImVec4(0.80f, 0.83f, 0.92f, 1.f);
  colors[ImGuiCol_TitleBgActive] = colors[ImGuiCol_TitleBg];
  colors[ImGuiCol_TitleBgCollapsed] = colors[ImGuiCol_TitleBg];
  colors[ImGuiCol_MenuBarBg] = ImVec4(0.88f, 0.88f, 0.91f, 1.f);
  colors[ImGuiCol_Button] = ImVec4(0.80f, 0.84f, 0.95f, 1.f);
  colors[ImGuiCol_ButtonHovered] = ImVec4(0.70f, 0.78f, 0.97f, 1.f);
  colors[ImGuiCol_ButtonActive] = ImVec4(0.60f, 0.71f, 0.97f, 1.f);
  colors[ImGuiCol_Header] = ImVec4(0.76f, 0.82f, 0.96f, 1.f);
  colors[ImGuiCol_Tab] = ImVec4(0.80f, 0.84f, 0.95f, 1.f);
  colors[ImGuiCol_TabActive] = ImVec4(0.62f, 0.73f, 0.97f, 1.f);
  colors[ImGuiCol_TabHovered] = ImVec4(0.70f, 0.78f, 0.97f, 1.f);
  colors[ImGuiCol_TableHeaderBg] = ImVec4(0.85f, 0.87f, 0.93f, 1.f);
  colors[ImGuiCol_TableBorderStrong] = black;
  colors[ImGuiCol_TableBorderLight] = ImVec4(0.35f, 0.35f, 0.35f, 1.f);
  colors[ImGuiCol_TableRowBgAlt] = ImVec4(0.f, 0.f, 0.f, 0.06f);
  colors[ImGuiCol_CheckMark] = black;
  colors[ImGuiCol_SliderGrab] = ImVec4(0.15f, 0.25f, 0.55f, 1.f);
  colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.35f, 0.35f, 0.35f, 1.f);
  style.WindowBorderSize = 2.f;
  style.FrameBorderSize = 1.5f;
  UsePalette(PaletteTheme::kHighContrast);
}

}  // namespace convstep::gui
