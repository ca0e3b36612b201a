// Export jobs without a display: the job walks the steps (settling frames between them), a
// GIF gets one frame per step (read back with giflib), a PNG sequence one file per step, and
// Cancel or a failure leaves nothing behind and puts the timeline back. The export windows and
// the import and values windows draw headless.
#include <gtest/gtest.h>

#include <imgui_internal.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "gif_writer.h"
#include "state/export_job.h"
#include "state/tensor_import.h"
#include "support/app_files.h"
#include "support/headless_ui.h"
#include "ui/windows/export_panel.h"
#include "ui/windows/import_panel.h"
#include "ui/windows/values_panel.h"

namespace convstep::gui {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

exporting::RgbaImage Picture(int width, int height, int64_t step) {
  exporting::RgbaImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(static_cast<size_t>(width) * height * 4, 255);
  for (size_t i = 0; i < image.pixels.size(); i += 4)
    image.pixels[i] = static_cast<uint8_t>((i / 4 + static_cast<size_t>(step) * 17) % 251);
  return image;
}

// Runs a job the way the main loop does: prepare, "render", capture when asked. Stops after
// `cancel_after` captured frames when it is >= 0. Returns the steps captured.
std::vector<int64_t> Drive(AppState& app, int cancel_after = -1) {
  std::vector<int64_t> steps;
  for (int frame = 0; frame < 10000 && ExportRunning(app); ++frame) {
    if (!PrepareExportFrame(app)) continue;
    steps.push_back(app.timeline.step);
    EXPECT_TRUE(AddExportFrame(app, Picture(64, 48, app.timeline.step)));
    if (cancel_after >= 0 && static_cast<int>(steps.size()) == cancel_after) CancelExport(app);
  }
  return steps;
}

TEST(Export, AGifHasOneFrameAStepAndTheTimelineComesBack) {
  AppState app;
  testing::InitApp(app);
  SeekStep(app, 100);
  TempDir dir;
  ExportRequest request;
  request.kind = ExportKind::kGif;
  request.path = dir / "steps.gif";
  request.from = 0;
  request.to = 24;
  request.granularity = Granularity::kTap;
  request.delay_ms = 300;
  ASSERT_TRUE(StartExport(app, request, 64, 48));
  const std::vector<int64_t> steps = Drive(app);
  ASSERT_EQ(steps.size(), 24u);
  for (int64_t i = 0; i < 24; ++i) EXPECT_EQ(steps[static_cast<size_t>(i)], i);
  EXPECT_FALSE(ExportRunning(app));
  EXPECT_TRUE(app.files.exporting.error.empty()) << app.files.exporting.error;
  auto info = exporting::ReadGifInfo(request.path);
  ASSERT_TRUE(info) << info.error().OneLine();
  EXPECT_EQ(info->frames, 24);
  EXPECT_EQ(info->width, 64);
  EXPECT_EQ(info->delay_ms, 300);
  EXPECT_EQ(app.timeline.step, 100);  // back where the user was
  EXPECT_FALSE(fs::exists(request.path + ".tmp"));
}

TEST(Export, APngSequenceAtAnotherGranularity) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  ExportRequest request;
  request.kind = ExportKind::kPngSequence;
  request.path = dir / "frames";
  request.from = 2;
  request.to = 6;
  request.granularity = Granularity::kWindow;
  ASSERT_TRUE(StartExport(app, request, 64, 48));
  EXPECT_EQ(Drive(app), (std::vector<int64_t>{2, 3, 4, 5}));
  for (int64_t i = 0; i < 4; ++i) EXPECT_TRUE(fs::exists(SequenceFrameName(request.path, i)));
  EXPECT_FALSE(fs::exists(SequenceFrameName(request.path, 4)));
  EXPECT_EQ(app.timeline.granularity, Granularity::kTap);  // the user's granularity again
}

