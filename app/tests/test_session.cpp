// Parameter edits: they re-run at once, keep (n, o, t) where it still exists, and an invalid
// combination keeps the last valid session with PyTorch's message beside the right control.
#include <gtest/gtest.h>

#include "state/app_state.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

// Puts the timeline on tap `tap` of output (n, o, t).
void GoTo(AppState& app, int64_t n, int64_t o, int64_t t, int64_t tap) {
  SetGranularity(app, Granularity::kTap);
  SeekOutput(app, n, o, t);
  StepBy(app, tap);
}

TEST(Session, DefaultIsTheSeedExample) {
  AppState app;
  testing::InitApp(app);
  const Session& session = *app.session;
  EXPECT_EQ(session.input_given.shape, (Shape{6, 5, 3}));
  EXPECT_EQ(session.problem.input.shape, (Shape{6, 3, 5}));
  EXPECT_EQ(session.problem.weight.shape, (Shape{8, 3, 2}));
  EXPECT_EQ(session.output.shape, (Shape{6, 8, 4}));
  EXPECT_EQ(SpecPython(session.recipe.spec), "nn.Conv1d(3, 8, 2, bias=False)");
  // torch.manual_seed(0); torch.randn(6, 5, 3)[0, 0, 0] is -1.1258.
  EXPECT_NEAR(session.input_given.at(0, 0, 0), -1.1258f, 1e-4f);
  EXPECT_EQ(app.timeline.step, 0);
  EXPECT_FALSE(app.edit_error);
}

TEST(Session, EveryStepsFinalSumIsTheOutputElement) {
  AppState app;
  testing::InitApp(app);
  SetGranularity(app, Granularity::kWindow);
  const Walkthrough walk = MakeWalkthrough(*app.session);
  for (int64_t step = 0; step < StepCount(app); ++step) {
    const StepState state = walk.State(step, Granularity::kWindow);
    const auto& g = app.session->geometry;
    EXPECT_EQ(state.output, app.session->output.data[static_cast<size_t>(OutputIndexOf(
                                g, state.coord.n, state.coord.out_channel, state.coord.t))])
        << "step " << step;
  }
}

TEST(Session, AnEditKeepsThePosition) {
  AppState app;
  testing::InitApp(app);
  GoTo(app, 2, 3, 1, 4);
  Conv1dSpec spec = app.draft.spec;
  spec.out_channels = 16;
  ASSERT_TRUE(SetSpec(app, spec, "out_channels"));
  TapCoord at = CurrentTap(app);
  EXPECT_EQ(at.n, 2);
  EXPECT_EQ(at.out_channel, 3);
  EXPECT_EQ(at.t, 1);
  EXPECT_EQ(at.tap, 4);
  spec.kernel_size = 3;  // taps 9, L_out 3
  ASSERT_TRUE(SetSpec(app, spec, "kernel_size"));
  at = CurrentTap(app);
  EXPECT_EQ(at.t, 1);
  EXPECT_EQ(at.tap, 4);
  EXPECT_EQ(app.session->geometry.out_length, 3);
}

TEST(Session, AnEditMovesToTheNearestPlaceThatStillExists) {
  AppState app;
  testing::InitApp(app);
  GoTo(app, 5, 7, 3, 5);
  ASSERT_TRUE(SetBatch(app, 2));
  Conv1dSpec spec = app.draft.spec;
  spec.out_channels = 4;
  ASSERT_TRUE(SetSpec(app, spec, "out_channels"));
  ASSERT_TRUE(SetLength(app, 3));  // L_out 2
  const TapCoord at = CurrentTap(app);
  EXPECT_EQ(at.n, 1);
  EXPECT_EQ(at.out_channel, 3);
  EXPECT_EQ(at.t, 1);
  EXPECT_EQ(at.tap, 5);
}

TEST(Session, AnEditKeepsThePositionAtACoarseGranularity) {
  AppState app;
  testing::InitApp(app);
  GoTo(app, 1, 2, 3, 0);
  SetGranularity(app, Granularity::kRow);
  ASSERT_TRUE(SetSeed(app, 7));
  SetGranularity(app, Granularity::kTap);
  const TapCoord at = CurrentTap(app);
  EXPECT_EQ(at.n, 1);
  EXPECT_EQ(at.out_channel, 2);
  EXPECT_EQ(at.t, 3);
  EXPECT_EQ(at.tap, 0);
}

TEST(Session, InvalidGroupsKeepsTheLastValidSessionAndNamesGroups) {
  AppState app;
  testing::InitApp(app);
  GoTo(app, 1, 1, 1, 1);
  const auto before = app.session;
  Conv1dSpec spec = app.draft.spec;
  spec.groups = 2;
  EXPECT_FALSE(SetSpec(app, spec, "groups"));
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.edit_error->control, "groups");
  EXPECT_EQ(app.edit_error->error.message, "in_channels must be divisible by groups");
  EXPECT_NE(app.edit_error->error.hint.find("one of: 1"), std::string::npos);
  EXPECT_EQ(app.session, before);       // the very same session object: nothing rebuilt
  EXPECT_EQ(app.draft.spec.groups, 2);  // the control shows what was typed, not a clamp
  EXPECT_EQ(CurrentTap(app).t, 1);
  RevertDraft(app);
  EXPECT_FALSE(app.edit_error);
  EXPECT_EQ(app.draft.spec.groups, 1);
}

