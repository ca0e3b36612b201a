// Whole UI frames without a renderer: every panel draws for the seed example, the presets
// (padding modes, groups, the large example), an empty batch and an invalid edit; keys drive
// the timeline; the mouse over the output panel lights a receptive field. Windows open by name
// (--open), the Fit window's error reads as the panels' do, and text shortens to a width.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "state/fit_window.h"
#include "support/headless_ui.h"
#include "support/layout_check.h"
#include "ui/draw/colormap.h"
#include "ui/draw/grid.h"
#include "ui/draw/wrap_text.h"
#include "ui/windows/open_window.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

const char* kPanels[] = {"###panel.input",   "###panel.permute",     "###panel.kernels",
                         "###panel.window",  "###panel.dot_product", "###panel.output",
                         "###formula_strip", "###timeline"};

// A cell half scrolled under a sticky label or a panel edge shows its colour, not the digits
// the clip would leave ("c0" beside ".1258" of -1.1258 reads as another number); a whole cell
// shows its number.
TEST(ValueCells, ANumberTheClipWouldCutIsLeftOut) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ui.Frame(app);  // builds the fonts
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 200));
  ImGui::Begin("###cell_probe", nullptr, ImGuiWindowFlags_NoSavedSettings);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(ImVec2(100, 0), ImVec2(300, 200), true);
  const ImU32 ink = IM_COL32(0, 0, 0, 255);
  DrawCenteredText(draw, ImVec2(40, 20), ImVec2(140, 44), ink, "-1.1258", CellText{});    // left
  DrawCenteredText(draw, ImVec2(260, 20), ImVec2(360, 44), ink, "-2.1152", CellText{});   // right
  DrawCenteredText(draw, ImVec2(150, 185), ImVec2(250, 209), ink, "0.3223", CellText{});  // low
  DrawCenteredText(draw, ImVec2(150, 60), ImVec2(250, 84), ink, "-0.4339", CellText{});   // whole
  draw->PopClipRect();
  ImGui::End();
  ImGui::Render();
  const std::vector<testing::GlyphQuad> glyphs =
      testing::GlyphQuads(ImGui::FindWindowByName("###cell_probe"));
  ASSERT_EQ(glyphs.size(), 7u);  // "-0.4339" alone
  for (const testing::GlyphQuad& glyph : glyphs) {
    EXPECT_GE(glyph.rect.Min.y, 60.f);
    EXPECT_LE(glyph.rect.Max.y, 84.f);
  }
}

// The one test both the grids' numbers and the dot-product table's cells use: inside the clip
// rectangle, to half a pixel.
TEST(ValueCells, InsideClipRectAllowsHalfAPixel) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ui.Frame(app);
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 200));
  ImGui::Begin("###clip_probe", nullptr, ImGuiWindowFlags_NoSavedSettings);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(ImVec2(100, 50), ImVec2(300, 150), true);
  EXPECT_TRUE(InsideClipRect(draw, ImVec2(100, 50), ImVec2(300, 150)));
  EXPECT_TRUE(InsideClipRect(draw, ImVec2(99.6f, 60), ImVec2(140, 84)));
  EXPECT_FALSE(InsideClipRect(draw, ImVec2(99, 60), ImVec2(140, 84)));     // left
  EXPECT_FALSE(InsideClipRect(draw, ImVec2(260, 60), ImVec2(301, 84)));    // right
  EXPECT_FALSE(InsideClipRect(draw, ImVec2(150, 49), ImVec2(190, 73)));    // top
  EXPECT_FALSE(InsideClipRect(draw, ImVec2(150, 130), ImVec2(190, 151)));  // bottom
  draw->PopClipRect();
  ImGui::End();
  ImGui::Render();
}

TEST(Panels, TheSeedExampleDrawsEveryPanel) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  int vertices = 0;
  for (int i = 0; i < 5; ++i) vertices = ui.Frame(app);
  EXPECT_GT(vertices, 5000);
  for (const char* name : kPanels) {
    ImGuiWindow* window = ImGui::FindWindowByName(name);
    ASSERT_NE(window, nullptr) << name;
    EXPECT_TRUE(window->WasActive) << name;
    EXPECT_GT(window->Size.x, 100.f) << name;
  }
  EXPECT_NE(ImGui::FindWindowByName("Parameters##panel.parameters"), nullptr);
}

