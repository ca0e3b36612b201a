// Contrast from the back row: every text colour of the palette and of the Dear ImGui style is at
// least 4.5:1 (WCAG AA) against every background it is drawn on, computed from the colours
// themselves; the high-contrast theme reaches 7:1 (AAA) for the UI text.
#include <gtest/gtest.h>

#include <imgui.h>

#include <string>

#include "state/settings.h"
#include "support/headless_ui.h"
#include "ui/draw/colormap.h"
#include "ui/draw/contrast.h"
#include "ui/draw/theme.h"
#include "ui/ui.h"

namespace convstep::gui {
namespace {

ImU32 U32(const ImVec4& color) {
  return ImGui::ColorConvertFloat4ToU32(color);
}

// The same veil DrawValueCell puts over a dimmed cell (kernels of other groups).
float Veil(float dim) {
  return static_cast<float>(static_cast<int>(190 * dim)) / 255.f;
}

TEST(Contrast, TheRatioFollowsWcag) {
  EXPECT_NEAR(ContrastRatio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)), 21.f, 0.01f);
  EXPECT_NEAR(ContrastRatio(IM_COL32(255, 255, 255, 255), IM_COL32(255, 255, 255, 255)), 1.f,
              1e-4f);
  // #777 on white is the textbook 4.48:1; #AAA on #FBFBFB (the old pending rows) is 2.2:1.
  EXPECT_NEAR(ContrastRatio(IM_COL32(0x77, 0x77, 0x77, 255), IM_COL32(255, 255, 255, 255)), 4.48f,
              0.01f);
  EXPECT_NEAR(ContrastRatio(IM_COL32(0xAA, 0xAA, 0xAA, 255), IM_COL32(0xFB, 0xFB, 0xFB, 255)), 2.2f,
              0.05f);
  // A translucent text colour counts as blended over its background.
  EXPECT_NEAR(ContrastRatio(IM_COL32(0, 0, 0, 0), IM_COL32(255, 255, 255, 255)), 1.f, 1e-4f);
}

TEST(Contrast, PaletteTextOnItsBackgrounds) {
  ImGui::CreateContext();
  ApplyStyle(1.f);
  const ImVec4* style = ImGui::GetStyle().Colors;
  const ImU32 window = U32(style[ImGuiCol_WindowBg]);
  const ImU32 alt_row = BlendOver(U32(style[ImGuiCol_TableRowBgAlt]), window);
  struct Pair {
    const char* what;
    ImU32 text, background;
  };
  const Pair pairs[] = {
      {"text on a panel", Palette::kText, window},
      {"muted text (labels, captions) on a panel", Palette::kMutedText, window},
      {"muted text on an alternate table row", Palette::kMutedText, alt_row},
      {"dot product rows not computed yet", Palette::kPendingText, window},
      {"... on an alternate row", Palette::kPendingText, alt_row},
      {"padding positions in the dot product", Palette::kPaddingText, window},
      {"... on an alternate row", Palette::kPaddingText, alt_row},
      {"the current product's row", Palette::kText, IM_COL32(255, 236, 150, 255)},
      {"a zero-padding cell's 0", Palette::kMutedText, Palette::kPaddingFill},
      {"muted text on a cell still to compute", Palette::kMutedText, Palette::kEmptyCell},
      {"errors", Palette::kError, window},
      {"UI text on a panel", U32(style[ImGuiCol_Text]), window},
      {"UI text on a button", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_Button])},
      {"UI text on a title bar", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_TitleBg])},
      {"UI text on the menu bar", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_MenuBarBg])},
      {"UI text on a table header", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_TableHeaderBg])},
      {"UI text on a selected item", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_Header])},
      {"disabled UI text", U32(style[ImGuiCol_TextDisabled]), window},
  };
  for (const Pair& pair : pairs)
    EXPECT_GE(ContrastRatio(pair.text, pair.background), kMinTextContrast) << pair.what;
  ImGui::DestroyContext();
}

// Numbers in value cells: the text colour DrawValueCell chooses for each fill as drawn, for
// every value of every colour map, plain, as a copy made by padding (lighter, hatched) and
// dimmed (another group's kernel).
TEST(Contrast, NumbersOnEveryValueColour) {
  for (const ColorMap map : kColorMaps) {
    float worst = 21.f, worst_value = 0.f;
    std::string worst_kind;
    for (int i = -100; i <= 100; ++i) {
      const float value = static_cast<float>(i) / 100.f;
      const ImU32 fill = DivergingColor(value, 1.f, map);
      const ImU32 ghost = MixColor(fill, IM_COL32(255, 255, 255, 255), 0.45f);
      const float veil = Veil(0.3f);
      const struct {
        const char* kind;
        ImU32 text, background;
      } cases[] = {
          {"plain", TextColorOn(fill), fill},
          {"padding copy", TextColorOn(ghost), ghost},
          {"dimmed", TextColorOn(FadeTowardsWhite(fill, veil)), FadeTowardsWhite(fill, veil)},
      };
      for (const auto& c : cases) {
        const float ratio = ContrastRatio(c.text, c.background);
        if (ratio < worst) {
          worst = ratio;
          worst_value = value;
          worst_kind = c.kind;
        }
      }
    }
    EXPECT_GE(worst, kMinTextContrast)
        << ColorMapName(map) << ": " << worst_kind << " cell of value " << worst_value;
  }
}

TEST(Contrast, TheHighContrastThemeReachesAaa) {
  ImGui::CreateContext();
  ApplyStyle(1.f);
  ApplyHighContrast(ImGui::GetStyle());
  const ImVec4* style = ImGui::GetStyle().Colors;
  const ImU32 text = U32(style[ImGuiCol_Text]);
  for (const ImGuiCol background :
       {ImGuiCol_WindowBg, ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_TitleBg,
        ImGuiCol_MenuBarBg, ImGuiCol_TableHeaderBg, ImGuiCol_Header, ImGuiCol_Tab,
        ImGuiCol_TabActive, ImGuiCol_FrameBg, ImGuiCol_PopupBg})
    EXPECT_GE(ContrastRatio(text, U32(style[background])), 7.f)
        << ImGui::GetStyleColorName(background);
  EXPECT_GE(ContrastRatio(U32(style[ImGuiCol_TextDisabled]), U32(style[ImGuiCol_WindowBg])), 7.f);
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

TEST(Contrast, TheHighContrastChoiceIsASetting) {
  AppState app;
  testing::InitApp(app);
  app.view.fonts_dirty = false;
  nlohmann::json settings = SettingsToJson(app);
  EXPECT_EQ(settings["high_contrast"], false);
  settings["high_contrast"] = true;
  ASSERT_TRUE(ApplySettingsJson(app, settings));
  EXPECT_TRUE(app.view.high_contrast);
  EXPECT_TRUE(app.view.fonts_dirty);  // the style is rebuilt with the fonts
  EXPECT_EQ(SettingsToJson(app)["high_contrast"], true);
  settings["high_contrast"] = "yes";
  auto refused = ApplySettingsJson(app, settings);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("high_contrast"), std::string::npos)
      << refused.error().message;
  EXPECT_TRUE(app.view.high_contrast);  // unchanged
}

}  // namespace
}  // namespace convstep::gui
