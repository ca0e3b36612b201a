// Speed and robustness with the real executable under Xvfb: screenshots at 200x150 and 3840x2160
// (the picture survives both), --bench-edits on the big example prints its worst frame and the
// summary line last, and --startup-time reports the first frame.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "support/process.h"

namespace {

using namespace convstep::process_test;  // Shell, Quote, App, ... (process_util.h)

// The app under Xvfb, without reading or writing settings.
std::string HeadlessApp() {
  return "xvfb-run -a " + App() + " --no-settings";
}

// Renders a screenshot at `size` and checks its dimensions and that it is not blank.
void ExpectScreenshot(const std::string& size, int width, int height) {
  const std::string png = std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/size_" + size + ".png";
  std::filesystem::remove(png);
  const ProcessRun run =
      Shell(HeadlessApp() + " --screenshot '" + png + "' --size " + size + " --frames 4");
  ASSERT_EQ(run.status, 0) << run.output;
  int w = 0, h = 0, channels = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> pixels(
      stbi_load(png.c_str(), &w, &h, &channels, 3), stbi_image_free);
  ASSERT_TRUE(pixels) << "cannot decode " << png;
  EXPECT_EQ(w, width);
  EXPECT_EQ(h, height);
  int lo = 255, hi = 0;
  for (size_t i = 0; i < static_cast<size_t>(w) * static_cast<size_t>(h) * 3; ++i) {
    lo = std::min<int>(lo, pixels.get()[i]);
    hi = std::max<int>(hi, pixels.get()[i]);
  }
  EXPECT_GT(hi - lo, 100) << "the screenshot looks blank";
}

TEST(SpeedProcess, ScreenshotsAt200x150And3840x2160) {
  ExpectScreenshot("200x150", 200, 150);
  ExpectScreenshot("3840x2160", 3840, 2160);
}

TEST(SpeedProcess, BenchEditsOnTheBigExamplePrintsTheWorstFrameAndTheSummaryLast) {
  const ProcessRun run = Shell(HeadlessApp() + " --size 640x360 --spec '" + CONVSTEP_SOURCE_DIR +
                               "/assets/presets/08_large.json' --bench-edits 40");
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("worst frame: #"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("edits: "), std::string::npos) << run.output;
  const size_t last = run.output.rfind("frames: 40 p50: ");
  ASSERT_NE(last, std::string::npos) << run.output;
  EXPECT_EQ(run.output.find('\n', last), run.output.size() - 1) << run.output;
}

TEST(SpeedProcess, StartupTimeIsPrinted) {
  const ProcessRun run = Shell(HeadlessApp() + " --startup-time --bench-frames 2");
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("startup: first frame on screen after "), std::string::npos)
      << run.output;
}

}  // namespace
