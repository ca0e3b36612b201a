// Cell edits recompute at once and keep the position; undo brings the session back; a saved
// session reopens to the very same screen (tensors, step, granularity, pin, view), keeps large
// tensors in .npy files beside it, and runs unchanged in convstep-cli forward.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "state/background.h"
#include "state/cell_edit.h"
#include "state/session_file.h"
#include "state/tensor_import.h"
#include "state/view_json.h"
#include "support/app_files.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

using testing::ScreenSnapshot;
using testing::TempDir;

TEST(CellEdit, EditingAnInputCellRecomputesTheOutputAtOnceAndKeepsThePosition) {
  AppState app;
  testing::InitApp(app);
  SeekStep(app, 5);  // y[0, 0, 0], its last multiply
  const TapCoord before = CurrentTap(app);
  const float x = app.session->input_given.at(0, 0, 0);
  // Double the first word's first component: y[0, o, 0] changes by x * w[o, 0, 0].
  PushUndo(app);
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kInput, 0, 0, 0}, 2.f * x));
  EXPECT_EQ(app.session->input_given.at(0, 0, 0), 2.f * x);
  EXPECT_EQ(app.session->problem.input.at(0, 0, 0), 2.f * x);  // permuted copy follows
  const TapCoord after = CurrentTap(app);
  EXPECT_EQ(after.n, before.n);
  EXPECT_EQ(after.out_channel, before.out_channel);
  EXPECT_EQ(after.t, before.t);
  EXPECT_EQ(after.tap, before.tap);
  const StepState state = *CurrentStepState(app);
  EXPECT_TRUE(state.window_complete);
  EXPECT_EQ(state.output, app.session->output.data[0]);
  // The values are now "randn, edited by hand"; the weights are still the generated ones.
  EXPECT_EQ(app.session->recipe.values, ValuesFrom::kSpecFile);
  EXPECT_TRUE(app.session->recipe.edited);
  EXPECT_EQ(ValuesOriginLabel(app.i18n, app.session->recipe), "randn, edited by hand");
  EXPECT_FALSE(app.session->recipe.fixed_weight);
  // Undo: the very session from before.
  const float y_edited = app.session->output.data[0];
  ASSERT_TRUE(UndoValues(app));
  EXPECT_EQ(app.session->input_given.at(0, 0, 0), x);
  EXPECT_NE(app.session->output.data[0], y_edited);
  EXPECT_EQ(app.session->recipe.values, ValuesFrom::kGenerated);
}

TEST(CellEdit, WeightAndBiasCellsAndCellsThatDoNotExist) {
  AppState app;
  testing::InitApp(app);
  Conv1dSpec spec = app.session->recipe.spec;
  spec.bias = true;
  ASSERT_TRUE(SetSpec(app, spec, "bias"));
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kWeight, 7, 2, 1}, 0.5f));
  EXPECT_EQ(*CellValue(*app.session, CellRef{EditedTensor::kWeight, 7, 2, 1}), 0.5f);
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kBias, 3, 0, 0}, -1.25f));
  EXPECT_EQ(app.session->problem.bias.data[3], -1.25f);
  EXPECT_EQ(app.session->problem.weight.data.back(), 0.5f);  // the weight edit stays
  const ScreenSnapshot before = ScreenSnapshot::Of(app);
  EXPECT_FALSE(SetCellValue(app, CellRef{EditedTensor::kWeight, 8, 0, 0}, 1.f));
  EXPECT_FALSE(SetCellValue(app, CellRef{EditedTensor::kInput, 6, 0, 0}, 1.f));
  EXPECT_FALSE(SetCellValue(app, CellRef{EditedTensor::kInput, 0, 0, 0}, std::nanf("")));
  EXPECT_TRUE(before == ScreenSnapshot::Of(app));
}

TEST(CellEdit, EditingTheSeedDocumentKeepsItsInputAndWeights) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(UseSeedDocumentInput(app));
  const Tensor weight = app.session->problem.weight;
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kInput, 5, 4, 2}, 1.f));
  EXPECT_EQ(app.session->problem.weight.data, weight.data);
  EXPECT_EQ(ValuesOriginLabel(app.i18n, app.session->recipe),
            "the blog post's printed input, edited by hand");
}

