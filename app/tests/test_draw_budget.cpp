// The frame's drawing cost must not grow with the tensors: whole UI frames, headless, of the
// seed example and of far larger layers (the large preset, a 100,000-long input, a wide
// dilated kernel with groups) must produce about as many vertices, with and without the
// pointer over a panel. Counts, not timings: a vertex count is the same on every machine.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <imgui_internal.h>

#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

// The large layers may draw at most this many times the seed example's vertices.
constexpr double kBudgetFactor = 1.5;

// The step-by-step panels (the side column and the tab bars are the same for every layer).
const char* kPanels[] = {"###panel.input",   "###panel.permute",     "###panel.kernels",
                         "###panel.window",  "###panel.dot_product", "###panel.output",
                         "###formula_strip", "###timeline"};

// Where the pointer is during a measured frame: nowhere, or the middle of a panel.
const char* kPointerPanels[] = {nullptr, "###panel.input", "###panel.kernels", "###panel.window",
                                "###panel.output"};

// Vertices each panel window drew in the last frame (its child windows, e.g. tables, included).
std::string VerticesPerPanel() {
  std::string text;
  for (const char* name : kPanels) {
    ImGuiWindow* panel = ImGui::FindWindowByName(name);
    if (!panel || !panel->WasActive) continue;
    int total = 0;
    for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
      if (window->WasActive && window->RootWindow == panel)
        total += window->DrawList->VtxBuffer.Size;
    text += std::string("  ") + (name + 3) + " " + std::to_string(total);
  }
  return text;
}

// Vertices of one frame of the whole UI at `step` with the pointer over the middle of
// `pointer_panel` (null: off screen), after a few frames that settle the layout and the
// hover highlight (at `pointer_height`, a fraction of the panel's height). `panels` receives
// the count per panel.
int FrameVertices(HeadlessUi& ui, AppState& app, int64_t step, const char* pointer_panel,
                  std::string* panels, float pointer_height = 0.6f) {
  SeekStep(app, step);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ui.Frame(app);
  if (pointer_panel) {
    ImGuiWindow* window = ImGui::FindWindowByName(pointer_panel);
    if (window)
      io.MousePos =
          ImVec2(window->Pos.x + window->Size.x * 0.5f, window->Pos.y + window->Size.y * 0.6f);
  }
  int vertices = 0;
  for (int i = 0; i < 3; ++i) vertices = ui.Frame(app);
  *panels = VerticesPerPanel();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  return vertices;
}

struct Layer {
  const char* name;
  std::string spec_json;  ///< empty: the large preset's file
};

void OpenLayer(AppState& app, const Layer& layer) {
  if (layer.spec_json.empty()) {
    ASSERT_TRUE(OpenSpecFile(app, std::string(CONVSTEP_ASSETS_DIR) + "/presets/08_large.json"));
  } else {
    auto opened = OpenSpecText(app, layer.spec_json, "test");
    ASSERT_TRUE(opened) << opened.error().message;
  }
  app.permute.progress = 1.f;  // the permuted picture, as screenshots show it
}

std::vector<Layer> LargeLayers() {
  return {
      {"large preset [32, 2048, 64], Conv1d(64, 64, 5)", ""},
      {"long input [6, 100000, 3], Conv1d(3, 8, 2)",
       R"({"conv": {"in_channels": 3, "out_channels": 8, "kernel_size": 2, "bias": false},
           "input_layout": "NLC", "input_shape": [6, 100000, 3], "seed": 0})"},
      {"wide kernel [2, 128, 512], Conv1d(128, 128, 48, padding=16 reflect, dilation=2, groups=4)",
       R"({"conv": {"in_channels": 128, "out_channels": 128, "kernel_size": 48, "padding": 16,
                    "padding_mode": "reflect", "dilation": 2, "groups": 4},
           "input_shape": [2, 128, 512], "seed": 0})"},
  };
}

