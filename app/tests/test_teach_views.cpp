// The teaching views: Conv1d as one matrix multiply (the unfolded input and the kernels as rows
// of W give the Conv1d's output; padding, stride, dilation and groups land in the right cells;
// the view draws and frames the current step), the permute's strides, and the one numbering
// of input positions the window and matmul views use.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "convstep/torch_text.h"
#include "model/cell_exercise.h"
#include "model/hover.h"
#include "model/matmul_view.h"
#include "model/tensor_strides.h"
#include "state/app_state.h"
#include "state/fit_window.h"
#include "state/lesson.h"
#include "state/practice.h"
#include "state/tensor_import.h"
#include "state/view_json.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

using testing::HeadlessUi;

// A session of small whole numbers: x[0, c, l] = 5c + l + 1, weight[o, c, k] = 1 + o + 2c + k
// (given as a spec file would), NCL.
Session HandSession(Conv1dSpec spec, int64_t length) {
  Recipe recipe;
  recipe.spec = spec;
  recipe.batch = 1;
  recipe.length = length;
  recipe.layout = InputLayout::kNCL;
  recipe.values = ValuesFrom::kSpecFile;
  recipe.source = ValueSource::kSmallIntegers;
  Tensor input{{1, spec.in_channels, length}, {}};
  for (int64_t c = 0; c < spec.in_channels; ++c)
    for (int64_t l = 0; l < length; ++l) input.data.push_back(static_cast<float>(5 * c + l + 1));
  Tensor weight{{spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size}, {}};
  for (int64_t o = 0; o < spec.out_channels; ++o)
    for (int64_t c = 0; c < spec.in_channels / spec.groups; ++c)
      for (int64_t k = 0; k < spec.kernel_size; ++k)
        weight.data.push_back(static_cast<float>(1 + o + 2 * c + k));
  recipe.fixed_input = input;
  recipe.fixed_weight = weight;
  if (spec.bias)
    recipe.fixed_bias = Tensor{{spec.out_channels}, FloatBuffer(spec.out_channels, 0.5f)};
  auto session = BuildSession(recipe);
  EXPECT_TRUE(session) << (session ? "" : session.error().message);
  return session ? *session : Session{};
}

void ExpectMatmulIsTheConv1d(const Session& session) {
  const Geometry& g = session.geometry;
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t o = 0; o < g.out_channels; ++o)
      for (int64_t t = 0; t < g.out_length; ++t) {
        const float conv = session.output.data[static_cast<size_t>(OutputIndexOf(g, n, o, t))];
        EXPECT_NEAR(MatmulOutput(session, n, o, t), conv, 1e-5f * (1.f + std::fabs(conv)))
            << "n " << n << " o " << o << " t " << t;
      }
}

TEST(MatmulView, TheSeedExampleIsWTimesTheUnfoldedInput) {
  AppState app;
  testing::InitApp(app);
  const Geometry& g = app.session->geometry;
  EXPECT_EQ(UnfoldedRowCount(g), 6);  // C·k = 3·2
  ExpectMatmulIsTheConv1d(*app.session);
  // Without padding, stride or dilation, cols[c·k + k', t] is x[n, c, t + k'].
  EXPECT_EQ(UnfoldedValue(*app.session, 2, UnfoldedRowIndex(g, 1, 1), 3),
            app.session->problem.input.data[static_cast<size_t>(InputIndex(g, 2, 1, 4))]);
  // Row o of W is kernel o flattened in (c, k) order.
  EXPECT_EQ(WeightMatrixValue(*app.session, 5, UnfoldedRowIndex(g, 2, 1)),
            app.session->problem.weight.data[static_cast<size_t>(WeightIndex(g, 5, 2, 1))]);
}

