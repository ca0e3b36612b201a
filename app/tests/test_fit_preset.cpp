// The blog post's preset: its printed input and output, the kernel recovered at load, so the
// app shows the very numbers the post printed.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "convstep/io_json.h"
#include "state/app_state.h"
#include "state/lesson.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

TEST(FitPreset, TheBlogPostsPresetReproducesEveryPrintedOutput) {
  AppState app;
  testing::InitApp(app);
  size_t preset = app.presets.size();
  for (size_t i = 0; i < app.presets.size(); ++i)
    if (app.presets[i].path.find("02_seed_document") != std::string::npos) preset = i;
  ASSERT_LT(preset, app.presets.size());
  const auto opened = OpenPreset(app, preset);
  ASSERT_TRUE(opened) << opened.error().OneLine();
  std::ifstream file(std::string(CONVSTEP_SOURCE_DIR) + "/core/tests/golden/seed_document.json");
  std::ostringstream text;
  text << file.rdbuf();
  const auto printed = TensorFromJson(nlohmann::json::parse(text.str())["output"], "output");
  ASSERT_TRUE(printed);
  const Tensor& output = app.session->output;
  ASSERT_EQ(output.shape, (Shape{6, 8, 4}));
  for (size_t i = 0; i < output.data.size(); ++i)
    EXPECT_NEAR(output.data[i], printed->data[i], 1e-4) << "output element " << i;
  // The recovered kernel lies inside nn.Conv1d's initialisation bound 1/sqrt(3 * 2).
  for (float w : app.session->problem.weight.data) EXPECT_LE(std::fabs(w), 1.0 / std::sqrt(6.0));
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

TEST(FitPreset, TheLessonsAsideOpensTheRecoveredKernel) {
  AppState app;
  testing::InitApp(app);
  ASSERT_EQ(app.teach.lesson.chapters.back().id, 11);
  OpenChapter(app, 10);
  ASSERT_TRUE(app.session);
  const auto doc = nlohmann::json::parse(
      std::ifstream(std::string(CONVSTEP_SOURCE_DIR) + "/core/tests/golden/seed_document.json"));
  const auto printed = TensorFromJson(doc["output"], "output");
  ASSERT_TRUE(printed);
  ASSERT_EQ(app.session->output.shape, printed->shape);
  for (size_t i = 0; i < printed->data.size(); ++i)
    EXPECT_NEAR(app.session->output.data[i], printed->data[i], 1e-4);
}

}  // namespace
}  // namespace convstep::gui
