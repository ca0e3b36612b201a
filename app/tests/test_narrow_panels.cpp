// The step-by-step view on a small screen without presentation mode (1024x768, where the UI
// text is 14 px), headless, on the seed example ([6, 5, 3] -> permute -> Conv1d(3, 8, 2)): the
// input's three columns fit its panel, the permute writes every number it moves (at least
// 11 px) at the start, middle and end of its animation, and the output and the sliding window,
// which pan there, keep the current step's cells in view. Larger screens keep their look. And
// the rule a grid in a narrow panel follows (narrow_grid.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>
#include <vector>

#include "model/format.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "support/ui_screens.h"
#include "ui/panels/narrow_grid.h"
#include "ui/widgets/panel_common.h"

namespace convstep::gui {
namespace {

using testing::GlyphsOf;
using testing::HeadlessUi;
using testing::kScreens;
using testing::SettledFrame;
using testing::ShowScreen;

std::string SizeName(ImVec2 size) {
  return std::to_string(static_cast<int>(size.x)) + "x" + std::to_string(static_cast<int>(size.y));
}

// The pixel size each digit `panel` drew was written at: its quad's height against the height
// of the same glyph in its face.
std::vector<float> DigitPixelSizes(const char* panel) {
  std::vector<float> sizes;
  ImGuiWindow* window = ImGui::FindWindowByName(panel);
  if (!window) return sizes;
  for (const testing::GlyphQuad& quad : testing::GlyphQuads(window)) {
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
      bool found = false;
      for (ImWchar c = '0'; c <= '9' && !found; ++c) {
        const ImFontGlyph* glyph = font->FindGlyphNoFallback(c);
        if (!glyph || glyph->U0 != quad.texel.x || glyph->V0 != quad.texel.y) continue;
        sizes.push_back(quad.rect.GetHeight() / (glyph->Y1 - glyph->Y0) * font->FontSize);
        found = true;
      }
      if (found) break;
    }
  }
  return sizes;
}

// The text of each value of batch item 0 of the input as given, as the cells write it.
std::vector<std::string> InputValueTexts(const Session& session) {
  std::vector<std::string> texts;
  const Shape& shape = session.input_given.shape;
  for (int64_t i = 0; i < shape[1]; ++i)
    for (int64_t j = 0; j < shape[2]; ++j)
      texts.push_back(FormatValue(session.input_given.at(0, i, j), session.input_style).c_str());
  return texts;
}

const ImVec2 kSizes[] = {{1024, 768}, {1280, 720}, {1366, 768}, {1600, 900}, {1920, 1080}};
const char* kLanguages[] = {"en", "zh"};

// Where a panel says what is missing from `drawn`, the text it drew: the values not found.
std::string Missing(const std::string& drawn, const std::vector<std::string>& values) {
  std::string missing;
  for (const std::string& value : values)
    if (drawn.find(value) == std::string::npos) missing += value + " ";
  return missing;
}

float SmallestOf(const std::vector<float>& sizes) {
  float smallest = FLT_MAX;
  for (float size : sizes) smallest = std::min(smallest, size);
  return smallest;
}

// The input as given ([5, 3] per sentence) fits its panel from 1024x768 up, in both languages:
// no panning, all 15 numbers written at the UI text's size.
TEST(NarrowPanels, TheInputsThreeColumnsFitItsPanelFrom1024x768Up) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (const char* language : kLanguages) {
    ASSERT_TRUE(SetLanguage(app, language)) << app.notice;
    for (const ImVec2 size : kSizes) {
      ImGui::GetIO().DisplaySize = size;
      ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[0]));
      SettledFrame(ui, app);
      const std::string where = SizeName(size) + " " + language;
      EXPECT_FALSE(GlyphsOf("###panel.input").scrolls) << where;
      EXPECT_EQ(Missing(testing::DrawnText("###panel.input"), InputValueTexts(*app.session)), "")
          << where;
      EXPECT_GE(SmallestOf(DigitPixelSizes("###panel.input")), ImGui::GetFontSize() - 0.5f)
          << where;
    }
  }
}

