// The frame's drawing cost must not grow with the tensors: whole UI frames, headless, of the
// seed example and of far larger layers must produce about as many vertices. Counts, not
// timings: a vertex count is the same on every machine.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include <imgui_internal.h>

#include "test_util.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

// The step-by-step panels (the side column and the tab bars are the same for every layer).
const char* kPanels[] = {"###panel.input",   "###panel.permute",     "###panel.kernels",
                         "###panel.window",  "###panel.dot_product", "###panel.output",
                         "###formula_strip", "###timeline"};

// Vertices each panel window drew in the last frame (child windows, e.g. tables, included).
std::map<std::string, int> VerticesPerPanel() {
  std::map<std::string, int> out;
  for (const char* name : kPanels) {
    ImGuiWindow* panel = ImGui::FindWindowByName(name);
    if (!panel || !panel->WasActive) continue;
    int total = 0;
    for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
      if (window->WasActive && (window == panel || window->RootWindow == panel))
        total += window->DrawList->VtxBuffer.Size;
    out[name] = total;
  }
  return out;
}

std::string Describe(const std::map<std::string, int>& per_panel) {
  std::string text;
  for (const auto& [name, count] : per_panel) text += "  " + name + ": " + std::to_string(count);
  return text;
}

// Vertices of one frame of the whole UI at `step` (after a few frames to settle the layout).
int FrameVertices(HeadlessUi& ui, AppState& app, int64_t step, std::map<std::string, int>* panels) {
  SeekStep(app, step);
  int vertices = 0;
  for (int i = 0; i < 4; ++i) vertices = ui.Frame(app);
  *panels = VerticesPerPanel();
  return vertices;
}

// A layer opened from spec text (built at once, as --spec does).
void OpenSpec(AppState& app, const std::string& json) {
  auto opened = OpenSpecText(app, json, "test");
  ASSERT_TRUE(opened) << opened.error().message;
}

TEST(DrawBudget, VerticesPerPanelOfTheSeedAndTheLargePreset) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui;
  app.permute.progress = 1.f;
  std::map<std::string, int> seed_panels;
  const int seed = FrameVertices(ui, app, 34, &seed_panels);
  std::printf("seed [6,3,5]: %d vertices:%s\n", seed, Describe(seed_panels).c_str());
  ASSERT_GT(seed, 5000);

  ASSERT_TRUE(OpenSpecFile(app, std::string(CONVSTEP_ASSETS_DIR) + "/presets/08_large.json"));
  app.permute.progress = 1.f;
  for (int64_t step : {int64_t{0}, int64_t{34}, StepCount(app) / 2, StepCount(app) - 1}) {
    std::map<std::string, int> panels;
    const int large = FrameVertices(ui, app, step, &panels);
    std::printf("large [32,64,2048] step %lld: %d vertices:%s\n", static_cast<long long>(step),
                large, Describe(panels).c_str());
    EXPECT_GT(large, 1000);  // the budget (kBudgetFactor) is asserted with the panels' fix
  }
}

}  // namespace
}  // namespace convstep::gui