TEST(DrawBudget, LargeLayersDrawAboutAsMuchAsTheSeedExample) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  app.permute.progress = 1.f;
  // The seed example at step 34 (y[0, 1, 1], product 5 of 6), as in the README's picture.
  std::map<const char*, int> seed;
  for (const char* pointer : kPointerPanels) {
    std::string panels;
    seed[pointer] = FrameVertices(ui, app, 34, pointer, &panels);
    ASSERT_GT(seed[pointer], 5000) << panels;
  }
  double worst_ratio = 0.0;
  std::string worst;
  int hovered = 0;
  for (const Layer& layer : LargeLayers()) {
    ASSERT_NO_FATAL_FAILURE(OpenLayer(app, layer));
    const int64_t count = StepCount(app);
    for (int64_t step : {int64_t{34}, count / 2 + 7, count - 1}) {
      for (const char* pointer : kPointerPanels) {
        std::string panels;
        const int vertices = FrameVertices(ui, app, step, pointer, &panels);
        hovered += app.hover.hovered.kind != HoverKind::kNone;
        const std::string where = std::string(layer.name) + ", step " + std::to_string(step) +
                                  ", pointer " + (pointer ? pointer : "away");
        EXPECT_LE(vertices, seed[pointer] * kBudgetFactor) << where << panels;
        const double ratio = static_cast<double>(vertices) / seed[pointer];
        if (ratio > worst_ratio) {
          worst_ratio = ratio;
          worst = where + ": " + std::to_string(vertices) + " vertices," + panels;
        }
      }
    }
  }
  std::printf("most vertices relative to the seed example: %.2fx, %s\n", worst_ratio,
              worst.c_str());
  std::printf("frames with a cell under the pointer: %d\n", hovered);
  EXPECT_GE(hovered, 20);  // of 36 with the pointer over a panel: highlights were drawn too
}

// Zoomed all the way out, cells of a few pixels merge into blocks: the frame costs no more.
TEST(DrawBudget, ZoomedAllTheWayOutCellsMergeIntoBlocks) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  app.permute.progress = 1.f;
  std::string panels;
  const int seed = FrameVertices(ui, app, 34, nullptr, &panels);
  int hovered = 0;
  for (const Layer& layer : LargeLayers()) {
    ASSERT_NO_FATAL_FAILURE(OpenLayer(app, layer));
    for (CanvasView* view :
         {&app.canvases.input, &app.canvases.kernels, &app.canvases.window, &app.canvases.output})
      view->zoom = kMinZoom;
    for (const char* pointer : kPointerPanels) {
      // The zoomed-out grids sit at the top of their panels.
      const int vertices = FrameVertices(ui, app, StepCount(app) / 3, pointer, &panels, 0.3f);
      hovered += app.hover.hovered.kind != HoverKind::kNone;
      EXPECT_LE(vertices, seed * kBudgetFactor)
          << layer.name << ", pointer " << (pointer ? pointer : "away") << panels;
    }
  }
  std::printf("frames with a cell under the pointer: %d\n", hovered);
  EXPECT_GE(hovered, 4);  // of 12 with the pointer over a panel: highlights were drawn too
}

// The Conv1d-vs-Conv2d view draws the input twice and, with a low Conv2d kernel, C - kh + 1
// output rows: with kernel heights C and 1 the large layers stay within the budget too.
TEST(DrawBudget, TheConv2dViewOfLargeLayers) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  app.permute.progress = 1.f;
  app.view.show.view = MainView::kConv2d;
  std::string panels;
  std::map<int64_t, int> seed;
  for (int64_t kernel_height : {int64_t{0}, int64_t{1}}) {  // 0: C (the whole height)
    app.teach.conv2d.kernel_height = kernel_height;
    seed[kernel_height] = FrameVertices(ui, app, 34, nullptr, &panels);
  }
  for (const Layer& layer : LargeLayers()) {
    ASSERT_NO_FATAL_FAILURE(OpenLayer(app, layer));
    for (int64_t kernel_height : {int64_t{0}, int64_t{1}}) {
      app.teach.conv2d.kernel_height = kernel_height;
      const int vertices = FrameVertices(ui, app, 34, nullptr, &panels);
      EXPECT_LE(vertices, seed[kernel_height] * kBudgetFactor)
          << layer.name << ", Conv2d kernel height " << kernel_height;
    }
  }
}

}  // namespace
}  // namespace convstep::gui