TEST(Export, APngOfTheWindowIsOneFrameAtTheCurrentStep) {
  AppState app;
  testing::InitApp(app);
  SeekStep(app, 42);
  TempDir dir;
  ExportRequest request;
  request.kind = ExportKind::kPng;
  request.path = dir / "window.png";
  ASSERT_TRUE(StartExport(app, request, 64, 48));
  EXPECT_EQ(Drive(app), std::vector<int64_t>{42});  // the step on screen, not a range
  const std::string png = testing::ReadAll(request.path);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  EXPECT_EQ(app.files.exporting.message, "Wrote " + request.path + ".");
}

TEST(Export, CancelLeavesNothingBehind) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  for (ExportKind kind : {ExportKind::kGif, ExportKind::kPngSequence}) {
    ExportRequest request;
    request.kind = kind;
    request.path = kind == ExportKind::kGif ? dir / "c.gif" : dir / "c_frames";
    request.from = 0;
    request.to = 20;
    ASSERT_TRUE(StartExport(app, request, 64, 48));
    EXPECT_EQ(Drive(app, 5).size(), 5u);
    EXPECT_FALSE(ExportRunning(app));
    EXPECT_FALSE(fs::exists(dir / "c.gif"));
    EXPECT_FALSE(fs::exists(dir / "c.gif.tmp"));
    if (kind == ExportKind::kPngSequence) EXPECT_TRUE(fs::is_empty(request.path));
    EXPECT_EQ(app.files.exporting.message, "Export cancelled: nothing was written.");
  }
}

TEST(Export, BadRequestsAreRefusedBeforeAnythingStarts) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  ExportRequest request;
  request.path = dir / "x.gif";
  request.from = 1150;
  request.to = 1153;  // 1,152 steps
  auto range = StartExport(app, request, 64, 48);
  ASSERT_FALSE(range);
  EXPECT_NE(range.error().message.find("1152 steps"), std::string::npos) << range.error().message;
  request.from = 5;
  request.to = 5;
  EXPECT_FALSE(StartExport(app, request, 64, 48));
  request.to = 10;
  request.path = dir / "no/such/folder/x.gif";
  auto folder = StartExport(app, request, 64, 48);
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().message.find("does not exist"), std::string::npos);
  request.path = dir / "x.gif";
  request.delay_ms = 5;
  EXPECT_FALSE(StartExport(app, request, 64, 48));
  EXPECT_FALSE(ExportRunning(app));
}

// A folder, a pipe or earlier frames at the target are refused, naming the path and what would
// be right, and left as they were.
TEST(Export, UnwritableTargetsAreRefusedBeforeAnythingStarts) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  ExportRequest request;
  request.from = 0;
  request.to = 4;
  request.kind = ExportKind::kGif;
  request.path = dir / "d2";
  fs::create_directories(request.path);
  auto folder = StartExport(app, request, 64, 48);
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().OneLine(), request.path +
                                          " is a directory, not a file (path): name a file "
                                          "inside it, such as " +
                                          request.path + "/steps.gif");
  request.kind = ExportKind::kPng;
  request.path = dir / "pipe.png";
  ASSERT_EQ(mkfifo(request.path.c_str(), 0644), 0);
  auto pipe = StartExport(app, request, 64, 48);
  ASSERT_FALSE(pipe);
  EXPECT_EQ(pipe.error().message,
            request.path + " is a named pipe (FIFO), not a regular file; it was left as it is");
  EXPECT_TRUE(fs::is_fifo(request.path));
  request.kind = ExportKind::kPngSequence;
  request.path = dir / "frames";
  fs::create_directories(request.path);
  std::ofstream(dir / "frames/notes.txt") << "mine";
  std::ofstream(dir / "frames/frame_0004.png") << "outside the range";
  EXPECT_TRUE(CheckExportRequest(app, request)) << "frames 0 to 3 are free";
  std::ofstream(dir / "frames/frame_0003.png") << "earlier";
  std::ofstream(dir / "frames/frame_0001.png") << "earlier";
  auto earlier = StartExport(app, request, 64, 48);
  ASSERT_FALSE(earlier);
  EXPECT_EQ(earlier.error().OneLine(),
            dir / "frames/frame_0001.png" +
                " already exists: the export would overwrite earlier frames (path): choose an "
                "empty folder, or remove the old frame_*.png files first");
  EXPECT_EQ(testing::ReadAll(dir / "frames/frame_0001.png"), "earlier");
  EXPECT_FALSE(ExportRunning(app));
}

