// Presentation mode and slide-sized pictures, headless: every chapter's presented panels fill
// the screen with digits at least 3% of its height (1920x1080, 1366x768 and 1024x768), F5 / B /
// Esc,
// --present, --region's panels filling the frame; and the layout check's own checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>

#include "model/format.h"
#include "model/stage_panels.h"
#include "platform/options.h"
#include "state/lesson.h"
#include "state/presentation_mode.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "support/ui_screens.h"
#include "ui/presentation.h"

namespace convstep::gui {
namespace {

using testing::GlyphsOf;
using testing::HeadlessUi;
using testing::PanelGlyphs;
using testing::SettledFrame;
using testing::Shown;

constexpr int kKeyF5 = 294, kKeyEscape = 256, kKeyB = 66;

// The Dear ImGui window of a stage panel (chapters.json's names).
const char* StageWindow(const std::string& panel) {
  if (panel == "input") return "###panel.input";
  if (panel == "permute") return "###panel.permute";
  if (panel == "kernel") return "###panel.kernels";
  if (panel == "sliding_window") return "###panel.window";
  if (panel == "dot_product") return "###panel.dot_product";
  return "###panel.output";
}

// Presentation mode: every chapter's one or two panels fill the screen beside or under the
// narration, with digits at least 3% of the screen's height, at 1920x1080, at 1366x768
// (a projector's laptop) and at 1024x768 (a 4:3 classroom projector); F5, B and Esc work.
TEST(Presentation, EveryChaptersPanelsFillTheScreenWithDigitsAtLeast3Percent) {
  for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1366, 768), ImVec2(1024, 768)}) {
    AppState app;
    testing::InitApp(app);
    HeadlessUi ui(size);
    ui.Frame(app);
    ui.PressKey(app, kKeyF5);
    ASSERT_TRUE(app.present.on);
    const int chapters = static_cast<int>(app.teach.lesson.chapters.size());
    ASSERT_GE(chapters, 10);
    for (int chapter = 1; chapter <= chapters; ++chapter) {
      ASSERT_TRUE(OpenChapter(app, chapter - 1, /*still=*/true));
      SettledFrame(ui, app);
      const std::string where = "chapter " + std::to_string(chapter) + " at " +
                                std::to_string(static_cast<int>(size.x)) + "x" +
                                std::to_string(static_cast<int>(size.y));
      EXPECT_FALSE(Shown("###timeline")) << where;
      EXPECT_FALSE(Shown("###formula_strip")) << where;
      ImGuiWindow* narration = ImGui::FindWindowByName("###presentation_narration");
      ASSERT_TRUE(narration && narration->Active) << where;
      // A band across the top ends under a whole line: no line of the narration cut in half
      // (a column beside the output alone is the screen's height and scrolls).
      const auto cut = testing::FindCutGlyphs(narration);
      if (narration->Size.y < size.y)
        EXPECT_TRUE(cut.empty()) << where << ": a glyph cut at y " << cut.front().glyph.Min.y
                                 << ", the narration ends at " << cut.front().visible.Max.y;
      // The presented panels and the narration share the screen, the panels reach its bottom.
      float area = narration->Size.x * narration->Size.y;
      if (PresentedPanels(app, size).empty()) {
        // A chapter about another view (Conv1d vs Conv2d) presents that view on the whole stage,
        // its text 1.44 times the usual (it holds more than one panel's worth).
        ASSERT_EQ(app.view.show.view, MainView::kConv2d) << where;
        ImGuiWindow* view = ImGui::FindWindowByName(Label(app.i18n, "tab.conv2d").c_str());
        ASSERT_TRUE(view && view->Active) << where;
        EXPECT_FALSE(Shown("###panel.window")) << where;
        EXPECT_NEAR(view->Pos.y + view->Size.y, size.y, 1.f) << where;
        area += view->Size.x * view->Size.y;
        EXPECT_NEAR(area, size.x * size.y, size.x * 2.f + size.y * 2.f) << where;
        continue;
      }
      for (const StagePanel& presented : PresentedPanels(app, size)) {
        ImGuiWindow* panel = ImGui::FindWindowByName(StageWindow(presented.panel));
        ASSERT_TRUE(panel && panel->Active) << where << ": " << presented.panel;
        area += panel->Size.x * panel->Size.y;
        EXPECT_NEAR(panel->Pos.y + panel->Size.y, size.y, 1.f) << where;
        const PanelGlyphs glyphs = GlyphsOf(StageWindow(presented.panel));
        EXPECT_GE(glyphs.median_digit_height, 0.03f * size.y) << where << ": " << presented.panel;
        std::printf("presentation, %s, %s: digits %.0f px tall (%.1f%% of the height)\n",
                    where.c_str(), presented.panel.c_str(), glyphs.median_digit_height,
                    100.f * glyphs.median_digit_height / size.y);
      }
      EXPECT_NEAR(area, size.x * size.y, size.x * 2.f + size.y * 2.f) << where;
    }
    // Chapter 6 shows the whole output (every position's column) without scrolling, beside its
    // narration (narrower on the 4:3 screen); chapter 3 all its kernels at 1920x1080.
    ASSERT_TRUE(OpenChapter(app, 5, /*still=*/true));
    SettledFrame(ui, app);
    EXPECT_FALSE(GlyphsOf("###panel.output").scrolls) << size.x << "x" << size.y;
    if (size.x != 1920.f) continue;
    ASSERT_TRUE(OpenChapter(app, 2, /*still=*/true));
    SettledFrame(ui, app);
    EXPECT_FALSE(GlyphsOf("###panel.kernels").scrolls);
    ui.PressKey(app, kKeyB);
    EXPECT_TRUE(app.present.blank);
    ui.PressKey(app, kKeyB);
    EXPECT_FALSE(app.present.blank);
    ui.PressKey(app, kKeyEscape);
    EXPECT_FALSE(app.present.on);
    ui.Frame(app);
    ui.Frame(app);
    EXPECT_TRUE(Shown("###timeline"));
    EXPECT_FALSE(Shown("###presentation_narration"));
  }
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// Starting in presentation mode on the forgotten-permute chapter opens its dialog and the
// narration band in the same first frame (Dear ImGui 1.86 asserted when the band came after the
// modal); the dialog is opaque-backed and stays on the screen, scrolling its large text.
TEST(Presentation, TheForgottenPermuteChapterOpensOnTheScreen) {
  for (const ImVec2 size : {ImVec2(1366, 768), ImVec2(1024, 768), ImVec2(1920, 1080)}) {
    for (const bool present : {true, false}) {
      AppState app;
      testing::InitApp(app);
      HeadlessUi ui(size);
      ASSERT_TRUE(OpenChapter(app, 8, /*still=*/true));
      ASSERT_TRUE(app.show_forgot_permute);
      SetPresenting(app, present);
      SettledFrame(ui, app);
      ImGuiWindow* dialog = ImGui::FindWindowByName("###forgot_permute_modal");
      ASSERT_TRUE(dialog && dialog->Active) << size.x << " " << present;
      EXPECT_GE(dialog->Pos.y, 0.f) << size.x << " " << present;
      EXPECT_LE(dialog->Pos.y + dialog->Size.y, size.y) << size.x << " " << present;
      EXPECT_EQ(Shown("###presentation_narration"), present);
    }
  }
}