TEST(CellEdit, LargeSessionsBuildInTheBackgroundAndEditsLandInOrder) {
  AppState app;
  testing::InitApp(app);
  app.build.min_macs = 0;  // every session counts as large
  app.build.min_cells = 0;
  const std::shared_ptr<const Session> before = app.session;
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kInput, 0, 0, 0}, 3.f));
  EXPECT_TRUE(BuildPending(app));
  // A second edit before the first has landed: the first lands, the second builds on it.
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kWeight, 0, 0, 0}, 0.5f));
  FinishBuild(app);
  EXPECT_FALSE(BuildPending(app));
  EXPECT_NE(app.session, before);
  EXPECT_EQ(app.session->input_given.at(0, 0, 0), 3.f);
  EXPECT_EQ(app.session->problem.weight.data[0], 0.5f);
  EXPECT_TRUE(app.session->recipe.edited);
  // An import or an open supersedes an edit still building: it never lands afterwards.
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kInput, 0, 0, 1}, 9.f));
  ASSERT_TRUE(UseSeedDocumentInput(app));
  FinishBuild(app);
  EXPECT_EQ(app.session->recipe.values, ValuesFrom::kSeedDocument);
}

// Everything a reopened session must reproduce.
void ExpectSameScreen(const AppState& a, const AppState& b) {
  EXPECT_EQ(a.session->input_given.shape, b.session->input_given.shape);
  EXPECT_EQ(a.session->input_given.data, b.session->input_given.data);
  EXPECT_EQ(a.session->problem.weight.data, b.session->problem.weight.data);
  EXPECT_EQ(a.session->problem.bias.data, b.session->problem.bias.data);
  EXPECT_EQ(a.session->output.data, b.session->output.data);
  EXPECT_EQ(a.session->recipe.values, b.session->recipe.values);
  EXPECT_EQ(a.session->recipe.layout, b.session->recipe.layout);
  EXPECT_EQ(a.session->recipe.edited, b.session->recipe.edited);
  EXPECT_EQ(a.session->recipe.origin, b.session->recipe.origin);
  if (a.session->recipe.values == ValuesFrom::kSpecFile)
    EXPECT_EQ(ValuesOriginLabel(a.i18n, a.session->recipe),
              ValuesOriginLabel(b.i18n, b.session->recipe));
  EXPECT_EQ(a.timeline.step, b.timeline.step);
  EXPECT_EQ(a.timeline.granularity, b.timeline.granularity);
  EXPECT_EQ(a.timeline.speed, b.timeline.speed);
  EXPECT_TRUE(a.hover.pinned == b.hover.pinned);
  EXPECT_EQ(a.view.colormap, b.view.colormap);
  EXPECT_EQ(a.view.show_numbers, b.view.show_numbers);
  EXPECT_EQ(a.view.text_scale, b.view.text_scale);
  EXPECT_EQ(a.view.show.dot_product, b.view.show.dot_product);
  EXPECT_EQ(a.canvases.output.zoom, b.canvases.output.zoom);
  EXPECT_EQ(a.canvases.output.follow, b.canvases.output.follow);
  // And the document itself, written again, is the same.
  EXPECT_EQ(SessionToJson(a, "s", nullptr).dump(), SessionToJson(b, "s", nullptr).dump());
}

TEST(SessionFile, ASavedSessionReopensToTheSameScreen) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kInput, 2, 3, 1}, 7.5f));
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kWeight, 1, 0, 1}, -0.125f));
  SetGranularity(app, Granularity::kWindow);
  SeekStep(app, 77);
  app.timeline.speed = 4.f;
  app.hover.pinned = HoverTarget{HoverKind::kInput, 2, 1, 3};
  app.view.colormap = ColorMap::kBlueRed;
  app.view.show_numbers = false;
  app.view.show.dot_product = false;
  SetTextScale(app, 1.25f);
  app.canvases.output.zoom = 2.5f;
  app.canvases.output.follow = false;
  TempDir dir;
  ASSERT_TRUE(SaveSessionFile(app, dir / "lesson.json"));

  AppState reopened;
  testing::InitApp(reopened);
  ASSERT_TRUE(OpenSessionFile(reopened, dir / "lesson.json"));
  ExpectSameScreen(app, reopened);
}

TEST(SessionFile, ZoomAtItsBoundsAsTypedInAFileIsAccepted) {
  // kMinZoom is 0.05f, a hair above the double 0.05 a person types.
  const nlohmann::json typed = {{"output", {{"zoom", 0.05}}}, {"input", {{"zoom", 0.049}}}};
  auto low = CanvasesFromJson({{"output", {{"zoom", 0.05}}}}, Canvases{}, "view.canvases");
  ASSERT_TRUE(low) << low.error().OneLine();
  EXPECT_EQ(low->output.zoom, kMinZoom);
  auto too_low = CanvasesFromJson(typed, Canvases{}, "view.canvases");
  ASSERT_FALSE(too_low);
  EXPECT_NE(too_low.error().OneLine().find("view.canvases.input.zoom"), std::string::npos)
      << too_low.error().OneLine();
}