TEST(Panels, PanelsTileTheWindowWithoutOverlapAt1280x720) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1280.f, 720.f));
  ui.Frame(app);
  ui.Frame(app);
  std::vector<ImRect> rects;
  for (const char* name : kPanels) {
    ImGuiWindow* window = ImGui::FindWindowByName(name);
    ASSERT_NE(window, nullptr) << name;
    rects.push_back(window->Rect());
    EXPECT_LE(window->Rect().Max.x, 1280.5f) << name;
    EXPECT_LE(window->Rect().Max.y, 720.5f) << name;
  }
  for (size_t i = 0; i < rects.size(); ++i)
    for (size_t j = i + 1; j < rects.size(); ++j) {
      ImRect overlap = rects[i];
      overlap.ClipWithFull(rects[j]);
      EXPECT_TRUE(overlap.GetWidth() <= 1.f || overlap.GetHeight() <= 1.f)
          << kPanels[i] << " / " << kPanels[j];
    }
}

TEST(Panels, EveryPresetAndEveryGranularityDraws) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  for (size_t i = 0; i < app.presets.size(); ++i) {
    ASSERT_TRUE(OpenPreset(app, i)) << app.presets[i].path;
    for (Granularity g :
         {Granularity::kTap, Granularity::kWindow, Granularity::kRow, Granularity::kBatch}) {
      SetGranularity(app, g);
      SeekStep(app, StepCount(app) / 3);
      EXPECT_GT(ui.Frame(app), 1000) << app.presets[i].path;
      SeekStep(app, StepCount(app) - 1);
      ui.Frame(app);
    }
  }
}

// Text without its spaces and line breaks: wrapped text reaches the log in pieces.
std::string WithoutSpaces(std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n'; }),
             text.end());
  return text;
}

// The table rounds its products to 4 places but adds the unrounded float32 products: on the seed
// example 0.3461 + 0.1366 shows a running sum of 0.4828, not 0.4827. A note under the table
// says so, in English and in Chinese.
TEST(Panels, TheDotProductTableSaysItsSumsAddTheUnroundedProducts) {
  AppState app;
  testing::InitApp(app);
  SetGranularity(app, Granularity::kTap);
  SeekStep(app, 1);
  const StepState step = MakeWalkthrough(*app.session).State(1, Granularity::kTap);
  const NumberStyle& style = app.session->output_style;
  const float shown_sum = std::stof(FormatValue(step.taps[0].product, style).c_str()) +
                          std::stof(FormatValue(step.taps[1].product, style).c_str());
  char by_hand[32];
  std::snprintf(by_hand, sizeof by_hand, "%.4f", static_cast<double>(shown_sum));
  EXPECT_STREQ(by_hand, "0.4827");
  EXPECT_STREQ(FormatValue(step.taps[1].running_sum, style).c_str(), "0.4828");
  HeadlessUi ui;
  for (const char* language : {"en", "zh"}) {
    if (std::string(language) == "zh" && !SetLanguage(app, "zh")) continue;  // no CJK font
    for (int i = 0; i < 3; ++i) ui.Frame(app);
    const std::string text = testing::DrawnText("###panel.dot_product");
    const std::string note = WithoutSpaces(Tr(app.i18n, "dot.rounding_note"));
    EXPECT_NE(note.find("float32"), std::string::npos) << note;
    EXPECT_NE(text.find(note), std::string::npos) << language << ": " << text;
  }
}

// Hovering a row of the table shows its product and running sum with every float32 digit.
TEST(Panels, HoveringADotProductRowShowsItsUnroundedProductAndSum) {
  AppState app;
  testing::InitApp(app);
  SetGranularity(app, Granularity::kTap);
  SeekStep(app, 1);
  HeadlessUi ui;
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  ImGuiWindow* panel = ImGui::FindWindowByName("###panel.dot_product");
  ASSERT_NE(panel, nullptr);
  ImGuiWindow* table = nullptr;  // the scrolling table is the panel's child window
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
    if (window->WasActive && window->ParentWindow == panel) table = window;
  ASSERT_NE(table, nullptr);
  // Tap 1's row: the third line of the table (the header, tap 0, tap 1).
  const float row_h = table->Size.y / 7.f;
  ImGui::GetIO().MousePos = ImVec2(table->Pos.x + 20.f, table->Pos.y + row_h * 2.5f);
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  const StepState step = MakeWalkthrough(*app.session).State(1, Granularity::kTap);
  const std::string tooltip = testing::DrawnText("##Tooltip_00");
  EXPECT_NE(tooltip.find(FormatPrecise(step.taps[1].product).c_str()), std::string::npos)
      << tooltip;
  EXPECT_NE(tooltip.find(FormatPrecise(step.taps[1].running_sum).c_str()), std::string::npos)
      << tooltip;
  EXPECT_NE(tooltip.find("float32"), std::string::npos) << tooltip;
}

