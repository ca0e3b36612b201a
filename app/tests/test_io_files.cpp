// Numbers in: the torch-text, .npy and .csv readers on real files (round trips through the
// writers, numpy's golden fixtures), the seed document's printed input pasted and stepped
// through, and a table of broken inputs that each give a clear error and change nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "convstep/io_csv.h"
#include "convstep/io_npy.h"
#include "convstep/torch_text.h"
#include "state/cell_edit.h"
#include "state/tensor_import.h"
#include "support/app_files.h"
#include "support/headless_ui.h"

namespace convstep::gui {
namespace {

using testing::ReadAll;
using testing::ScreenSnapshot;
using testing::TempDir;

const std::string kGolden = std::string(CONVSTEP_SOURCE_DIR) + "/core/tests/golden";

Tensor Ramp(const Shape& shape, float scale) {
  Tensor t = Tensor::Zeros(shape);
  for (size_t i = 0; i < t.data.size(); ++i)
    t.data[i] = scale * (static_cast<float>(i) - 7.25f) / 3.f;  // fractions, signs, -0 area
  return t;
}

// --- Round trips on real files --------------------------------------------------------------

TEST(IoFiles, TorchTextRoundTripsThroughAFile) {
  TempDir dir;
  for (const Shape& shape : {Shape{8}, Shape{5, 3}, Shape{2, 3, 4}, Shape{6, 5, 3}}) {
    for (float scale : {1.f, 1e-3f, 1234.5f}) {
      const Tensor t = Ramp(shape, scale);
      const std::string file = dir.Write("t.txt", FormatTorchTensor(t));
      auto back = ReadTensorFile(file);
      ASSERT_TRUE(back) << back.error().OneLine();
      EXPECT_EQ(back->shape, t.shape);
      // print(tensor) keeps 4 significant decimals (or scientific): equal to that precision.
      for (size_t i = 0; i < t.data.size(); ++i)
        EXPECT_NEAR(back->data[i], t.data[i], std::fabs(t.data[i]) * 1e-3f + 1e-4f * scale);
      // Printing what was read gives the same text again.
      EXPECT_EQ(FormatTorchTensor(*back), ReadAll(file));
    }
  }
}

TEST(IoFiles, NpyRoundTripsExactlyThroughAFile) {
  TempDir dir;
  for (const Shape& shape : {Shape{8}, Shape{5, 3}, Shape{6, 5, 3}, Shape{0, 3}}) {
    const Tensor t = Ramp(shape, 0.37f);
    dir.Write("t.npy", WriteNpy(t));
    auto back = ReadTensorFile(dir / "t.npy");
    ASSERT_TRUE(back) << back.error().OneLine();
    EXPECT_EQ(back->shape, t.shape);
    EXPECT_EQ(back->data, t.data);  // bit for bit
  }
}

TEST(IoFiles, CsvRoundTripsExactlyThroughAFile) {
  TempDir dir;
  const Tensor t = Ramp({5, 3}, 0.37f);
  const std::string file = dir.Write("t.csv", WriteCsv(t));
  auto back = ReadTensorFile(file);
  ASSERT_TRUE(back) << back.error().OneLine();
  EXPECT_EQ(back->shape, t.shape);
  EXPECT_EQ(back->data, t.data);  // shortest round-trip floats
}

TEST(IoFiles, NumpysGoldenFilesReadToTheirValues) {
  const auto expected = nlohmann::json::parse(ReadAll(kGolden + "/npy/expected.json"));
  for (const char* name : {"f32_6x5x3.npy", "f64_3x5.npy", "f32_8.npy"}) {
    auto tensor = ReadTensorFile(kGolden + "/npy/" + name);
    ASSERT_TRUE(tensor) << tensor.error().OneLine();
    EXPECT_EQ(tensor->shape, expected[name]["shape"].get<Shape>()) << name;
    const auto values = expected[name]["values"].get<std::vector<double>>();
    ASSERT_EQ(tensor->data.size(), values.size()) << name;
    for (size_t i = 0; i < values.size(); ++i)
      EXPECT_EQ(tensor->data[i], static_cast<float>(values[i])) << name << " [" << i << "]";
  }
}

// --- The seed document's printed input ------------------------------------------------------

TEST(IoFiles, TheSeedDocumentsPrintedInputPastesInExactlyAndStepsThrough) {
  AppState app;
  testing::InitApp(app);
  const std::string text = ReadAll(kGolden + "/seed_input_print.txt");
  auto pasted = ParsePastedTensor(text);
  ASSERT_TRUE(pasted) << pasted.error().OneLine();
  ASSERT_EQ(pasted->shape, (Shape{6, 5, 3}));
  const auto doc = nlohmann::json::parse(ReadAll(kGolden + "/seed_document.json"));
  const std::vector<float> expected = [&] {
    std::vector<float> flat;
    for (const auto& sentence : doc["input_nlc"])
      for (const auto& word : sentence)
        for (const auto& value : word) flat.push_back(value.get<float>());
    return flat;
  }();
  EXPECT_EQ(pasted->data, expected);

  // Only [N, L, C] fits Conv1d(3, 8, 2): it loads at once, without a question.
  EXPECT_TRUE(OfferImport(app, *pasted, kPastedOrigin));
  EXPECT_FALSE(app.files.import.open);
  EXPECT_EQ(app.session->recipe.layout, InputLayout::kNLC);
  EXPECT_EQ(app.session->input_given.shape, (Shape{6, 5, 3}));
  EXPECT_EQ(app.session->input_given.data, expected);
  // Step through all of it: every window's last tap gives the output PyTorch computes.
  SetGranularity(app, Granularity::kTap);
  const int64_t steps = StepCount(app);
  ASSERT_EQ(steps, 6 * 8 * 4 * 6);
  for (int64_t step = 0; step < steps; ++step) {
    SeekStep(app, step);
    const StepState state = *CurrentStepState(app);
    if (!state.window_complete) continue;
    const Geometry& g = app.session->geometry;
    EXPECT_EQ(state.output, app.session->output.data[static_cast<size_t>(OutputIndexOf(
                                g, state.coord.n, state.coord.out_channel, state.coord.t))]);
  }
}

TEST(IoFiles, AnAmbiguousPasteAsksAndEachReadingSaysWhetherItFits) {
  AppState app;
  testing::InitApp(app);
  // [2, 3, 3]: N, L, C and N, C, L both give 3 channels; the weight needs [8, 3, 2].
  Tensor t = Ramp({2, 3, 3}, 1.f);
  const ScreenSnapshot before = ScreenSnapshot::Of(app);
  EXPECT_FALSE(OfferImport(app, t, kPastedOrigin));
  EXPECT_TRUE(before == ScreenSnapshot::Of(app)) << "asking must not change the session";
  ASSERT_TRUE(app.files.import.open);
  ASSERT_TRUE(app.files.import.pending);
  const auto& options = app.files.import.pending->options;
  ASSERT_EQ(options.size(), 3u);
  EXPECT_TRUE(options[0].fits);   // input NLC
  EXPECT_TRUE(options[1].fits);   // input NCL
  EXPECT_FALSE(options[2].fits);  // weight
  EXPECT_NE(options[2].reason.find("[8, 3, 2]"), std::string::npos) << options[2].reason;
  EXPECT_EQ(app.files.import.pending->chosen, -1);
  // Read as [N, C, L]: two items of length 3.
  ASSERT_TRUE(ImportTensor(app, t, ImportTarget::kInputNCL, kPastedOrigin));
  EXPECT_EQ(app.session->recipe.layout, InputLayout::kNCL);
  EXPECT_EQ(app.session->geometry.batch, 2);
  EXPECT_EQ(app.session->geometry.length, 3);
  EXPECT_EQ(app.session->input_given.data, t.data);
}

TEST(IoFiles, CsvOrientationIsTheChoiceBetweenTheTwoInputReadings) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  // 3 x 3: rows could be positions or channels; both fit in_channels = 3.
  const std::string file = dir.Write("m.csv", "1,2,3\n4,5,6\n7,8,9\n");
  ASSERT_TRUE(OpenAnyFile(app, file));
  ASSERT_TRUE(app.files.import.pending);
  ASSERT_TRUE(
      ImportTensor(app, app.files.import.pending->tensor, ImportTarget::kInputNCL, "m.csv"));
  // Rows are channels: x[0, c=1, l=0] = 4.
  EXPECT_EQ(app.session->problem.input.at(0, 1, 0), 4.f);
  ASSERT_TRUE(
      ImportTensor(app, app.files.import.pending->tensor, ImportTarget::kInputNLC, "m.csv"));
  // Rows are positions: after the permute x[0, c=1, l=0] = 2.
  EXPECT_EQ(app.session->problem.input.at(0, 1, 0), 2.f);
  EXPECT_EQ(app.session->input_given.shape, (Shape{1, 3, 3}));
}

TEST(IoFiles, WeightAndBiasFilesReplaceOnlyThemselves) {
  AppState app;
  testing::InitApp(app);
  SetSpec(
      app,
      [&] {
        Conv1dSpec spec = app.session->recipe.spec;
        spec.bias = true;
        return spec;
      }(),
      "bias");
  const Tensor input_before = app.session->input_given;
  Tensor weight = Ramp({8, 3, 2}, 0.1f);
  ASSERT_TRUE(ImportTensor(app, weight, ImportTarget::kWeight, "w.npy"));
  EXPECT_EQ(app.session->problem.weight.data, weight.data);
  EXPECT_EQ(app.session->input_given.data, input_before.data);
  Tensor bias = Ramp({8}, 0.5f);
  ASSERT_TRUE(ImportTensor(app, bias, ImportTarget::kBias, "b.npy"));
  EXPECT_EQ(app.session->problem.bias.data, bias.data);
  EXPECT_EQ(app.session->problem.weight.data, weight.data);
  EXPECT_EQ(ValuesOriginLabel(app.i18n, app.session->recipe), "the file b.npy");
}

// --- Broken inputs: a clear error, and nothing changes -------------------------------------

struct BrokenCase {
  const char* what;
  const char* file;  // written into a temporary folder (or a golden file when it starts with '@')
  std::string content;
  std::vector<const char*> message_has;  // the error names the place and the reason
};

std::string NpyWithHeader(const std::string& dict, const std::string& data) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xFF);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header + data;
}