TEST(Session, FixingAnInvalidEditWithAnotherControlApplies) {
  AppState app;
  testing::InitApp(app);
  Conv1dSpec spec = app.draft.spec;
  spec.groups = 2;
  EXPECT_FALSE(SetSpec(app, spec, "groups"));
  spec.in_channels = 4;
  EXPECT_TRUE(SetSpec(app, spec, "in_channels"));
  EXPECT_FALSE(app.edit_error);
  EXPECT_EQ(app.session->geometry.groups, 2);
  EXPECT_EQ(app.session->input_given.shape, (Shape{6, 5, 4}));
}

struct BadEdit {
  const char* control;
  void (*edit)(Conv1dSpec&);
  const char* message;
};

TEST(Session, InvalidEditsShowPyTorchsMessageBesideTheirControl) {
  const BadEdit cases[] = {
      {"stride", [](Conv1dSpec& s) { s.stride = 0; }, "non-positive stride is not supported"},
      {"kernel_size", [](Conv1dSpec& s) { s.kernel_size = 9; },
       "Calculated padded input size per channel: (5). Kernel size: (9). Kernel size can't be "
       "greater than actual input size"},
      {"dilation", [](Conv1dSpec& s) { s.dilation = 0; }, "non-positive dilation is not supported"},
      {"padding", [](Conv1dSpec& s) { s.padding = -1; }, "negative padding is not supported"},
      {"padding",
       [](Conv1dSpec& s) {
         s.padding = 5;
         s.padding_mode = PaddingMode::kReflect;
       },
       "Argument #4: Padding size should be less than the corresponding input dimension, but got: "
       "padding (5, 5) at dimension 2 of input [6, 3, 5]"},
      {"padding",
       [](Conv1dSpec& s) {
         s.padding_kind = PaddingKind::kSame;
         s.stride = 2;
       },
       "padding='same' is not supported for strided convolutions"},
      {"out_channels", [](Conv1dSpec& s) { s.out_channels = -1; },
       "Trying to create tensor with negative dimension -1: [-1, 3, 2]"},
  };
  for (const BadEdit& bad : cases) {
    AppState app;
    testing::InitApp(app);
    const auto before = app.session;
    Conv1dSpec spec = app.draft.spec;
    bad.edit(spec);
    EXPECT_FALSE(SetSpec(app, spec, bad.control)) << bad.control;
    ASSERT_TRUE(app.edit_error) << bad.control;
    EXPECT_EQ(app.edit_error->control, bad.control);
    EXPECT_EQ(app.edit_error->error.message, bad.message);
    EXPECT_FALSE(app.edit_error->error.hint.empty());
    EXPECT_EQ(app.session, before);
  }
}

TEST(Session, ShapeErrorsNameTheShapeControls) {
  AppState app;
  testing::InitApp(app);
  // PyTorch checks the kernel against the input first, so L = 0 and L = 1 both name kernel_size;
  // the edited control is remembered so the parameters panel can point from L to it.
  EXPECT_FALSE(SetLength(app, 0));
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.edit_error->control, "kernel_size");
  EXPECT_EQ(app.edit_error->edited, "length");
  EXPECT_FALSE(SetLength(app, 1));  // a kernel of 2 on one position
  EXPECT_EQ(app.edit_error->control, "kernel_size");
  EXPECT_TRUE(SetLength(app, 5));
  EXPECT_FALSE(app.edit_error);
  EXPECT_FALSE(SetBatch(app, int64_t{1} << 26));  // over the memory budget
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.edit_error->control, "batch");
  EXPECT_NE(app.edit_error->error.message.find("memory budget"), std::string::npos);
}

TEST(Session, AnEmptyBatchHasNoSteps) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(SetBatch(app, 0));
  EXPECT_EQ(StepCount(app), 0);
  EXPECT_FALSE(CurrentStepState(app));
  ASSERT_TRUE(SetBatch(app, 6));
  EXPECT_EQ(StepCount(app), 1152);
}

TEST(Session, SeedChangesTheNumbersNotThePlace) {
  AppState app;
  testing::InitApp(app);
  GoTo(app, 3, 2, 1, 2);
  const float before = app.session->input_given.data[0];
  ASSERT_TRUE(SetSeed(app, 1));
  EXPECT_NE(app.session->input_given.data[0], before);
  EXPECT_EQ(CurrentTap(app).n, 3);
  ASSERT_TRUE(SetSeed(app, 0));
  EXPECT_EQ(app.session->input_given.data[0], before);
}

