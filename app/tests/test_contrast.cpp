// Contrast from the back row: every text colour of the palette and of the Dear ImGui style is at
// least 4.5:1 (WCAG AA) against every background it is drawn on, computed from the colours
// themselves, in the standard theme and in the high-contrast one (7:1, AAA, there), which
// changes the cells' palette as well as the style.
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

// Both themes: the standard one, and the high-contrast one (ApplyHighContrast changes the
// style and the cells' palette together).
void UseTheme(bool high_contrast) {
  ApplyStyle(1.f);
  if (high_contrast) ApplyHighContrast(ImGui::GetStyle());
}

TEST(Contrast, PaletteTextOnItsBackgroundsInBothThemes) {
  ImGui::CreateContext();
  for (const bool high_contrast : {false, true}) {
    UseTheme(high_contrast);
    const char* theme = high_contrast ? "high contrast" : "standard";
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
        {"the current product's row", Palette::kText, Palette::kCurrentRow},
        {"a zero-padding cell's 0", Palette::kPaddingZero, Palette::kPaddingFill},
        {"... over its hatching", Palette::kPaddingZero, Palette::kPaddingHatch},
        {"muted text on a cell still to compute (dashed)", Palette::kMutedText,
         Palette::kEmptyCell},
        {"text on a cell still to compute", Palette::kText, Palette::kEmptyCell},
        {"the kernel frame's labels", Palette::kKernelFrame, window},
        {"hover / pin labels", Palette::kHighlight, window},
        {"errors", Palette::kError, window},
        {"UI text on a panel", U32(style[ImGuiCol_Text]), window},
        {"UI text on a button", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_Button])},
        {"UI text on a title bar", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_TitleBg])},
        {"UI text on the menu bar", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_MenuBarBg])},
        {"UI text on a table header", U32(style[ImGuiCol_Text]),
         U32(style[ImGuiCol_TableHeaderBg])},
        {"UI text on a selected item", U32(style[ImGuiCol_Text]), U32(style[ImGuiCol_Header])},
        {"disabled UI text", U32(style[ImGuiCol_TextDisabled]), window},
    };
    for (const Pair& pair : pairs) {
      const float ratio = ContrastRatio(pair.text, pair.background);
      EXPECT_GE(ratio, kMinTextContrast) << theme << ": " << pair.what;
      // The high-contrast theme reaches AAA (7:1) for all of it but the error red (6.4:1, one
      // colour in both themes).
      if (high_contrast && pair.text != Palette::kError)
        EXPECT_GE(ratio, 7.f) << theme << ": " << pair.what;
    }
  }
  ImGui::DestroyContext();
}

// The high-contrast theme really changes the cells, not only Dear ImGui's style: darker text,
// borders and dashes that a washed-out projector still shows (WCAG's 3:1 for non-text marks),
// and the standard set back once the standard style is applied again.
TEST(Contrast, TheHighContrastThemeChangesTheCellPalette) {
  ImGui::CreateContext();
  UseTheme(false);
  const ImU32 standard_grid = Palette::kGrid, standard_muted = Palette::kMutedText;
  const ImU32 standard_pending = Palette::kPendingText, standard_arrow = Palette::kArrow;
  EXPECT_LT(ContrastRatio(standard_grid, Palette::kEmptyCell), 3.f);  // faint on a projector
  UseTheme(true);
  EXPECT_GE(ContrastRatio(Palette::kGrid, Palette::kEmptyCell), 3.f) << "cell borders, dashes";
  EXPECT_GE(ContrastRatio(Palette::kGrid, Palette::kPaddingFill), 3.f) << "padding borders";
  EXPECT_GE(ContrastRatio(Palette::kArrow, Palette::kEmptyCell), 7.f) << "arrows";
  EXPECT_GE(ContrastRatio(Palette::kHighlight, Palette::kEmptyCell), 7.f) << "highlight outline";
  EXPECT_GT(ContrastRatio(Palette::kMutedText, Palette::kEmptyCell),
            ContrastRatio(standard_muted, Palette::kEmptyCell));
  EXPECT_GT(ContrastRatio(Palette::kPendingText, Palette::kEmptyCell),
            ContrastRatio(standard_pending, Palette::kEmptyCell));
  EXPECT_NE(Palette::kArrow, standard_arrow);
  UseTheme(false);
  EXPECT_EQ(Palette::kGrid, standard_grid);
  EXPECT_EQ(Palette::kMutedText, standard_muted);
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