// Chapter 4 on a projector: the dot product's whole table (six rows and the running Σ column)
// shows without scrolling at 1366x768 and 1024x768, in English and Chinese, its digits at least
// 3% of the height (on the 4:3 screen the table is presented alone, across the whole width).
TEST(Presentation, ChapterFoursWholeDotProductTableFits) {
  for (const ImVec2 size : {ImVec2(1366, 768), ImVec2(1024, 768)})
    for (const char* language : {"en", "zh"}) {
      const std::string where = std::to_string(static_cast<int>(size.x)) + "x" +
                                std::to_string(static_cast<int>(size.y)) + " " + language;
      AppState app;
      testing::InitApp(app);
      if (!SetLanguage(app, language)) GTEST_SKIP() << "no CJK font here";
      HeadlessUi ui(size);
      ASSERT_TRUE(OpenChapter(app, 3, /*still=*/true));
      SetPresenting(app, true);
      SettledFrame(ui, app);
      ImGuiWindow* panel = ImGui::FindWindowByName("###panel.dot_product");
      ASSERT_TRUE(panel && panel->Active) << where;
      EXPECT_FALSE(testing::WindowScrolls(panel)) << where;
      // The panel's glyphs and its table's (a child window), as text; each digit's height, and how
      // much smaller than its face's own size it is drawn (never: the table is not shrunk to fit).
      std::string text;
      float smallest_digit = FLT_MAX, most_shrunk = 0.f;
      for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
        if (!window->WasActive || window->RootWindow != panel) continue;
        for (const testing::GlyphQuad& glyph : testing::GlyphQuads(window)) {
          char utf8[5] = {};
          const unsigned int c = testing::CodepointAt(glyph.texel, glyph.texel_max);
          if (c != 0) text += ImTextCharToUtf8(utf8, c);
          for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
            for (const ImFontGlyph& face : font->Glyphs)
              if (face.Codepoint >= '0' && face.Codepoint <= '9' && face.U0 == glyph.texel.x &&
                  face.V0 == glyph.texel.y) {
                smallest_digit = std::min(smallest_digit, glyph.rect.GetHeight());
                most_shrunk = std::max(most_shrunk, (face.Y1 - face.Y0) - glyph.rect.GetHeight());
              }
        }
      }
      // Presenting, text follows the screen's height alone (SetDisplaySize): the 4:3 screen's
      // digits are as tall as the 16:9 one's.
      EXPECT_LE(most_shrunk, 0.5f) << where;
      EXPECT_GE(smallest_digit, 0.03f * size.y) << where;
      std::string sum_header = Tr(app.i18n, "dot.running_sum");
      sum_header.erase(std::remove(sum_header.begin(), sum_header.end(), ' '), sum_header.end());
      EXPECT_NE(text.find(sum_header), std::string::npos) << where << ": " << text;
      const StepState step =
          MakeWalkthrough(*app.session).State(app.timeline.step, app.timeline.granularity);
      ASSERT_EQ(step.taps.size(), 6u);
      for (const TapState& tap : step.taps)  // every row's x, the sixth's too
        EXPECT_NE(text.find(FormatValue(tap.x, app.session->input_style).c_str()),
                  std::string::npos)
            << where << ": " << text;
      std::printf("presentation, chapter 4 at %s: smallest dot-product digit %.0f px (%.1f%%)\n",
                  where.c_str(), smallest_digit, 100.f * smallest_digit / size.y);
    }
}