// A target that turns unwritable while the export runs (here: a folder appears at its name)
// ends the export with the reason in the Export window's error line, never a crash, and
// leaves no temporary file.
TEST(Export, ATargetThatBecomesAFolderMidwayEndsTheExportWithAnError) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  for (ExportKind kind : {ExportKind::kGif, ExportKind::kPngSequence}) {
    ExportRequest request;
    request.kind = kind;
    request.path = kind == ExportKind::kGif ? dir / "late.gif" : dir / "late_frames";
    request.from = 0;
    request.to = 3;
    ASSERT_TRUE(StartExport(app, request, 64, 48));
    Result<bool> added = true;
    for (int frame = 0; frame < 100 && ExportRunning(app); ++frame) {
      if (!PrepareExportFrame(app)) continue;
      if (app.timeline.step == 1)  // after the first frame
        fs::create_directories(kind == ExportKind::kGif ? request.path + "/x"
                                                        : SequenceFrameName(request.path, 1));
      added = AddExportFrame(app, Picture(64, 48, app.timeline.step));
    }
    EXPECT_FALSE(ExportRunning(app));
    ASSERT_FALSE(added);
    const std::string& error = app.files.exporting.error;
    if (kind == ExportKind::kGif) {
      EXPECT_EQ(error.rfind("cannot replace " + request.path + ": ", 0), 0u) << error;
      EXPECT_FALSE(fs::exists(request.path + ".tmp"));
    } else {
      EXPECT_EQ(error.rfind(SequenceFrameName(request.path, 1) + " is a directory", 0), 0u)
          << error;
      EXPECT_FALSE(fs::exists(SequenceFrameName(request.path, 0))) << "written frames removed";
    }
    EXPECT_EQ(app.files.exporting.error_shown, error);
  }
}

TEST(Export, TheCropOfThePanelsRegion) {
  ExportRequest request;
  request.region = ExportRegion::kSlidingPanels;
  auto both = ExportCrop(request, 1600, 900, {300, 400, 800, 700}, {800, 400, 1200, 700});
  ASSERT_TRUE(both);
  EXPECT_EQ(*both, (std::array<int, 4>{300, 400, 1200, 700}));
  auto none = ExportCrop(request, 1600, 900, {0, 0, 0, 0}, {0, 0, 0, 0});
  EXPECT_FALSE(none);
  request.region = ExportRegion::kWindow;
  EXPECT_EQ(*ExportCrop(request, 1600, 900, {0, 0, 0, 0}, {0, 0, 0, 0}),
            (std::array<int, 4>{0, 0, 1600, 900}));
  exporting::RgbaImage image = Picture(10, 8, 0);
  const exporting::RgbaImage crop = CropImage(image, {2, 3, 7, 8});
  EXPECT_EQ(crop.width, 5);
  EXPECT_EQ(crop.height, 5);
  EXPECT_EQ(crop.pixels[0], image.pixels[(3 * 10 + 2) * 4]);
}