TEST(Panels, AnEmptyBatchAndAnInvalidEditStillDraw) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ASSERT_TRUE(SetBatch(app, 0));
  ui.Frame(app);
  ui.Frame(app);
  ASSERT_TRUE(SetBatch(app, 6));
  Conv1dSpec spec = app.draft.spec;
  spec.groups = 2;
  EXPECT_FALSE(SetSpec(app, spec, "groups"));
  EXPECT_GT(ui.Frame(app), 5000);  // the last valid picture, plus the error box
  ASSERT_TRUE(app.edit_error);
}

// The error box says whose refusal it is: PyTorch's messages stand under "PyTorch refuses
// this:", ConvStep's own checks (a layer without input channels, which PyTorch 1.13 runs and
// answers with an empty [N, 0, L_out]) under "ConvStep refuses this:".
TEST(Panels, TheErrorBoxSaysWhetherPyTorchOrConvStepRefuses) {
  AppState app;
  testing::InitApp(app);
  app.view.show.side = SideTab::kParameters;
  HeadlessUi ui;
  const auto box_text = [&](const char* control) {
    for (int i = 0; i < 3; ++i) ui.Frame(app);
    const std::string child = std::string("error_") + control;
    for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
      if (window->WasActive && std::string(window->Name).find(child) != std::string::npos)
        return testing::DrawnText(window->Name);
    return std::string("(no error box for ") + control + ")";
  };
  Conv1dSpec spec = app.draft.spec;
  spec.stride = 0;
  EXPECT_FALSE(SetSpec(app, spec, "stride"));
  std::string text = box_text("stride");
  EXPECT_EQ(text.rfind("PyTorchrefusesthis:", 0), 0u) << text;
  spec = app.session->recipe.spec;
  spec.in_channels = 0;
  EXPECT_FALSE(SetSpec(app, spec, "in_channels"));
  text = box_text("in_channels");
  EXPECT_EQ(text.rfind("ConvSteprefusesthis:", 0), 0u) << text;
  EXPECT_NE(text.find("[N,0,L_out]"), std::string::npos) << text;
}

TEST(Panels, KeysDriveTheTimeline) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ui.Frame(app);
  ui.PressKey(app, 262);  // →
  EXPECT_EQ(app.timeline.step, 1);
  ui.PressKey(app, 263);  // ←
  EXPECT_EQ(app.timeline.step, 0);
  ui.PressKey(app, 269);  // End
  EXPECT_EQ(app.timeline.step, StepCount(app) - 1);
  ui.PressKey(app, 268);  // Home
  EXPECT_EQ(app.timeline.step, 0);
  ui.TypeChar(app, '+');
  EXPECT_FLOAT_EQ(app.timeline.speed, 2.f);
  ui.TypeChar(app, '-');
  ui.TypeChar(app, '-');
  EXPECT_FLOAT_EQ(app.timeline.speed, 0.5f);
  ui.PressKey(app, 32);  // Space
  EXPECT_TRUE(app.timeline.playing);
  for (int i = 0; i < 120; ++i) ui.Frame(app);  // two seconds at 0.5x: one step
  EXPECT_EQ(app.timeline.step, 2);
  ui.PressKey(app, 32);
  EXPECT_FALSE(app.timeline.playing);
}

