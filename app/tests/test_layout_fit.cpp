// A layout that never cuts: whole UI frames, headless, at every common screen size from a
// projector's 1024x768 to 4K, at text scales 1, 1.5 and 2, in English and Chinese, on the
// seed example and on the lesson's chapters 3, 4 and 6; and on every other chapter, side tab,
// view tab and window (ui_screens.h kMoreScreens) at fewer settings. Every glyph a panel draws lies
// inside the place it is drawn in, unless the panel scrolls (a scroll bar, or a canvas that pans);
// no opaque shape is drawn over a glyph; no panel title is trimmed to fit, and no other text in a
// panel (a combo box, a button) unless pointing at it shows the whole text. The seed example's
// kernel bank and output show numbers, never colour blocks alone. (Presentation mode and
// slide-sized pictures: test_presentation_fit.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "model/lesson_stage.h"
#include "model/stage_panels.h"
#include "state/lesson.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "support/ui_screens.h"
#include "ui/panels/dot_product_panel.h"
#include "ui/stage_layout.h"

namespace convstep::gui {
namespace {

using testing::GlyphsOf;
using testing::HeadlessUi;
using testing::kScreens;
using testing::PanelGlyphs;
using testing::Screen;
using testing::SettledFrame;
using testing::Shown;
using testing::ShowScreen;

const ImVec2 kSizes[] = {{1024, 768},  {1280, 720},  {1366, 768}, {1600, 900},
                         {1920, 1080}, {2560, 1440}, {3840, 2160}};
const float kTextScales[] = {1.f, 1.5f, 2.f};
const char* kLanguages[] = {"en", "zh"};

std::string Describe(const testing::CutGlyph& cut) {
  char text[256];
  std::snprintf(
      text, sizeof text, "%s: glyph (%.0f,%.0f)-(%.0f,%.0f) outside (%.0f,%.0f)-(%.0f,%.0f)",
      cut.window.c_str(), cut.glyph.Min.x, cut.glyph.Min.y, cut.glyph.Max.x, cut.glyph.Max.y,
      cut.visible.Min.x, cut.visible.Min.y, cut.visible.Max.x, cut.visible.Max.y);
  return text;
}

// Every root window on screen but the menus and tooltips: the panels and the windows (a modal
// one too).
bool IsPanel(ImGuiWindow* window) {
  if (!window->WasActive || window->RootWindow != window || window->Hidden) return false;
  ImGuiWindowFlags transient = ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildMenu;
  if ((window->Flags & ImGuiWindowFlags_Modal) == 0) transient |= ImGuiWindowFlags_Popup;
  return (window->Flags & transient) == 0 && window->DrawList->VtxBuffer.Size > 0;
}

// Text Dear ImGui (or a panel) trimmed to fit, one entry per line of text: where to point at it.
struct TrimmedText {
  std::string window;
  ImVec2 at;  ///< the middle of its first trimmed glyph
  size_t glyphs;
  bool title;              ///< in a panel's title bar
  std::string characters;  ///< the characters trimmed (UTF-8)
};

void AppendUtf8(std::string* text, unsigned int c) {
  char bytes[5] = {};
  ImTextCharToUtf8(bytes, c);
  *text += bytes;
}

// True when `glyph` was trimmed by the edge of its window's visible area (a field half
// scrolled out: Dear ImGui trims a text field's text to the window too), not by its widget.
bool TrimmedByTheWindowsEdge(const testing::TrimmedGlyph& glyph) {
  constexpr float kSlack = 1.f;
  return glyph.glyph.Min.x <= glyph.visible.Min.x + kSlack ||
         glyph.glyph.Min.y <= glyph.visible.Min.y + kSlack ||
         glyph.glyph.Max.x >= glyph.visible.Max.x - kSlack ||
         glyph.glyph.Max.y >= glyph.visible.Max.y - kSlack;
}

// The lines of trimmed text in `panel` (and its children), but for text that scrolling the
// panel reveals.
std::vector<TrimmedText> TrimmedTextIn(ImGuiWindow* panel) {
  std::vector<TrimmedText> lines;
  const float title_bottom = panel->Pos.y + panel->TitleBarHeight();
  const bool scrolls = testing::WindowScrolls(panel);
  for (const testing::TrimmedGlyph& glyph : testing::FindTrimmedGlyphs(panel)) {
    if (scrolls && glyph.glyph.Min.y >= title_bottom && TrimmedByTheWindowsEdge(glyph)) continue;
    const ImVec2 at = glyph.glyph.GetCenter();
    const auto same_line = [&](const TrimmedText& line) {
      return line.window == glyph.window && std::fabs(line.at.y - at.y) < glyph.glyph.GetHeight();
    };
    const auto found = std::find_if(lines.begin(), lines.end(), same_line);
    if (found != lines.end()) {
      ++found->glyphs;
      AppendUtf8(&found->characters, glyph.codepoint);
      continue;
    }
    lines.push_back({glyph.window, at, 1, glyph.glyph.Min.y < title_bottom, ""});
    AppendUtf8(&lines.back().characters, glyph.codepoint);
  }
  return lines;
}

// True when a (nested) child window the glyph lies in scrolls: scrolling it reveals the glyph.
bool ScrollingReveals(const testing::CutGlyph& cut) {
  for (ImGuiWindow* window = ImGui::FindWindowByName(cut.window.c_str()); window;
       window = window == window->RootWindow ? nullptr : window->ParentWindow)
    if (window->ScrollbarX || window->ScrollbarY || CanvasScrolls(window)) return true;
  return false;
}

// What cuts text in the panels, as lines of text (empty: nothing):
// - glyphs outside the place they are drawn in, in a panel that does not scroll;
// - glyphs trimmed to fit anywhere in a panel (a combo box, a button, a title bar): a title is
//   never trimmed (BeginPanel drops the shape instead), other text only when pointing at it
//   shows a tooltip (the whole text), or at the edge of a panel that scrolls (scrolling
//   reveals it);
// - opaque shapes drawn over glyphs; text drawn over text in the menu bar.
std::string CutTextInPanels(HeadlessUi& ui, AppState& app) {
  std::string report;
  std::vector<TrimmedText> trimmed;
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (!IsPanel(window)) continue;
    const std::vector<TrimmedText> lines = TrimmedTextIn(window);
    trimmed.insert(trimmed.end(), lines.begin(), lines.end());
    const auto covered = testing::FindCoveredGlyphs(window);
    if (!covered.empty()) {
      char line[240];
      const testing::CoveredGlyph& c = covered.front();
      std::snprintf(line, sizeof line,
                    "  %s: a shape (%.0f,%.0f)-(%.0f,%.0f) covers the glyph at (%.0f,%.0f) (%zu)\n",
                    c.window.c_str(), c.shape.Min.x, c.shape.Min.y, c.shape.Max.x, c.shape.Max.y,
                    c.glyph.Min.x, c.glyph.Min.y, covered.size());
      report += line;
    }
    if (testing::WindowScrolls(window)) continue;
    auto cut = testing::FindCutGlyphs(window);
    cut.erase(std::remove_if(cut.begin(), cut.end(), ScrollingReveals), cut.end());
    if (!cut.empty())
      report += "  " + Describe(cut.front()) + " (" + std::to_string(cut.size()) + " glyphs)\n";
  }
  // The menu bar: its right-aligned status never runs over the menus.
  if (ImGuiWindow* bar = ImGui::FindWindowByName("##MainMenuBar")) {
    const std::vector<ImRect> overlapping = testing::FindOverlappingGlyphs(bar);
    if (!overlapping.empty()) {
      char line[160];
      std::snprintf(line, sizeof line, "  the menu bar draws text over text at (%.0f,%.0f) (%zu)\n",
                    overlapping.front().Min.x, overlapping.front().Min.y, overlapping.size());
      report += line;
    }
  }
  // Pointing changes the frame, so the measured frame is read in full first.
  for (const TrimmedText& line : trimmed) {
    if (!line.title && testing::HoverShowsTooltip(ui, app, line.at)) continue;
    char text[240];
    std::snprintf(
        text, sizeof text, "  %s: %s trimmed to fit at (%.0f,%.0f) (%zu glyphs: \"%s\")%s\n",
        line.window.c_str(), line.title ? "title" : "text", line.at.x, line.at.y, line.glyphs,
        line.characters.c_str(), line.title ? "" : ", and no tooltip shows it whole");
    report += text;
  }
  return report;
}

TEST(LayoutFit, NoPanelCutsTextAtAnySizeScaleOrLanguage) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  int checked = 0;
  for (const char* language : kLanguages) {
    ASSERT_TRUE(SetLanguage(app, language)) << app.notice;
    for (const float text_scale : kTextScales) {
      SetTextScale(app, text_scale);
      for (const ImVec2 size : kSizes) {
        ImGui::GetIO().DisplaySize = size;
        for (const Screen& screen : kScreens) {
          ASSERT_NO_FATAL_FAILURE(ShowScreen(app, screen));
          SettledFrame(ui, app);
          const std::string cut = CutTextInPanels(ui, app);
          EXPECT_TRUE(cut.empty()) << screen.name << " at " << size.x << "x" << size.y
                                   << ", text scale " << text_scale << ", " << language << ":\n"
                                   << cut;
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 2 * 3 * 7 * 4);
}

// The other screens (kMoreScreens): every size in English at text scale 1, and the smallest and
// the largest size at text scales 1 and 2 in both languages.
TEST(LayoutFit, NoOtherTabViewOrWindowCutsText) {
  struct Setting {
    const char* language;
    float text_scale;
    std::vector<ImVec2> sizes;
  };
  const std::vector<ImVec2> every_size(std::begin(kSizes), std::end(kSizes));
  const std::vector<ImVec2> extremes = {{1024, 768}, {3840, 2160}};
  const Setting settings[] = {
      {"en", 1.f, every_size}, {"en", 2.f, extremes}, {"zh", 1.f, extremes}, {"zh", 2.f, extremes}};
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  int checked = 0;
  for (const Setting& setting : settings) {
    ASSERT_TRUE(SetLanguage(app, setting.language)) << app.notice;
    SetTextScale(app, setting.text_scale);
    for (const ImVec2 size : setting.sizes) {
      ImGui::GetIO().DisplaySize = size;
      for (const Screen& screen : testing::kMoreScreens) {
        ASSERT_NO_FATAL_FAILURE(ShowScreen(app, screen));
        SettledFrame(ui, app);
        if (screen.window_id) EXPECT_TRUE(Shown(screen.window_id)) << screen.name;
        const std::string cut = CutTextInPanels(ui, app);
        EXPECT_TRUE(cut.empty()) << screen.name << " at " << size.x << "x" << size.y
                                 << ", text scale " << setting.text_scale << ", "
                                 << setting.language << ":\n"
                                 << cut;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, (7 + 3 * 2) * 16);
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// Where `window` drew the character `c` first (an empty rectangle when it did not).
ImRect FirstGlyphOf(ImGuiWindow* window, ImWchar c) {
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    if (const ImFontGlyph* glyph = font->FindGlyphNoFallback(c))
      for (const testing::GlyphQuad& quad : testing::GlyphQuads(window))
        if (quad.texel.x == glyph->U0 && quad.texel.y == glyph->V0) return quad.rect;
  return ImRect();
}

// At 1024x768 chapter 4's title does not fit the chapter drop-down: it ends in "…" (no glyph
// trimmed) and pointing at it shows the whole title.
TEST(LayoutFit, ALongChapterTitleEndsInAnEllipsisAndShowsWholeOnHover) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1024, 768));
  ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[2]));
  SettledFrame(ui, app);
  ImGuiWindow* lesson = ImGui::FindWindowByName("Lesson##tab.lesson");
  ASSERT_NE(lesson, nullptr);
  EXPECT_TRUE(testing::FindTrimmedGlyphs(lesson).empty());
  const ImRect ellipsis = FirstGlyphOf(lesson, 0x2026);
  ASSERT_GT(ellipsis.GetWidth(), 0.f) << "the chapter title fits: widen the test's title";
  EXPECT_TRUE(testing::HoverShowsTooltip(ui, app, ellipsis.GetCenter()));
  EXPECT_FALSE(testing::HoverShowsTooltip(ui, app, ImVec2(-50.f, -50.f)));  // off screen
}

TEST(LayoutFit, TheSeedExamplesKernelBankAndOutputShowNumbersFrom1024x768Up) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (const ImVec2 size : kSizes) {
    ImGui::GetIO().DisplaySize = size;
    ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[0]));
    SettledFrame(ui, app);
    // At least two kernels' 12 numbers and two output rows' 8 numbers, 6 glyphs or more each.
    EXPECT_GE(GlyphsOf("###panel.kernels").count, 12u * 6u) << size.x << "x" << size.y;
    EXPECT_GE(GlyphsOf("###panel.output").count, 8u * 6u) << size.x << "x" << size.y;
  }
}