std::vector<BrokenCase> BrokenCases() {
  const std::string conv = R"("conv": {"in_channels": 3, "out_channels": 8, "kernel_size": 2})";
  return {
      {"truncated JSON",
       "cut.json",
       "{" + conv + ", \"input\": [[1, 2",
       {"cut.json", "malformed JSON at line 1", "column"}},
      {"JSON that is not an object", "list.json", "[1, 2, 3]", {"list.json", "JSON object"}},
      {"a spec whose weight does not fit",
       "weight.json",
       "{" + conv + ", \"input\": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], \"weight\": " +
           "[[[1, 2, 3], [1, 2, 3], [1, 2, 3]]]}",
       {"weight.json", "weight"}},
      {"a spec whose input has the wrong channels",
       "channels.json",
       "{" + conv + ", \"input_layout\": \"NLC\", \"input\": [[[1, 2, 3, 4], [5, 6, 7, 8]]]}",
       {"channels.json", "to have 3 channels, but got 4 channels"}},
      {"a session whose step is out of range",
       "step.json",
       "{" + conv + ", \"input_shape\": [1, 3, 5], \"session\": {\"step\": 5000}}",
       {"step.json", "session.step", "5000"}},
      {"a session with an unknown colour map",
       "view.json",
       "{" + conv + ", \"input_shape\": [1, 3, 5], \"view\": {\"colormap\": \"rainbow\"}}",
       {"view.json", "view.colormap", "rainbow"}},
      {"a spec too large for memory",
       "huge.json",
       "{" + conv + ", \"input_shape\": [100000, 3, 1000000]}",
       {"huge.json"}},
      {"a tensor file it refers to is missing",
       "ref.json",
       "{" + conv + ", \"input\": {\"file\": \"nowhere.npy\"}}",
       {"nowhere.npy"}},
      {"a wrong .npy header (not numpy)",
       "bad_magic.npy",
       "PK\x03\x04 this is a zip",
       {"bad_magic.npy", "not a .npy file"}},
      {"a .npy header without a shape",
       "no_shape.npy",
       NpyWithHeader("{'descr': '<f4', 'fortran_order': False, }", ""),
       {"no_shape.npy", "lacks"}},
      {"a big-endian int32 .npy",
       "@npy/bad_int32_bigendian.npy",
       "",
       {"bad_int32_bigendian.npy", "'>i4'"}},
      {"an int64 .npy", "@npy/bad_int64.npy", "", {"bad_int64.npy", "not supported"}},
      {"a truncated .npy", "@npy/bad_truncated.npy", "", {"bad_truncated.npy", "bytes"}},
      {"a .npy too large for memory",
       "huge.npy",
       NpyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100), }",
                     std::string(64, '\0')),
       {"huge.npy", "more elements than the limit"}},
      {"ragged CSV rows", "ragged.csv", "1,2,3\n4,5\n6,7,8\n", {"ragged.csv", "line 2"}},
      {"a non-numeric CSV cell",
       "word.csv",
       "1,2,3\n4,five,6\n",
       {"word.csv", "line 2", "column 2"}},
      {"an empty CSV", "empty.csv", "", {"empty.csv", "no numbers"}},
      {"non-numeric print(tensor) text",
       "word.txt",
       "tensor([[1.0, 2.0],\n        [3.0, x]])",
       {"word.txt", "line 2"}},
      {"summarized print(tensor) text",
       "dots.txt",
       "tensor([ 0.,  1.,  2.,  ..., 97., 98., 99.])",
       {"dots.txt", "..."}},
      {"an unknown file type", "data.xlsx", "PK", {"data.xlsx", ".xlsx"}},
      {"a missing file", "-missing.npy", "", {"missing.npy", "no such file"}},
  };
}