TEST(Session, ValueSources) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(SetValueSource(app, ValueSource::kArange));
  for (size_t i = 0; i < 10; ++i)
    EXPECT_EQ(app.session->input_given.data[i], static_cast<float>(i));
  EXPECT_TRUE(app.session->input_style.integers);
  ASSERT_TRUE(SetValueSource(app, ValueSource::kOnes));
  // With ones everywhere every output is the number of taps.
  for (float y : app.session->output.data) EXPECT_EQ(y, 6.f);
}

TEST(Session, SeedDocumentInputAndItsFixedShape) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(UseSeedDocumentInput(app)) << (app.edit_error ? app.edit_error->error.OneLine() : "");
  const Session& session = *app.session;
  EXPECT_EQ(session.recipe.values, ValuesFrom::kSeedDocument);
  EXPECT_FLOAT_EQ(session.input_given.at(0, 0, 0), -1.5697f);
  EXPECT_FLOAT_EQ(session.input_given.at(5, 4, 2), -0.0975f);
  EXPECT_FLOAT_EQ(session.problem.input.at(0, 1, 0), 1.6189f);  // after the permute
  // Its numbers are fixed: the batch cannot change, and the error says so beside N.
  EXPECT_FALSE(SetBatch(app, 3));
  ASSERT_TRUE(app.edit_error);
  EXPECT_EQ(app.edit_error->control, "batch");
  EXPECT_NE(app.edit_error->error.message.find("[6, 5, 3]"), std::string::npos);
  RevertDraft(app);
  // The layer around them can change.
  Conv1dSpec spec = app.draft.spec;
  spec.out_channels = 4;
  EXPECT_TRUE(SetSpec(app, spec, "out_channels"));
  EXPECT_FLOAT_EQ(app.session->input_given.at(0, 0, 0), -1.5697f);
}

TEST(Session, ForgettingThePermuteGivesPyTorchsError) {
  AppState app;
  testing::InitApp(app);
  const auto result = WithoutPermute(*app.session);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "Given groups=1, weight of size [8, 3, 2], expected input[6, 5, 3] to have 3 channels, "
            "but got 5 channels instead");
}

TEST(Session, ForgettingThePermuteWhenLEqualsCRunsSilently) {
  AppState app;
  testing::InitApp(app);
  Conv1dSpec spec = app.draft.spec;
  spec.in_channels = 5;
  ASSERT_TRUE(SetSpec(app, spec, "in_channels"));
  const auto result = WithoutPermute(*app.session);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->OutputShape(), (Shape{6, 8, 4}));  // the same shape, wrong numbers
}

TEST(Session, LayoutSwitchPermutesFixedNumbers) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(UseSeedDocumentInput(app));
  ASSERT_TRUE(SetLayout(app, InputLayout::kNCL));
  EXPECT_EQ(app.session->input_given.shape, (Shape{6, 3, 5}));
  EXPECT_FLOAT_EQ(app.session->problem.input.at(0, 1, 0), 1.6189f);
}

TEST(Session, OpeningASpecFileAndABrokenOne) {
  AppState app;
  testing::InitApp(app);
  const auto before = app.session;
  auto bad = OpenSpecText(app, "{\"conv\": {\"in_channels\": 3,, }}", "broken.json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(app.session, before);
  auto good = OpenSpecText(app, R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 2,
      "bias": true}, "input": [[[1, 2, 3]]], "weight": [[[10, 1]]], "bias": [0.5]})",
                           "tiny.json");
  ASSERT_TRUE(good) << good.error().OneLine();
  EXPECT_EQ(app.session->recipe.values, ValuesFrom::kSpecFile);
  EXPECT_EQ(app.session->output.data, (std::vector<float>{12.5f, 23.5f}));
  // The file's weight cannot follow a change of kernel_size: refused, shown beside
  // "values from" (the control that would allow it), remembered as an edit of kernel_size.
  Conv1dSpec spec = app.draft.spec;
  spec.kernel_size = 3;
  EXPECT_FALSE(SetSpec(app, spec, "kernel_size"));
  EXPECT_EQ(app.edit_error->control, "values");
  EXPECT_EQ(app.edit_error->edited, "kernel_size");
}

TEST(Session, EveryPresetOpens) {
  AppState app;
  testing::InitApp(app);
  ASSERT_GE(app.presets.size(), 6u);
  for (size_t i = 0; i < app.presets.size(); ++i) {
    auto opened = OpenPreset(app, i);
    EXPECT_TRUE(opened) << app.presets[i].path << ": " << (opened ? "" : opened.error().OneLine());
    EXPECT_GT(StepCount(app), 0) << app.presets[i].path;
  }
}

TEST(Session, ControlForError) {
  EXPECT_EQ(ControlForError(MakeError("m", "stride", "h"), "groups"), "stride");
  EXPECT_EQ(ControlForError(MakeError("m", "input", "h"), "batch"), "batch");
  EXPECT_EQ(ControlForError(MakeError("m", "input", "h"), "seed"), "length");
  EXPECT_EQ(ControlForError(MakeError("m", "weight", "h"), "kernel_size"), "kernel_size");
}

}  // namespace
}  // namespace convstep::gui