// Presenting, text follows the screen's height alone: the 4:3 projector's text is as large as
// the 16:9 one's of the same height; leaving presentation mode gives the window's rule back
// (min(W/1600, H/900)), and each change rebuilds the fonts.
TEST(Presentation, TextFollowsTheScreensHeight) {
  AppState app;
  testing::InitApp(app);
  SetDisplaySize(app, 1024.f, 768.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 0.75f);
  SetPresenting(app, true);
  app.view.fonts_dirty = false;
  SetDisplaySize(app, 1024.f, 768.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 0.875f);
  EXPECT_TRUE(app.view.fonts_dirty);
  const float projector = AppFontPixels(app);
  SetDisplaySize(app, 1366.f, 768.f);
  EXPECT_FLOAT_EQ(AppFontPixels(app), projector);
  SetDisplaySize(app, 1920.f, 1080.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 1.1875f);  // as when not presenting
  SetPresenting(app, false);
  SetDisplaySize(app, 1024.f, 768.f);
  EXPECT_FLOAT_EQ(app.view.display_factor, 0.75f);
}

TEST(Presentation, PresentIsAFlag) {
  const char* argv[] = {"convstep", "--present", "--lesson", "3"};
  const ParsedOptions parsed = ParseOptions(4, argv);
  ASSERT_FALSE(parsed.exit) << parsed.error;
  EXPECT_TRUE(parsed.options.present);
  const char* plain[] = {"convstep"};
  EXPECT_FALSE(ParseOptions(1, plain).options.present);
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

TEST(SlideRegion, ListsOfPanelsAreReadAndChecked) {
  std::vector<std::string> panels;
  ASSERT_TRUE(ParseRegionPanels("kernel,output", &panels));
  EXPECT_EQ(panels, (std::vector<std::string>{"kernel", "output"}));
  ASSERT_TRUE(ParseRegionPanels("dot_product", &panels));
  EXPECT_EQ(panels, (std::vector<std::string>{"dot_product"}));
  EXPECT_FALSE(ParseRegionPanels("window", &panels));  // the export's own region, not a panel
  EXPECT_FALSE(ParseRegionPanels("kernel,", &panels));
  EXPECT_FALSE(ParseRegionPanels("kernels", &panels));
  EXPECT_EQ(panels, (std::vector<std::string>{"dot_product"}));  // unchanged on error

  const char* good[] = {"convstep", "--screenshot", "x.png", "--region", "kernel,output"};
  EXPECT_FALSE(ParseOptions(5, good).exit);
  const char* bad[] = {"convstep", "--screenshot", "x.png", "--region", "kernel,outputs"};
  const ParsedOptions refused = ParseOptions(5, bad);
  EXPECT_TRUE(refused.exit);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.error.find("kernel,outputs"), std::string::npos) << refused.error;
  const char* alone[] = {"convstep", "--region", "kernel"};
  EXPECT_TRUE(ParseOptions(3, alone).exit);  // a region of what? (no export, no screenshot)
}