TEST(IoFiles, EveryBrokenFileGivesAClearErrorAndChangesNothing) {
  AppState app;
  testing::InitApp(app);
  // A session with edits, a step, a pin and a view, so that "unchanged" means something.
  ASSERT_TRUE(ImportTensor(app, Ramp({6, 5, 3}, 0.2f), ImportTarget::kInputNLC, "mine.npy"));
  SetGranularity(app, Granularity::kWindow);
  SeekStep(app, 17);
  app.hover.pinned = HoverTarget{HoverKind::kOutput, 1, 2, 3};
  app.view.colormap = ColorMap::kPurpleGreen;
  TempDir dir;
  for (const BrokenCase& c : BrokenCases()) {
    SCOPED_TRACE(c.what);
    std::string path;
    if (c.file[0] == '@')
      path = kGolden + "/" + (c.file + 1);
    else if (c.file[0] == '-')
      path = dir / (c.file + 1);
    else
      path = dir.Write(c.file, c.content);
    const ScreenSnapshot before = ScreenSnapshot::Of(app);
    auto opened = OpenAnyFile(app, path);
    ASSERT_FALSE(opened) << "accepted " << path;
    const Error& error = opened.error();
    for (const char* part : c.message_has)
      EXPECT_NE(error.message.find(part), std::string::npos)
          << "'" << part << "' not in: " << error.message;
    EXPECT_FALSE(error.hint.empty()) << error.message;
    EXPECT_TRUE(before == ScreenSnapshot::Of(app)) << "the screen changed after " << path;
    EXPECT_FALSE(app.files.import.pending) << "half-loaded tensor left waiting";
  }
}