TEST(MatmulView, PaddingStrideAndDilationByHand) {
  Conv1dSpec spec;
  spec.in_channels = 2;
  spec.out_channels = 2;
  spec.kernel_size = 2;
  spec.stride = 2;
  spec.padding = 1;
  spec.dilation = 2;
  spec.bias = false;
  const Session session = HandSession(spec, 5);  // x[0] = [[1..5], [6..10]]
  const Geometry& g = session.geometry;
  ASSERT_EQ(g.out_length, 3);  // (5 + 2 − 2·1 − 1) / 2 + 1
  // Column t reads padded positions 2t and 2t + 2, input positions 2t − 1 and 2t + 1.
  EXPECT_EQ(UnfoldedPaddedPos(g, UnfoldedRowIndex(g, 1, 1), 1), 4);
  EXPECT_EQ(InputPositionOf(g, 4), 3);
  EXPECT_EQ(UnfoldedValue(session, 0, UnfoldedRowIndex(g, 1, 1), 1), 9.f);  // x[0, 1, 3]
  EXPECT_EQ(UnfoldedValue(session, 0, UnfoldedRowIndex(g, 0, 0), 0), 0.f);  // the left pad
  EXPECT_EQ(UnfoldedValue(session, 0, UnfoldedRowIndex(g, 0, 1), 0), 2.f);  // x[0, 0, 1]
  EXPECT_EQ(UnfoldedValue(session, 0, UnfoldedRowIndex(g, 1, 1), 2), 0.f);  // the right pad
  EXPECT_EQ(WindowInputPositions(g, 0, "pad"), "pad, 1");
  EXPECT_EQ(WindowInputPositions(g, 1, "pad"), "1, 3");
  EXPECT_EQ(WindowInputPositions(g, 2, "pad"), "3, pad");
  // y[0, 0, 1] = w·x over (c, k): 1·2 + 2·4 + 3·7 + 4·9 = 67 (w[0] = [[1, 2], [3, 4]]).
  EXPECT_EQ(MatmulOutput(session, 0, 0, 1), 67.f);
  ExpectMatmulIsTheConv1d(session);
}

TEST(MatmulView, GroupsMakeWBlockDiagonal) {
  Conv1dSpec spec;
  spec.in_channels = 4;
  spec.out_channels = 6;
  spec.kernel_size = 3;
  spec.groups = 2;
  spec.padding = 1;
  const Session session = HandSession(spec, 6);
  const Geometry& g = session.geometry;
  ASSERT_EQ(UnfoldedRowCount(g), 12);
  int64_t filled = 0;
  for (int64_t o = 0; o < g.out_channels; ++o)
    for (int64_t row = 0; row < UnfoldedRowCount(g); ++row) {
      const bool block = (o / 3) == (row / 6);  // 3 kernels and 6 rows per group
      EXPECT_EQ(InWeightBlock(g, o, row), block) << o << ", " << row;
      if (!block) EXPECT_EQ(WeightMatrixValue(session, o, row), 0.f);
      filled += block;
    }
  EXPECT_EQ(filled, g.out_channels * g.taps);  // every weight once, nothing else
  // Kernel 4 (group 1), tap 0 is channel 2, k 0: row 6.
  EXPECT_EQ(UnfoldedRowOfTap(g, 4, 0), 6);
  EXPECT_EQ(UnfoldedRowOf(g, 7).in_channel, 2);
  EXPECT_EQ(UnfoldedRowOf(g, 7).k, 1);
  ExpectMatmulIsTheConv1d(session);
}

TEST(MatmulView, ReflectPaddingCopiesIntoTheColumns) {
  Conv1dSpec spec;
  spec.in_channels = 1;
  spec.out_channels = 1;
  spec.kernel_size = 3;
  spec.padding = 2;
  spec.padding_mode = PaddingMode::kReflect;
  spec.bias = false;
  const Session session = HandSession(spec, 4);  // x = [1, 2, 3, 4] -> [3, 2, 1, 2, 3, 4, 3, 2]
  EXPECT_EQ(UnfoldedValue(session, 0, 0, 0), 3.f);
  EXPECT_EQ(UnfoldedValue(session, 0, 1, 0), 2.f);
  EXPECT_EQ(UnfoldedValue(session, 0, 2, 5), 2.f);
  ExpectMatmulIsTheConv1d(session);
}

TEST(MatmulView, ThePanelDrawsEveryStepAndLargeLayers) {
  AppState app;
  testing::InitApp(app);
  HeadlessUi ui(ImVec2(1366.f, 768.f));
  app.view.show.view = MainView::kMatmul;
  SetGranularity(app, Granularity::kTap);
  for (int step : {0, 5, 11, 40}) {
    SeekStep(app, step);
    EXPECT_GT(ui.Frame(app), 1000) << "step " << step;
  }
  EXPECT_EQ(app.view.show.view, MainView::kMatmul);  // the tab bar keeps it
  // Session and settings files name the view "matmul" and read it back.
  const nlohmann::json panels = PanelsToJson(app.view.show);
  EXPECT_EQ(panels.at("view"), "matmul");
  auto read = PanelsFromJson(panels, PanelVisibility{}, "view.panels");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->view, MainView::kMatmul);
  Conv1dSpec spec = app.draft.spec;
  spec.in_channels = 3;
  spec.out_channels = 6;
  spec.groups = 3;
  spec.padding = 2;
  spec.dilation = 2;
  ASSERT_TRUE(SetSpec(app, spec, "groups"));
  EXPECT_GT(ui.Frame(app), 1000);
  spec.groups = 1;
  spec.out_channels = 300;  // more kernels than rows on screen: a window around the step
  spec.kernel_size = 4;
  ASSERT_TRUE(SetSpec(app, spec, "out_channels"));
  SeekOutput(app, 0, 250, 1);
  const int vertices = ui.Frame(app);
  EXPECT_GT(vertices, 1000);
  EXPECT_LT(vertices, 400000);  // only the cells in view are drawn
}