// The permute writes every number it moves, at least 11 px tall, when the animation starts,
// halfway and at its end; at 1024x768 in both languages, and on larger screens.
TEST(NarrowPanels, ThePermuteWritesEveryNumberItMovesAtLeast11PxTall) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (const char* language : kLanguages) {
    ASSERT_TRUE(SetLanguage(app, language)) << app.notice;
    for (const ImVec2 size : kSizes) {
      ImGui::GetIO().DisplaySize = size;
      ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[0]));
      for (const float progress : {0.f, 0.5f, 1.f}) {
        app.permute.progress = progress;
        app.permute.playing = false;
        SettledFrame(ui, app);
        char where[96];
        std::snprintf(where, sizeof where, "%s %s, progress %.1f", SizeName(size).c_str(), language,
                      static_cast<double>(progress));
        EXPECT_FALSE(GlyphsOf("###panel.permute").scrolls) << where;
        EXPECT_EQ(Missing(testing::DrawnText("###panel.permute"), InputValueTexts(*app.session)),
                  "")
            << where;
        const float smallest = SmallestOf(DigitPixelSizes("###panel.permute"));
        EXPECT_GE(smallest, 10.5f) << where;
        ImGuiWindow* panel = ImGui::FindWindowByName("###panel.permute");
        ASSERT_NE(panel, nullptr);
        EXPECT_TRUE(testing::FindTrimmedGlyphs(panel).empty()) << where;
        EXPECT_TRUE(testing::FindCutGlyphs(panel).empty()) << where;
        if (progress == 1.f)
          std::printf("%s: the permute's digits %.0f px or more (UI text %.0f px)\n", where,
                      static_cast<double>(smallest), static_cast<double>(ImGui::GetFontSize()));
      }
    }
  }
}

// At 1024x768 the output and the sliding window are wider than their panels: they pan (with
// scroll bars) and follow the step. With each window of y[0, 0, t] complete, the output writes
// y[0, 0, t] and the sliding window the two input columns it reads, whole.
TEST(NarrowPanels, TheOutputAndTheWindowShowTheCurrentStepWhereTheyPan) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1024, 768));
  ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[0]));
  const Session& session = *app.session;
  const Geometry& g = session.geometry;
  ASSERT_EQ(g.out_length, 4);
  ASSERT_EQ(g.kernel_size, 2);
  for (int64_t t = 0; t < g.out_length; ++t) {
    SeekStep(app, t * g.in_channels * g.kernel_size + g.in_channels * g.kernel_size - 1);
    SettledFrame(ui, app);
    ASSERT_EQ(CurrentTap(app).t, t);
    const std::string where = "t = " + std::to_string(t);
    const float y = session.output.data[static_cast<size_t>(OutputIndexOf(g, 0, 0, t))];
    EXPECT_EQ(Missing(testing::DrawnText("###panel.output"),
                      {FormatValue(y, session.output_style).c_str()}),
              "")
        << where;
    std::vector<std::string> read;
    for (int64_t c = 0; c < g.in_channels; ++c)
      for (int64_t l = t; l < t + g.kernel_size; ++l)
        read.push_back(FormatValue(session.problem.input.at(0, c, l), session.input_style).c_str());
    EXPECT_EQ(Missing(testing::DrawnText("###panel.window"), read), "") << where;
    std::printf("%s: the output %s, the sliding window %s\n", where.c_str(),
                GlyphsOf("###panel.output").scrolls ? "pans" : "fits",
                GlyphsOf("###panel.window").scrolls ? "pans" : "fits");
  }
}

// At 1366x768 the output's four columns and the batch's card stack fit its panel: it no
// longer pans for the few pixels of the stack.
TEST(NarrowPanels, TheOutputFitsItsPanelAt1366x768) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1366, 768));
  ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[0]));
  SettledFrame(ui, app);
  EXPECT_FALSE(GlyphsOf("###panel.output").scrolls);
  EXPECT_FALSE(GlyphsOf("###panel.window").scrolls);
}