TEST(SessionFile, EveryKindOfValuesReopensAsTheSameKind) {
  TempDir dir;
  auto round_trip = [&](AppState& app) {
    ASSERT_TRUE(SaveSessionFile(app, dir / "s.json"));
    AppState reopened;
    testing::InitApp(reopened);
    ASSERT_TRUE(OpenSessionFile(reopened, dir / "s.json"));
    ExpectSameScreen(app, reopened);
  };
  {
    AppState app;  // generated: written as input_shape + values + seed
    testing::InitApp(app);
    ASSERT_TRUE(SetValueSource(app, ValueSource::kSmallIntegers));
    ASSERT_TRUE(SetSeed(app, 7));
    round_trip(app);
    const auto doc = nlohmann::json::parse(testing::ReadAll(dir / "s.json"));
    EXPECT_FALSE(doc.contains("input"));
    EXPECT_EQ(doc["input_shape"], nlohmann::json({6, 5, 3}));
  }
  {
    AppState app;  // the seed document
    testing::InitApp(app);
    ASSERT_TRUE(UseSeedDocumentInput(app));
    round_trip(app);
  }
  {
    AppState app;  // a pasted NCL input with bias
    testing::InitApp(app);
    Conv1dSpec spec = app.session->recipe.spec;
    spec.bias = true;
    spec.padding = 1;
    spec.padding_mode = PaddingMode::kReflect;
    ASSERT_TRUE(SetSpec(app, spec, "padding_mode"));
    Tensor x = Tensor::Zeros({2, 3, 4});
    for (size_t i = 0; i < x.data.size(); ++i) x.data[i] = static_cast<float>(i) * 0.5f - 3.f;
    ASSERT_TRUE(ImportTensor(app, x, ImportTarget::kInputNCL, kPastedOrigin));
    round_trip(app);
  }
}

TEST(SessionFile, LargeTensorsGoToNpyFilesBesideTheSession) {
  AppState app;
  testing::InitApp(app);
  Tensor big = Tensor::Zeros({4, 3, 10000});  // 120,000 numbers
  for (size_t i = 0; i < big.data.size(); ++i) big.data[i] = static_cast<float>(i % 97) / 7.f;
  ASSERT_TRUE(ImportTensor(app, big, ImportTarget::kInputNCL, "big.npy"));
  TempDir dir;
  ASSERT_TRUE(SaveSessionFile(app, dir / "big_session.json"));
  EXPECT_TRUE(std::filesystem::exists(dir / "big_session.input.npy"));
  EXPECT_LT(std::filesystem::file_size(dir / "big_session.json"), 20000u);
  AppState reopened;
  testing::InitApp(reopened);
  ASSERT_TRUE(OpenSessionFile(reopened, dir / "big_session.json"));
  EXPECT_EQ(reopened.session->input_given.data, big.data);
}

struct ShellRun {
  int status = -1;
  std::string output;
};

ShellRun Shell(const std::string& command) {
  ShellRun run;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  std::array<char, 4096> buffer{};
  while (pipe && fgets(buffer.data(), buffer.size(), pipe.get())) run.output += buffer.data();
  const int raw = pipe ? pclose(pipe.release()) : -1;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return run;
}

TEST(SessionFile, ConvstepCliForwardRunsASavedSessionToTheSameOutput) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(UseSeedDocumentInput(app));
  ASSERT_TRUE(SetCellValue(app, CellRef{EditedTensor::kWeight, 0, 0, 0}, 1.f));
  TempDir dir;
  ASSERT_TRUE(SaveSessionFile(app, dir / "s.json"));
  const ShellRun run =
      Shell(std::string("'") + CONVSTEP_CLI + "' forward '" + (dir / "s.json") + "'");
  ASSERT_EQ(run.status, 0) << run.output;
  const auto result = nlohmann::json::parse(run.output);
  const auto output = result["output"];
  const Geometry& g = app.session->geometry;
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t o = 0; o < g.out_channels; ++o)
      for (int64_t t = 0; t < g.out_length; ++t)
        EXPECT_NEAR(output[n][o][t].get<float>(),
                    app.session->output.data[static_cast<size_t>(OutputIndexOf(g, n, o, t))],
                    1e-5f)  // the CLI sums with the fast path: the same up to float rounding
            << n << "," << o << "," << t;
}

}  // namespace
}  // namespace convstep::gui