TEST(IoFiles, ATensorThatFitsNoReadingIsExplainedAndChangesNothing) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  // [6, 5, 4]: 4 or 5 channels (the layer has 3), and not [8, 3, 2] either.
  dir.Write("x654.npy", WriteNpy(Ramp({6, 5, 4}, 1.f)));
  const ScreenSnapshot before = ScreenSnapshot::Of(app);
  ASSERT_TRUE(OpenAnyFile(app, dir / "x654.npy"));  // read fine: the window asks
  EXPECT_TRUE(before == ScreenSnapshot::Of(app));
  ASSERT_TRUE(app.files.import.pending);
  for (const ImportOption& option : app.files.import.pending->options) {
    EXPECT_FALSE(option.fits);
    EXPECT_FALSE(option.reason.empty());
  }
  EXPECT_NE(app.files.import.pending->options[0].reason.find("in_channels=3"), std::string::npos)
      << app.files.import.pending->options[0].reason;
  // Forcing a reading that does not fit is refused the same way.
  auto forced = ImportTensor(app, app.files.import.pending->tensor, ImportTarget::kWeight, "x.npy");
  ASSERT_FALSE(forced);
  EXPECT_NE(forced.error().message.find("[8, 3, 2]"), std::string::npos);
  EXPECT_TRUE(before == ScreenSnapshot::Of(app));
  // A bias for a layer with bias=False.
  auto bias = ImportTensor(app, Ramp({8}, 1.f), ImportTarget::kBias, "b.npy");
  ASSERT_FALSE(bias);
  EXPECT_NE(bias.error().message.find("bias=False"), std::string::npos);
  EXPECT_TRUE(before == ScreenSnapshot::Of(app));
}

TEST(IoFiles, BrokenPastedTextNamesTheLineAndColumn) {
  auto bad = ParsePastedTensor("tensor([[1.0, 2.0],\n        [3.0, 4.0]");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("line"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(ParsePastedTensor("   \n "));
  auto four = ParsePastedTensor("tensor([[[[1.]]]])");
  ASSERT_FALSE(four);
  EXPECT_NE(four.error().message.find("[1, 1, 1, 1]"), std::string::npos);
}

}  // namespace
}  // namespace convstep::gui

namespace convstep::gui {
namespace {

TEST(IoFiles, DroppedFilesOpenAndABadOneExplainsItself) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  const std::string session = dir.Write(
      "dropped.json",
      R"({"conv": {"in_channels": 2, "out_channels": 1, "kernel_size": 2}, "input_shape": [1, 2, 4],
          "values": "arange"})");
  const std::string broken = dir.Write("broken.csv", "1,2\n3\n");
  app.files.dropped_paths = {session};
  HandleDroppedFiles(app);
  EXPECT_TRUE(app.files.dropped_paths.empty());
  EXPECT_EQ(app.session->geometry.in_channels, 2);
  EXPECT_EQ(app.session->geometry.length, 4);
  const ScreenSnapshot before = ScreenSnapshot::Of(app);
  app.files.dropped_paths = {broken};
  HandleDroppedFiles(app);
  EXPECT_TRUE(before == ScreenSnapshot::Of(app));
  EXPECT_TRUE(app.files.import.open);  // the window says what is wrong, with the path to fix
  EXPECT_EQ(app.files.import.path, broken);
  EXPECT_NE(app.files.import.error.find("broken.csv: line 2"), std::string::npos)
      << app.files.import.error;
}

}  // namespace
}  // namespace convstep::gui