// Golden values from PyTorch 1.13: torch.zeros(shape).permute(0, 2, 1).stride() and
// .is_contiguous(), and a fresh tensor's strides.
TEST(PermuteStrides, AViewSwapsTheStridesAFreshTensorDoesNot) {
  EXPECT_EQ(PermutedStrides({6, 5, 3}, {0, 2, 1}), (std::vector<int64_t>{15, 1, 3}));
  EXPECT_EQ(ContiguousStrides({6, 3, 5}), (std::vector<int64_t>{15, 5, 1}));
  EXPECT_FALSE(IsContiguous({6, 3, 5}, PermutedStrides({6, 5, 3}, {0, 2, 1})));
  EXPECT_TRUE(IsContiguous({6, 3, 5}, ContiguousStrides({6, 3, 5})));
  // Axes of size 1 never break contiguity: [2, 4, 1] permuted is (4, 1, 1), contiguous.
  EXPECT_EQ(PermutedStrides({2, 4, 1}, {0, 2, 1}), (std::vector<int64_t>{4, 1, 1}));
  EXPECT_TRUE(IsContiguous({2, 1, 4}, PermutedStrides({2, 4, 1}, {0, 2, 1})));
  EXPECT_TRUE(IsContiguous({2, 4, 1}, PermutedStrides({2, 1, 4}, {0, 2, 1})));
  EXPECT_EQ(PermutedStrides({0, 3, 2}, {0, 2, 1}), (std::vector<int64_t>{6, 1, 2}));
  EXPECT_EQ(StridesText({15, 1, 3}), "(15, 1, 3)");
}

TEST(PermuteStrides, ThePanelSentenceFollowsTheSessionsShape) {
  AppState app;
  testing::InitApp(app);
  std::string sentence = PermuteStridesSentence(app.i18n, app.session->input_given.shape);
  for (const char* part :
       {"(15, 1, 3)", "False", "[6, 3, 5]", "(15, 5, 1)", "True", ".contiguous()"})
    EXPECT_NE(sentence.find(part), std::string::npos) << part << " in " << sentence;
  const std::string brief = PermuteStridesSentence(app.i18n, {6, 5, 3}, true);  // small panels
  EXPECT_NE(brief.find("(15, 1, 3)"), std::string::npos) << brief;
  EXPECT_NE(brief.find("(15, 5, 1)"), std::string::npos) << brief;
  EXPECT_LT(brief.size(), sentence.size());
  EXPECT_EQ(PermuteStridesSentence(app.i18n, {5, 3}), "");  // only [N, L, C]
  sentence = PermuteStridesSentence(app.i18n, {2, 7, 4});   // another shape: other numbers
  EXPECT_NE(sentence.find("(28, 1, 4)"), std::string::npos) << sentence;
  EXPECT_NE(sentence.find("(28, 7, 1)"), std::string::npos) << sentence;
  HeadlessUi ui(ImVec2(1366.f, 768.f));
  EXPECT_GT(ui.Frame(app), 1000);
}

// Chapter 7 (L = 5, padding 1, stride 2, dilation 2, k = 2): the columns are labelled pad,
// 0..4, pad, and the window line uses the same numbers.
TEST(InputPositions, ChapterSevenReadsTheColumnsLabels) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(OpenChapter(app, 6));
  const Geometry& g = app.session->geometry;
  ASSERT_EQ(g.pad_left, 1);
  EXPECT_EQ(WindowPositionFormula(g), "t·2 + k·2 − 1");
  EXPECT_EQ(WindowInputPositions(g, 0, "pad"), "pad, 1");
  EXPECT_EQ(WindowInputPositions(g, 1, "pad"), "1, 3");
  EXPECT_EQ(WindowInputPositions(g, 2, "pad"), "3, pad");
  EXPECT_EQ(InputPositionOf(g, 0), -1);
  Geometry wide = g;
  wide.kernel_size = 12;
  wide.dilation = 1;
  wide.padded_length = 40;
  wide.length = 38;
  EXPECT_EQ(WindowInputPositions(wide, 0, "pad", 3), "pad, 0, 1, …");
}