// The lesson's stage: chapter 3 shows all 48 weights, chapter 6 all 32 outputs of the batch
// item on screen, without scrolling, in digits at least 14 px tall at 1366x768 (and as large
// as the UI's digits at 1024x768); chapter 4 the window and every product with its position.
TEST(LayoutFit, EachChapterShowsWhatItTalksAboutLarge) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  const ImVec2 sizes[] = {{1024, 768}, {1366, 768}, {1920, 1080}};
  for (const ImVec2 size : sizes) {
    ImGui::GetIO().DisplaySize = size;
    const std::string where =
        std::to_string(static_cast<int>(size.x)) + "x" + std::to_string(static_cast<int>(size.y));
    const float min_digit = size.x >= 1366.f ? 14.f : 11.f;
    ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[1]));
    SettledFrame(ui, app);
    const PanelGlyphs kernels = GlyphsOf("###panel.kernels");
    EXPECT_FALSE(kernels.scrolls) << where;
    EXPECT_GE(kernels.count, 48u * 6u) << where;  // "0.0613" .. "-0.3074": 6 or 7 glyphs
    EXPECT_GE(kernels.median_height, min_digit) << where;
    EXPECT_FALSE(Shown("###panel.output")) << where;

    ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[3]));
    SettledFrame(ui, app);
    const PanelGlyphs output = GlyphsOf("###panel.output");
    EXPECT_FALSE(output.scrolls) << where;
    EXPECT_GE(output.count, 32u * 6u) << where;
    EXPECT_GE(output.median_height, min_digit) << where;
    std::printf(
        "%s: digits %.0f px tall in chapter 3's kernel bank, %.0f px in chapter 6's output\n",
        where.c_str(), kernels.median_height, output.median_height);

    ASSERT_NO_FATAL_FAILURE(ShowScreen(app, kScreens[2]));
    SettledFrame(ui, app);
    EXPECT_TRUE(Shown("###panel.window")) << where;
    EXPECT_TRUE(Shown("###panel.dot_product")) << where;
    EXPECT_FALSE(Shown("###panel.kernels")) << where;
  }
}