// --region kernel,output at 1920x1080: the two panels fill the whole frame, no narration, no
// menu; text as large as presentation mode's.
TEST(SlideRegion, TheListedPanelsFillTheWholeFrame) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1920, 1080));
  ASSERT_TRUE(OpenChapter(app, 5, /*still=*/true));
  app.present.region = {"kernel", "output"};
  SetPresenting(app, true);
  SettledFrame(ui, app);
  ASSERT_TRUE(Shown("###panel.kernels") && Shown("###panel.output"));
  EXPECT_FALSE(Shown("###panel.window"));
  EXPECT_FALSE(Shown("###presentation_narration"));
  EXPECT_FALSE(Shown("##MainMenuBar"));
  ImGuiWindow* kernels = ImGui::FindWindowByName("###panel.kernels");
  ImGuiWindow* output = ImGui::FindWindowByName("###panel.output");
  EXPECT_EQ(kernels->Pos.x, 0.f);
  EXPECT_EQ(kernels->Pos.y, 0.f);
  EXPECT_NEAR(kernels->Size.x + output->Size.x, 1920.f, 1.f);
  EXPECT_NEAR(output->Size.y, 1080.f, 1.f);
  // Half the width for 4 columns, text 2.4 times as large: digits over 3% of the height.
  const float digits = GlyphsOf("###panel.output").median_digit_height;
  EXPECT_GE(digits, 0.03f * 1080.f);
  std::printf("--region kernel,output at 1920x1080: the output's digits %.0f px tall\n", digits);
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// The layout check's own checks: a shape drawn over a number is found, one drawn under it (a
// background) or beside it is not; a title Dear ImGui clipped mid-glyph counts as trimmed (one
// clipped exactly between two glyphs cannot be seen in the draw lists: at most widths it is not).
TEST(LayoutCheck, FindsShapesOverTextAndTrimmedTitles) {
  AppState app;
  testing::InitApp(app);
  testing::HeadlessUi ui;
  ui.Frame(app);  // builds the fonts
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  int trimmed_titles = 0;
  for (int width = 149; width < 170; ++width) {  // 149: the window's first frame, not drawn
    const int where = width % 3;                 // 0: over the text, 1: under it, 2: beside it
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(10, 10));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), 100));
    ImGui::Begin("A probe with a title far too long for its bar###probe", nullptr,
                 ImGuiWindowFlags_NoSavedSettings);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize("0.1234");
    const ImVec2 shape_min = where == 2 ? ImVec2(at.x, at.y + size.y + 10.f) : at;
    const ImVec2 shape_max(shape_min.x + size.x, shape_min.y + size.y);
    if (where == 1) draw->AddRectFilled(shape_min, shape_max, IM_COL32(200, 200, 255, 255));
    ImGui::TextUnformatted("0.1234");
    if (where != 1) draw->AddRectFilled(shape_min, shape_max, IM_COL32(0, 0, 0, 255));
    ImGui::End();
    ImGui::Render();
    ImGuiWindow* probe = ImGui::FindWindowByName("###probe");
    ASSERT_NE(probe, nullptr);
    if (width == 149) continue;
    EXPECT_EQ(testing::FindCoveredGlyphs(probe).empty(), where != 0) << where;
    const float title_end = probe->Pos.y + probe->TitleBarHeight();
    if (!testing::FindTrimmedGlyphs(probe, probe->Pos.y, title_end).empty()) ++trimmed_titles;
    EXPECT_TRUE(testing::FindTrimmedGlyphs(probe, title_end).empty());  // "0.1234" is whole
  }
  EXPECT_GE(trimmed_titles, 12);
  std::printf("a title clipped mid-glyph at %d of 20 widths\n", trimmed_titles);
}

}  // namespace
}  // namespace convstep::gui