// --- Fit weights from input and output ----------------------------------------------------

TEST(FitWindow, TheSessionsOwnTensorsGiveBackItsWeights) {
  AppState app;
  testing::InitApp(app);
  FitWindowState& fit = app.teach.fit;
  ASSERT_TRUE(RunWeightFit(app, fit)) << LocalizedError(app.i18n, *fit.error);
  EXPECT_EQ(fit.result->equations, 24);  // N · L_out = 6 · 4 windows
  EXPECT_EQ(fit.result->unknowns, 6);    // 3 channels · k = 2, no bias
  EXPECT_FALSE(fit.result->square);
  EXPECT_LT(fit.result->max_residual, 1e-5);
  EXPECT_GT(fit.result->condition_number, 1.0);
  const Tensor& weight = app.session->problem.weight;
  ASSERT_EQ(fit.result->weight.shape, weight.shape);
  for (size_t i = 0; i < weight.data.size(); ++i)
    EXPECT_NEAR(fit.result->weight.data[i], weight.data[i], 1e-4f) << i;
}

TEST(FitWindow, APastedOutputIsFittedAppliedAndUndone) {
  AppState app;
  testing::InitApp(app);
  const Tensor weight_before = app.session->problem.weight;
  Tensor doubled = app.session->output;  // the output of the weights times 2
  for (float& value : doubled.data) value *= 2.f;
  FitWindowState& fit = app.teach.fit;
  fit.output_from = FitSource::kPasted;
  TorchPrintOptions options;
  options.precision = 8;
  fit.output_text = FormatTorchTensor(doubled, options);
  ASSERT_TRUE(RunWeightFit(app, fit)) << LocalizedError(app.i18n, *fit.error);
  for (size_t i = 0; i < weight_before.data.size(); ++i)
    EXPECT_NEAR(fit.result->weight.data[i], 2.f * weight_before.data[i], 1e-4f) << i;
  ASSERT_TRUE(ApplyWeightFit(app, fit)) << LocalizedError(app.i18n, *fit.error);
  EXPECT_TRUE(fit.applied);
  for (size_t i = 0; i < weight_before.data.size(); ++i)
    EXPECT_NEAR(app.session->problem.weight.data[i], 2.f * weight_before.data[i], 1e-4f) << i;
  for (size_t i = 0; i < doubled.data.size(); ++i)
    EXPECT_NEAR(app.session->output.data[i], doubled.data[i], 1e-4f) << i;
  ASSERT_TRUE(UndoValues(app));
  EXPECT_EQ(app.session->problem.weight.data, weight_before.data);
  // The result belonged to the session before: applying it again is refused with the reason.
  EXPECT_FALSE(ApplyWeightFit(app, fit));
  ASSERT_TRUE(fit.error);
  EXPECT_EQ(fit.error->message_key, "fit_stale");
}

TEST(FitWindow, ASquareSystemAndBadTextAreNamed) {
  AppState app;
  testing::InitApp(app);
  Conv1dSpec spec = app.draft.spec;
  spec.in_channels = 1;
  spec.out_channels = 1;
  spec.kernel_size = 2;
  ASSERT_TRUE(SetSpec(app, spec, "in_channels"));
  ASSERT_TRUE(SetBatch(app, 1));
  ASSERT_TRUE(SetLength(app, 3));  // L_out = 2 windows for 2 weights: square
  FitWindowState& fit = app.teach.fit;
  ASSERT_TRUE(RunWeightFit(app, fit)) << LocalizedError(app.i18n, *fit.error);
  EXPECT_TRUE(fit.result->square);
  EXPECT_EQ(fit.result->equations, fit.result->unknowns);
  fit.input_from = FitSource::kPasted;
  fit.input_text = "tensor([[[1., 2.,";
  EXPECT_FALSE(RunWeightFit(app, fit));
  ASSERT_TRUE(fit.error);
  EXPECT_EQ(fit.error->parameter, "input");
  EXPECT_FALSE(fit.result);
  fit.file_path = "/no/such/file.npy";
  EXPECT_FALSE(LoadFitTensorFile(fit, true));
  EXPECT_NE(fit.error->message.find("/no/such/file.npy"), std::string::npos);
  HeadlessUi ui(ImVec2(1366.f, 768.f));
  fit.open = true;
  EXPECT_GT(ui.Frame(app), 1000);
}