TEST(LayoutFit, AStageTilesItsPanelsOverTheWholeStepArea) {
  Layout layout = ComputeLayout(ImVec2(1366, 768), 20.f, 16.f, PanelVisibility{});
  const float top = layout.input.pos.y;
  const float bottom = layout.output.pos.y + layout.output.size.y;
  TileStage(layout, {{"sliding_window", 0.4f}, {"output", 0.6f}}, PanelVisibility{});
  EXPECT_FALSE(layout.input.visible);
  EXPECT_FALSE(layout.kernels.visible);
  EXPECT_FALSE(layout.dot_product.visible);
  ASSERT_TRUE(layout.window.visible && layout.output.visible);
  EXPECT_EQ(layout.window.pos.y, top);
  EXPECT_EQ(layout.output.pos.y + layout.output.size.y, bottom);
  EXPECT_EQ(layout.window.pos.x, layout.view_tabs.pos.x);
  EXPECT_NEAR(layout.output.size.x / layout.view_tabs.size.x, 0.6f, 0.01f);
  EXPECT_NEAR(layout.output.pos.x + layout.output.size.x,
              layout.view_tabs.pos.x + layout.view_tabs.size.x, 1.f);
  // A panel the View menu hides stays hidden; the others share its room.
  PanelVisibility show;
  show.output = false;
  Layout hidden = ComputeLayout(ImVec2(1366, 768), 20.f, 16.f, show);
  TileStage(hidden, {{"sliding_window", 0.4f}, {"output", 0.6f}}, show);
  EXPECT_FALSE(hidden.output.visible);
  EXPECT_NEAR(hidden.window.size.x, hidden.view_tabs.size.x, 1.f);
}