TEST(Panels, HoveringAnOutputCellLightsItsReceptiveField) {
  AppState app;
  testing::InitApp(app);
  SetGranularity(app, Granularity::kRow);
  SeekStep(app, 2);  // rows 0..2 of sentence 0 are computed
  HeadlessUi ui;
  ui.Frame(app);
  ui.Frame(app);
  ImGuiWindow* output = ImGui::FindWindowByName("###panel.output");
  ASSERT_NE(output, nullptr);
  // Sweep the pointer over the panel until it reports an output cell.
  bool found = false;
  for (float y = output->Pos.y + 40.f; y < output->Pos.y + output->Size.y && !found; y += 6.f) {
    for (float x = output->Pos.x + 10.f; x < output->Pos.x + output->Size.x && !found; x += 12.f) {
      ImGui::GetIO().MousePos = ImVec2(x, y);
      ui.Frame(app);
      found = app.hover.hovered.kind == HoverKind::kOutput;
    }
  }
  ASSERT_TRUE(found);
  ui.Frame(app);  // the highlight follows one frame later
  const Highlight& h = app.hover.highlight;
  EXPECT_EQ(h.target.kind, HoverKind::kOutput);
  EXPECT_EQ(h.output.size(), 1u);
  EXPECT_EQ(h.input.size(), 6u);
  EXPECT_EQ(h.weight.size(), 6u);
  ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

TEST(Panels, TheWheelZoomsADragPansADoubleClickResets) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ui.Frame(app);
  ui.Frame(app);
  ImGuiWindow* window = ImGui::FindWindowByName("###panel.window");
  ASSERT_NE(window, nullptr);
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 centre(window->Pos.x + window->Size.x * 0.5f, window->Pos.y + window->Size.y * 0.6f);
  io.MousePos = centre;
  ui.Frame(app);
  io.MouseWheel = 2.f;
  ui.Frame(app);
  io.MouseWheel = 0.f;
  EXPECT_NEAR(app.canvases.window.zoom, 1.44f, 0.01f);
  EXPECT_TRUE(app.canvases.window.follow);
  // Drag: press, move past the drag threshold, release.
  io.MouseDown[0] = true;
  ui.Frame(app);
  const ImVec2 pan_before = app.canvases.window.pan;
  io.MousePos = ImVec2(centre.x - 60.f, centre.y - 20.f);
  ui.Frame(app);
  ui.Frame(app);
  io.MouseDown[0] = false;
  ui.Frame(app);
  EXPECT_FALSE(app.canvases.window.follow);
  EXPECT_NE(app.canvases.window.pan.x, pan_before.x);
  EXPECT_EQ(app.hover.pinned.kind, HoverKind::kNone);  // a drag is not a click
  // Double-click: back to the natural size, following the step again.
  for (int click = 0; click < 2; ++click) {
    io.MouseDown[0] = true;
    ui.Frame(app);
    io.MouseDown[0] = false;
    ui.Frame(app);
  }
  EXPECT_FLOAT_EQ(app.canvases.window.zoom, 1.f);
  EXPECT_TRUE(app.canvases.window.follow);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

TEST(Panels, TextSizeRebuildsTheFonts) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  ui.Frame(app);
  const float before = ImGui::GetFontSize();
  SetTextScale(app, 2.f);
  EXPECT_TRUE(app.view.fonts_dirty);
  ui.Frame(app);
  EXPECT_FALSE(app.view.fonts_dirty);
  EXPECT_NEAR(ImGui::GetFontSize(), before * 2.f, 1.f);
  SetContentScale(app, 1.5f);
  ui.Frame(app);
  EXPECT_NEAR(ImGui::GetFontSize(), before * 3.f, 1.f);
}

TEST(Panels, TheForgotThePermuteWindowShowsPyTorchsError) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  app.show_forgot_permute = true;
  ui.Frame(app);
  ui.Frame(app);
  ImGuiWindow* window = ImGui::FindWindowByName("###forgot_permute_modal");
  ASSERT_NE(window, nullptr);
  EXPECT_TRUE(window->WasActive);
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

// The root windows on screen (panels, windows and modal dialogs; no menus or tooltips), by name.
std::set<std::string> RootWindowsShown() {
  std::set<std::string> names;
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    const ImGuiWindowFlags flags = window->Flags;
    const bool transient = (flags & ImGuiWindowFlags_Tooltip) ||
                           ((flags & ImGuiWindowFlags_Popup) && !(flags & ImGuiWindowFlags_Modal));
    if (window->WasActive && window->RootWindow == window && !transient) names.insert(window->Name);
  }
  return names;
}

