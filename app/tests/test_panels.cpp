// Whole UI frames without a renderer: every panel draws for the seed example, the presets
// (padding modes, groups, the large example), an empty batch and an invalid edit; keys drive
// the timeline; the mouse over the output panel lights a receptive field.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

const char* kPanels[] = {"###panel.input",   "###panel.permute",     "###panel.kernels",
                         "###panel.window",  "###panel.dot_product", "###panel.output",
                         "###formula_strip", "###timeline"};

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