TEST(LayoutFit, StageEntriesAreChecked) {
  auto good = StageFromJson(nlohmann::json::parse(R"({"stage": [["input", 0.3], ["kernel", 1]]})"));
  ASSERT_TRUE(good);
  ASSERT_EQ(good.value().size(), 2u);
  EXPECT_EQ(good.value()[1].panel, "kernel");
  EXPECT_FLOAT_EQ(good.value()[0].share, 0.3f);
  EXPECT_TRUE(StageFromJson(nlohmann::json::parse("{}")).value().empty());
  auto unknown = StageFromJson(nlohmann::json::parse(R"({"stage": [["kernels", 1]]})"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("\"kernels\""), std::string::npos);
  auto negative = StageFromJson(nlohmann::json::parse(R"({"stage": [["input", -1]]})"));
  ASSERT_FALSE(negative);
  EXPECT_NE(negative.error().message.find("positive"), std::string::npos);
  EXPECT_FALSE(StageFromJson(nlohmann::json::parse(R"({"stage": "input"})")));
  // Presentation mode's own list is read and checked the same way, and named in its errors.
  const auto chapter = nlohmann::json::parse(
      R"({"stage": [["input", 1]], "present": [["sliding_window", 0.6], ["output", 0.4]]})");
  auto present = StageFromJson(chapter, "present");
  ASSERT_TRUE(present);
  ASSERT_EQ(present.value().size(), 2u);
  EXPECT_EQ(present.value()[1].panel, "output");
  EXPECT_EQ(StageFromJson(chapter).value()[0].panel, "input");
  auto bad = StageFromJson(nlohmann::json::parse(R"({"present": [["window", 1]]})"), "present");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("\"present\" names no step-by-step panel: \"window\""),
            std::string::npos)
      << bad.error().message;
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// The dot product's table (a child window of the panel).
ImGuiWindow* ProductsTable() {
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
    if (window->WasActive &&
        std::string(window->Name).find("###panel.dot_product/taps_") != std::string::npos)
      return window;
  return nullptr;
}

// Chapter 4's stage at 1366x768 with the kernel made `kernel_size` long (3 channels each), at
// product `tap` of the first window.
ImGuiWindow* ProductsAt(HeadlessUi& ui, AppState& app, int64_t kernel_size, int64_t tap) {
  EXPECT_TRUE(OpenChapter(app, 3, /*still=*/true));
  Conv1dSpec spec = app.session->recipe.spec;
  spec.kernel_size = kernel_size;
  spec.padding = 1;
  EXPECT_TRUE(SetBatch(app, 1));
  EXPECT_TRUE(SetLength(app, 24));
  EXPECT_TRUE(SetSpec(app, spec, "kernel_size"));
  SetGranularity(app, Granularity::kTap);
  SeekStep(app, tap);
  app.timeline.playing = false;
  SettledFrame(ui, app);
  return ProductsTable();
}

TEST(LayoutFit, TwelveProductsFitAt1366x768AndLongerKernelsScrollToTheCurrentOne) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1366, 768));
  // 3 channels x 4 taps = 12 products: every row on screen, no scroll bar, nothing cut.
  ImGuiWindow* table = ProductsAt(ui, app, 4, 11);
  ASSERT_NE(table, nullptr);
  EXPECT_FALSE(table->ScrollbarY);
  EXPECT_TRUE(testing::FindCutGlyphs(table->RootWindow).empty());
  ASSERT_EQ(app.session->geometry.taps, 12);
  // 3 x 20 = 60 products: the table scrolls, the current product (40) stays in view.
  table = ProductsAt(ui, app, 20, 40);
  ASSERT_NE(table, nullptr);
  EXPECT_TRUE(table->ScrollbarY);
  const float row_h = table->ContentSize.y / 61.f;  // 60 rows and the header
  const float row_top = row_h * 41.f;
  EXPECT_GE(row_top, table->Scroll.y + row_h) << "above the view";
  EXPECT_LE(row_top + row_h, table->Scroll.y + table->InnerRect.GetHeight()) << "below the view";
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// The position column: l = t·stride + k·dilation − padding, padding marked as padding.
TEST(LayoutFit, TheDotProductNamesThePositionEachProductReads) {
  AppState app;
  testing::InitApp(app);
  Conv1dSpec spec = app.session->recipe.spec;
  spec.kernel_size = 3;
  spec.stride = 2;
  spec.dilation = 2;
  spec.padding = 2;
  ASSERT_TRUE(SetSpec(app, spec, "padding"));
  const Geometry& g = app.session->geometry;
  // Window t = 1 of y[0, 0, 1]: positions 1·2 + k·2 − 2 = 0, 2, 4 for k = 0, 1, 2.
  SeekOutput(app, 0, 0, 1);
  auto step = CurrentStepState(app);
  ASSERT_TRUE(step);
  EXPECT_EQ(TapPositionLabel(step->taps[0], g, app.i18n), "0");
  EXPECT_EQ(TapPositionLabel(step->taps[1], g, app.i18n), "2");
  EXPECT_EQ(TapPositionLabel(step->taps[2], g, app.i18n), "4");
  // Window t = 0: -2 and 0 and 2; -2 is zero padding.
  SeekOutput(app, 0, 0, 0);
  step = CurrentStepState(app);
  EXPECT_EQ(TapPositionLabel(step->taps[0], g, app.i18n), "-2 pad");
  EXPECT_EQ(TapPositionLabel(step->taps[1], g, app.i18n), "0");
  // Reflect padding: position -2 is a copy of position 2.
  spec.padding_mode = PaddingMode::kReflect;
  ASSERT_TRUE(SetSpec(app, spec, "padding_mode"));
  SeekOutput(app, 0, 0, 0);
  step = CurrentStepState(app);
  EXPECT_EQ(TapPositionLabel(step->taps[0], app.session->geometry, app.i18n), "-2→2");
  ASSERT_TRUE(SetLanguage(app, "zh"));
  spec.padding_mode = PaddingMode::kZeros;
  ASSERT_TRUE(SetSpec(app, spec, "padding_mode"));
  SeekOutput(app, 0, 0, 0);
  step = CurrentStepState(app);
  EXPECT_EQ(TapPositionLabel(step->taps[0], app.session->geometry, app.i18n), "-2 填充");
}

}  // namespace
}  // namespace convstep::gui