// The export window's "chosen panels": the panels alone fill the picture at the chosen size
// (1920x1080 here) with presentation mode's layout, for a GIF and a PNG sequence; the view the
// user had comes back afterwards.
TEST(Export, ChosenPanelsFillASlideSizedPictureAndTheViewComesBack) {
  for (const ExportKind kind : {ExportKind::kGif, ExportKind::kPngSequence}) {
    AppState app;
    testing::InitApp(app);
    testing::HeadlessUi ui(ImVec2(1920, 1080));
    ui.Frame(app);
    TempDir dir;
    ExportRequest request;
    request.kind = kind;
    request.path = kind == ExportKind::kGif ? dir / "slide.gif" : dir / "slides";
    request.to = 3;
    request.region = ExportRegion::kChosenPanels;
    request.panels = {"kernel", "output"};
    request.window_size = false;
    request.width = 1920;
    request.height = 1080;
    ASSERT_TRUE(StartExport(app, request, 1600, 900));
    EXPECT_TRUE(app.present.on);
    EXPECT_EQ(app.present.region, request.panels);
    for (int i = 0; i < 3; ++i) ui.Frame(app);
    ImGuiWindow* kernels = ImGui::FindWindowByName("###panel.kernels");
    ImGuiWindow* output = ImGui::FindWindowByName("###panel.output");
    ASSERT_TRUE(kernels && kernels->Active && output && output->Active);
    EXPECT_FALSE(ImGui::FindWindowByName("###panel.window")->Active);
    EXPECT_EQ(kernels->Pos.x, 0.f);
    EXPECT_EQ(kernels->Pos.y, 0.f);
    EXPECT_NEAR(kernels->Size.x + output->Size.x, 1920.f, 1.f);
    EXPECT_NEAR(output->Size.y, 1080.f, 1.f);
    // The picture is the whole frame (the panels fill it).
    EXPECT_EQ(*ExportCrop(request, 1920, 1080, {0, 0, 0, 0}, {0, 0, 0, 0}),
              (std::array<int, 4>{0, 0, 1920, 1080}));
    EXPECT_EQ(Drive(app), (std::vector<int64_t>{0, 1, 2}));
    EXPECT_TRUE(app.files.exporting.error.empty()) << app.files.exporting.error;
    EXPECT_FALSE(app.present.on);  // the user was not presenting
    EXPECT_TRUE(app.present.region.empty());
    ui.Frame(app);
    EXPECT_TRUE(ImGui::FindWindowByName("###panel.window")->Active);
  }
}

TEST(Export, ChosenPanelsAreChecked) {
  AppState app;
  testing::InitApp(app);
  TempDir dir;
  ExportRequest request;
  request.path = dir / "slide.gif";
  request.region = ExportRegion::kChosenPanels;
  request.panels = {};
  auto none = StartExport(app, request, 64, 48);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().OneLine().find("no panel"), std::string::npos) << none.error().OneLine();
  request.panels = {"kernel", "kernels"};
  auto unknown = CheckExportRequest(app, request);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().OneLine().find("kernels is not a panel"), std::string::npos)
      << unknown.error().OneLine();
  EXPECT_FALSE(ExportRunning(app));
  EXPECT_FALSE(app.present.on);
  request.panels = {"sliding_window", "dot_product", "output"};
  EXPECT_TRUE(CheckExportRequest(app, request));
}

TEST(IoWindows, TheImportValuesExportAndProgressWindowsDrawHeadless) {
  AppState app;
  testing::InitApp(app);
  testing::HeadlessUi ui;
  ShowPasteText(app, "tensor([[[1., 2., 3.],\n         [4., 5., 6.]]])");
  ASSERT_TRUE(app.files.import.pending);
  ShowValuesWindow(app, 1);
  ShowExport(app);
  // With chosen panels and a slide's size: the panel checkboxes and the size's fields draw.
  app.files.exporting.request.region = ExportRegion::kChosenPanels;
  app.files.exporting.request.window_size = false;
  ui.Frame(app);
  ui.Frame(app);
  EXPECT_NE(ImGui::FindWindowByName("Paste a tensor###io_import"), nullptr);
  EXPECT_NE(ImGui::FindWindowByName("Edit values###io_values"), nullptr);
  EXPECT_NE(ImGui::FindWindowByName("Export pictures###io_export"), nullptr);
  // [1, 2, 3] fits only as N, L, C: that reading is chosen for the user.
  EXPECT_EQ(app.files.import.pending->chosen, 0);
  ASSERT_TRUE(UseChosenImport(app));
  EXPECT_EQ(app.session->input_given.shape, (Shape{1, 2, 3}));
  // While an export runs, the progress window replaces the dialog.
  TempDir dir;
  ExportRequest request;
  request.path = dir / "p.gif";
  request.to = 3;
  ASSERT_TRUE(StartExport(app, request, 64, 48));
  ui.Frame(app);
  EXPECT_NE(ImGui::FindWindowByName("Exporting…###io_progress"), nullptr);
  CancelExport(app);
  PrepareExportFrame(app);
  EXPECT_FALSE(ExportRunning(app));
}

}  // namespace
}  // namespace convstep::gui