// A grid short of width gives up the depth of the batch's card stack first (the same cards
// closer, then two cards 2 px apart), then the padding around its numbers, without the stack;
// one that does not fit even so keeps its natural cells and pans. A zoomed grid is left alone.
// The numbers: 3 columns of natural 60 x 20 cells beside 52 px of row labels, a 2 px margin.
TEST(NarrowGrid, AGridShortOfWidthGivesUpItsStacksDepthThenThePaddingOfItsNumbers) {
  const ImVec2 natural(60.f, 20.f);
  const CardStack stack{4, 5.f};  // 20 px deep
  const float tight = 55.f;
  auto fit = [&](float width) {
    return FitNarrowGrid(natural, natural, tight, 3, 52.f, width, stack);
  };
  NarrowGrid grid = fit(254.f);  // 52 + 180 + 20 + 2: as it is
  EXPECT_EQ(grid.cell.x, 60.f);
  EXPECT_EQ(grid.stack.cards, 4);
  EXPECT_EQ(grid.stack.offset, 5.f);
  EXPECT_FALSE(grid.tight);
  grid = fit(242.f);  // 8 px for the stack: the four cards 2 px apart
  EXPECT_EQ(grid.cell.x, 60.f);
  EXPECT_EQ(grid.stack.cards, 4);
  EXPECT_EQ(grid.stack.offset, 2.f);
  grid = fit(238.f);  // 4 px: two cards 2 px apart
  EXPECT_EQ(grid.cell.x, 60.f);
  EXPECT_EQ(grid.stack.cards, 2);
  EXPECT_EQ(grid.stack.offset, 2.f);
  EXPECT_FALSE(grid.tight);
  grid = fit(219.f);  // 1024x768's input panel: 165 px for three cells of 55, no stack
  EXPECT_EQ(grid.cell.x, 55.f);
  EXPECT_EQ(grid.cell.y, 20.f);
  EXPECT_EQ(grid.stack.Depth(), 0.f);
  EXPECT_TRUE(grid.tight);
  grid = fit(210.f);  // 52 px a cell would cover the numbers: natural cells, shallow stack, pans
  EXPECT_EQ(grid.cell.x, 60.f);
  EXPECT_EQ(grid.stack.cards, 2);
  EXPECT_FALSE(grid.tight);
  const ImVec2 zoomed(72.f, 24.f);
  grid = FitNarrowGrid(zoomed, natural, tight, 3, 52.f, 210.f, stack);
  EXPECT_EQ(grid.cell.x, 72.f);
  EXPECT_EQ(grid.stack.offset, 5.f);
}

// A tight cell leaves room on either side of the widest number for the thickest outline a cell
// gets (the current tap's), so that the outline never covers a digit; its numbers are written
// at the UI text's size.
TEST(NarrowGrid, ATightCellLeavesTheOutlineRoomBesideTheWidestNumber) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1024, 768));
  ui.Frame(app);
  ImGui::NewFrame();
  const NumberStyle& style = app.session->input_style;
  const float widest = ImGui::CalcTextSize(WidestValueText(style)).x;
  const float outline = CellOutline(false, true, false, ValueCellSize(style).y).thickness;
  const float tight = TightCellWidth(style);
  EXPECT_GE((tight - 1.f - widest) * 0.5f, outline);
  EXPECT_LT(tight, ValueCellSize(style).x);
  NarrowGrid grid;
  grid.cell = ImVec2(tight, ValueCellSize(style).y);
  grid.tight = true;
  const CellText text = NarrowCellText(grid, style, FontSet{}, true);
  EXPECT_EQ(text.size, ImGui::GetFontSize());
  EXPECT_FALSE(NarrowCellText(grid, style, FontSet{}, false).visible());
  ImGui::EndFrame();
}

}  // namespace
}  // namespace convstep::gui
