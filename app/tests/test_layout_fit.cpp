// A layout that never cuts: whole UI frames, headless, at every common screen size from a
// projector's 1024x768 to 4K, at text scales 1, 1.5 and 2, in English and Chinese, on the
// seed example and on the lesson's chapters 3, 4 and 6. Every glyph a panel draws lies inside
// the place it is drawn in, unless the panel scrolls (a scroll bar, or a canvas that pans).
// The seed example's kernel bank and output show numbers, never colour blocks alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "model/lesson_stage.h"
#include "model/stage_panels.h"
#include "platform/options.h"
#include "state/lesson.h"
#include "state/presentation_mode.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "ui/panels/dot_product_panel.h"
#include "ui/presentation.h"
#include "ui/stage_layout.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

const ImVec2 kSizes[] = {{1024, 768},  {1280, 720},  {1366, 768}, {1600, 900},
                         {1920, 1080}, {2560, 1440}, {3840, 2160}};
const float kTextScales[] = {1.f, 1.5f, 2.f};
const char* kLanguages[] = {"en", "zh"};

// What is on screen: the seed example at step 34 (the README's picture), or a lesson chapter.
struct Screen {
  const char* name;
  int chapter;  ///< 1-based; 0: the seed example
};
const Screen kScreens[] = {{"seed example, step 34", 0},
                           {"chapter 3 (kernel bank)", 3},
                           {"chapter 4 (dot product)", 4},
                           {"chapter 6 (output)", 6}};

void ShowScreen(AppState& app, const Screen& screen) {
  if (screen.chapter > 0) {
    auto opened = OpenChapter(app, screen.chapter - 1, /*still=*/true);
    ASSERT_TRUE(opened) << opened.error().message;
  } else {
    app.view.show.side = SideTab::kParameters;
    app.view.show.view = MainView::kSteps;
    auto opened =
        OpenSpecFile(app, std::string(CONVSTEP_ASSETS_DIR) + "/presets/01_seed_example.json");
    ASSERT_TRUE(opened) << opened.error().message;
    SeekStep(app, 34);
  }
  app.permute.progress = 1.f;
  app.window_tween.progress = 1.f;
}

// Frames until the layout settles (fonts, scroll bars, follow), then one measured frame.
void SettledFrame(HeadlessUi& ui, AppState& app) {
  for (int i = 0; i < 3; ++i) ui.Frame(app, 1e-4f);
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;  // only glyphs are textured
  ui.Frame(app, 1e-4f);
}

std::string Describe(const testing::CutGlyph& cut) {
  char text[256];
  std::snprintf(
      text, sizeof text, "%s: glyph (%.0f,%.0f)-(%.0f,%.0f) outside (%.0f,%.0f)-(%.0f,%.0f)",
      cut.window.c_str(), cut.glyph.Min.x, cut.glyph.Min.y, cut.glyph.Max.x, cut.glyph.Max.y,
      cut.visible.Min.x, cut.visible.Min.y, cut.visible.Max.x, cut.visible.Max.y);
  return text;
}

// Every root window on screen but the menus and tooltips: the panels.
bool IsPanel(ImGuiWindow* window) {
  if (!window->WasActive || window->RootWindow != window || window->Hidden) return false;
  const ImGuiWindowFlags transient =
      ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup | ImGuiWindowFlags_ChildMenu;
  return (window->Flags & transient) == 0 && window->DrawList->VtxBuffer.Size > 0;
}

// The cut glyphs of every panel that does not scroll, and the glyphs trimmed to fit in any
// panel's title bar (Dear ImGui clips a title that runs past its bar; BeginPanel then drops the
// shape and shows the whole title on hover), as lines of text (empty: none).
std::string CutTextInFixedPanels() {
  std::string report;
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (!IsPanel(window)) continue;
    const bool scrolls = testing::WindowScrolls(window);
    // Title bars only for now: combo boxes (the chapter list, "given as") still trim their
    // text in narrow side columns.
    const auto trimmed =
        testing::FindTrimmedGlyphs(window, window->Pos.y, window->Pos.y + window->TitleBarHeight());
    if (!trimmed.empty()) {
      char line[200];
      std::snprintf(line, sizeof line, "  %s: text trimmed to fit at (%.0f,%.0f) (%zu glyphs)\n",
                    trimmed.front().window.c_str(), trimmed.front().glyph.Min.x,
                    trimmed.front().glyph.Min.y, trimmed.size());
      report += line;
    }
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
    if (scrolls) continue;
    const auto cut = testing::FindCutGlyphs(window);
    if (!cut.empty())
      report += "  " + Describe(cut.front()) + " (" + std::to_string(cut.size()) + " glyphs)\n";
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
          const std::string cut = CutTextInFixedPanels();
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

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

// Glyphs drawn by a panel (found by its "###id"); their median height is a digit's height.
struct PanelGlyphs {
  size_t count = 0;
  float median_height = 0.f;
  float median_digit_height = 0.f;  ///< of the digits 0-9 alone (found by their atlas texels)
  bool scrolls = false;
};

// The atlas texels of the digits 0-9 of every loaded face: a glyph quad whose top-left texel is
// one of these is a digit.
std::vector<ImVec2> DigitTexels() {
  std::vector<ImVec2> texels;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (ImWchar c = '0'; c <= '9'; ++c)
      if (const ImFontGlyph* glyph = font->FindGlyphNoFallback(c))
        texels.push_back(ImVec2(glyph->U0, glyph->V0));
  return texels;
}

float Median(std::vector<float> values) {
  if (values.empty()) return 0.f;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

bool Shown(const char* panel) {
  ImGuiWindow* window = ImGui::FindWindowByName(panel);
  return window && window->Active;
}

PanelGlyphs GlyphsOf(const char* panel) {
  PanelGlyphs out;
  ImGuiWindow* window = ImGui::FindWindowByName(panel);
  if (!window || !window->WasActive) return out;
  const std::vector<testing::GlyphQuad> glyphs = testing::GlyphQuads(window);
  out.count = glyphs.size();
  out.scrolls = testing::WindowScrolls(window);
  const std::vector<ImVec2> digits = DigitTexels();
  std::vector<float> heights, digit_heights;
  for (const testing::GlyphQuad& glyph : glyphs) {
    heights.push_back(glyph.rect.GetHeight());
    for (const ImVec2& texel : digits)
      if (texel.x == glyph.texel.x && texel.y == glyph.texel.y) {
        digit_heights.push_back(glyph.rect.GetHeight());
        break;
      }
  }
  out.median_height = Median(heights);
  out.median_digit_height = Median(digit_heights);
  return out;
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
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

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

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

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
// narration, with digits at least 3% of the screen's height, at 1920x1080 and at 1366x768
// (a projector's laptop); F5, B and Esc work.
TEST(Presentation, EveryChaptersPanelsFillTheScreenWithDigitsAtLeast3Percent) {
  for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1366, 768)}) {
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
      // The presented panels and the narration share the screen, the panels reach its bottom.
      float area = narration->Size.x * narration->Size.y;
      for (const StagePanel& presented : PresentedPanels(app)) {
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
    if (size.x != 1920.f) continue;
    // Chapters 3 and 6 show all their numbers without scrolling.
    ASSERT_TRUE(OpenChapter(app, 2, /*still=*/true));
    SettledFrame(ui, app);
    EXPECT_FALSE(GlyphsOf("###panel.kernels").scrolls);
    ASSERT_TRUE(OpenChapter(app, 5, /*still=*/true));
    SettledFrame(ui, app);
    EXPECT_FALSE(GlyphsOf("###panel.output").scrolls);
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

using testing::HeadlessUi;

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