TEST(Windows, EachNameOfOpenOpensOneMoreWindow) {
  ASSERT_FALSE(OpenableWindowNames().empty());
  for (const std::string& name : OpenableWindowNames()) {
    AppState app;
    testing::InitApp(app);
    HeadlessUi ui(ImVec2(1366.f, 768.f));
    for (int i = 0; i < 3; ++i) ui.Frame(app);
    const std::set<std::string> before = RootWindowsShown();
    ASSERT_TRUE(OpenWindowNamed(app, name)) << name;
    ui.Frame(app);
    ui.Frame(app);
    const std::set<std::string> after = RootWindowsShown();
    std::vector<std::string> opened;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                        std::back_inserter(opened));
    EXPECT_EQ(opened.size(), 1u) << name << ": " << ::testing::PrintToString(opened);
  }
  AppState app;
  testing::InitApp(app);
  EXPECT_FALSE(OpenWindowNamed(app, "fits"));
  EXPECT_FALSE(app.teach.fit.open);
}

// The glyphs `window` drew in colour `color` (four textured vertices each; textured lines off).
size_t GlyphsInColour(const char* window_name, ImU32 color) {
  ImGuiWindow* window = ImGui::FindWindowByName(window_name);
  if (!window) return 0;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  size_t vertices = 0;
  for (const ImDrawVert& vert : window->DrawList->VtxBuffer)
    vertices += vert.col == color && (vert.uv.x != white.x || vert.uv.y != white.y);
  return vertices / 4;
}

size_t VisibleCharacters(const std::string& text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return c != ' ' && c != '\n'; }));
}

// "Apply" before "Fit": the message in the error colour, the hint (what to do) in the text
// colour, as the parameters and sentences panels show an error.
TEST(Windows, TheFitWindowShowsItsErrorInRedAndItsHintAsText) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1366.f, 768.f));
  ui.Frame(app);  // fonts and style built
  ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  app.teach.fit.open = true;
  ASSERT_FALSE(ApplyWeightFit(app, app.teach.fit));
  ASSERT_TRUE(app.teach.fit.error);
  for (int i = 0; i < 3; ++i) ui.Frame(app);
  const std::string message = LocalizedMessage(app.i18n, *app.teach.fit.error);
  const std::string hint = LocalizedHint(app.i18n, *app.teach.fit.error);
  ASSERT_FALSE(hint.empty());
  EXPECT_EQ(GlyphsInColour("###fit_window", Palette::kError), VisibleCharacters(message));
  EXPECT_GE(GlyphsInColour("###fit_window", ImGui::GetColorU32(ImGuiCol_Text)),
            VisibleCharacters(hint));
}

TEST(Windows, ShortenToWidthKeepsWholeCharactersAndEndsInAnEllipsis) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(SetLanguage(app, "zh"));
  HeadlessUi ui;
  ui.Frame(app);  // fonts built, a current font
  const std::string title = "4. One dot product: 6 multiplications";
  EXPECT_EQ(ShortenToWidth(title, 10000.f), title);
  const float width = ImGui::CalcTextSize(title.c_str()).x * 0.5f;
  const std::string shorter = ShortenToWidth(title, width);
  EXPECT_LE(ImGui::CalcTextSize(shorter.c_str()).x, width);
  ASSERT_GE(shorter.size(), 4u);
  EXPECT_EQ(shorter.substr(shorter.size() - 3), "\u2026");
  EXPECT_EQ(title.rfind(shorter.substr(0, shorter.size() - 3), 0), 0u);
  EXPECT_NE(shorter[shorter.size() - 4], ' ');
  // Chinese: cut between characters, never inside one's UTF-8 bytes.
  const std::string chinese = "第4章：一次点积，6次乘法";
  const std::string cut = ShortenToWidth(chinese, ImGui::CalcTextSize(chinese.c_str()).x * 0.6f);
  const std::string kept = cut.substr(0, cut.size() - 3);
  ASSERT_LT(kept.size(), chinese.size());
  EXPECT_EQ(chinese.rfind(kept, 0), 0u);
  EXPECT_NE(static_cast<unsigned char>(chinese[kept.size()]) & 0xC0, 0x80);
  EXPECT_EQ(ShortenToWidth(chinese, 1.f), "\u2026");
}

}  // namespace
}  // namespace convstep::gui