// --- Click the cells that feed an output ------------------------------------------------------

// The cells agree with the hover highlight of that output (its receptive field), a separate
// computation, for every output of a grouped, reflect-padded, dilated layer.
TEST(CellsExercise, TheFeedingCellsAreTheOutputsReceptiveField) {
  Conv1dSpec spec;
  spec.in_channels = 4;
  spec.out_channels = 4;
  spec.kernel_size = 3;
  spec.groups = 2;
  spec.padding = 2;
  spec.dilation = 2;
  spec.padding_mode = PaddingMode::kReflect;
  const Session session = HandSession(spec, 7);
  const Geometry& g = session.geometry;
  for (int64_t o = 0; o < g.out_channels; ++o)
    for (int64_t t = 0; t < g.out_length; ++t) {
      const Highlight lit =
          ComputeHighlight(session, HoverTarget{HoverKind::kOutput, 0, o, t}, TapCoord{});
      const std::vector<int64_t> cells = FeedingCells(session, 0, o, t);
      EXPECT_EQ(std::set<int64_t>(cells.begin(), cells.end()),
                std::set<int64_t>(lit.input.begin(), lit.input.end()))
          << "o " << o << " t " << t;
    }
}

TEST(CellsExercise, ClickedCellsAreCheckedAndTheAnswerLightsUp) {
  AppState app;
  testing::InitApp(app);
  ASSERT_TRUE(OpenChapter(app, kCellsExerciseChapter - 1));
  // Seeds alternate: make exercises until the clicking one comes (the next one at most).
  const Exercise* exercise = EnsureExercise(app, kCellsExerciseChapter);
  if (exercise->answer_kind != AnswerKind::kCells) {
    NextExercise(app, kCellsExerciseChapter);
    exercise = EnsureExercise(app, kCellsExerciseChapter);
  }
  ASSERT_EQ(exercise->answer_kind, AnswerKind::kCells);
  EXPECT_NE(exercise->cells_t, CurrentTap(app).t);  // not the window on screen
  const Geometry& g = app.session->geometry;
  // The seed example's layer: every one of the 3 channels at 2 real positions.
  EXPECT_EQ(exercise->expected.size(), 6u);
  EXPECT_TRUE(PickingCells(app));
  const Verdict empty = SubmitPickedCells(app);
  EXPECT_FALSE(empty.understood);
  for (size_t i = 0; i + 1 < exercise->expected.size(); ++i)
    TogglePickedCell(app, exercise->expected[i]);
  int64_t outside = -1;  // one wrong cell: channel 0 at a position the window does not read
  for (int64_t l = 0; l < g.length && outside < 0; ++l) {
    const int64_t index = InputIndex(g, exercise->cells_n, 0, l);
    if (std::find(exercise->expected.begin(), exercise->expected.end(), index) ==
        exercise->expected.end())
      outside = index;
  }
  ASSERT_GE(outside, 0);
  TogglePickedCell(app, outside);
  TogglePickedCell(app, exercise->expected.back());
  TogglePickedCell(app, exercise->expected.back());  // a second click unpicks
  HeadlessUi ui(ImVec2(1366.f, 768.f));
  SeekBatchItem(app, exercise->cells_n);
  EXPECT_GT(ui.Frame(app), 1000);  // the picks drawn in the input panel
  const Verdict wrong = CheckCells(*exercise, app.teach.exercise.picked_cells);
  EXPECT_TRUE(wrong.understood);
  EXPECT_FALSE(wrong.correct);
  EXPECT_EQ(wrong.feedback.key, "exercise.feedback.cells_wrong");
  EXPECT_EQ(wrong.feedback.args, (std::vector<std::string>{"5", "6", "1"}));
  app.teach.exercise.picked_cells = exercise->expected;
  const Verdict right = SubmitPickedCells(app);
  EXPECT_TRUE(right.correct);
  EXPECT_FALSE(PickingCells(app));  // checked: clicks pin again
  EXPECT_EQ(app.hover.pinned, (HoverTarget{HoverKind::kOutput, exercise->cells_n, exercise->cells_o,
                                           exercise->cells_t}));
  EXPECT_EQ(app.teach.exercise.scores[kCellsExerciseChapter].right, 1);
  EXPECT_EQ(exercise->solution.size(), 4u);
  EXPECT_GT(ui.Frame(app), 1000);
}

}  // namespace
}  // namespace convstep::gui
