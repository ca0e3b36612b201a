// The real executable: --help / --version / bad flags without a display, and under Xvfb a
// screenshot of the seed example (decoded and checked for content) and a short benchmark.
// xvfb-run is required: without it these tests fail with a message saying how to install it.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "support/process.h"

namespace {

using namespace convstep::process_test;  // Shell, Quote, App, ... (process_util.h)

TEST(AppProcess, HelpVersionAndBadFlags) {
  const ProcessRun help = Shell(App() + " --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("--bench-frames"), std::string::npos) << help.output;
  const ProcessRun version = Shell(App() + " --version");
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.output.find("convstep "), std::string::npos);
  const ProcessRun bad = Shell(App() + " --frobnicate");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.output.find("convstep: error: "), std::string::npos) << bad.output;
  const ProcessRun granularity = Shell(App() + " --granularity pixel");
  EXPECT_EQ(granularity.status, 2);
}

TEST(AppProcess, ABrokenSpecOrAStepOutOfRangeExitsTwo) {
  const std::string broken = std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/broken_spec.json";
  {
    std::unique_ptr<FILE, int (*)(FILE*)> file(fopen(broken.c_str(), "w"), fclose);
    fputs(
        "{\"conv\": {\"in_channels\": 3, \"out_channels\": 8, \"kernel_size\": 2, \"groups\": 2}}",
        file.get());
  }
  const ProcessRun bad_spec = Shell(App() + " --spec '" + broken + "'");
  EXPECT_EQ(bad_spec.status, 2);
  EXPECT_NE(bad_spec.output.find("in_channels must be divisible by groups"), std::string::npos)
      << bad_spec.output;
  const ProcessRun no_window = Shell(App() + " --open fits");
  EXPECT_EQ(no_window.status, 2);
  EXPECT_NE(no_window.output.find("--open fits names no window; use one of: fit,"),
            std::string::npos)
      << no_window.output;
  const ProcessRun far = Shell(App() + " --step 5000");
  EXPECT_EQ(far.status, 2);
  EXPECT_NE(far.output.find("1152 steps"), std::string::npos) << far.output;
}

TEST(AppProcess, ScreenshotOfTheSeedExampleUnderXvfb) {
  ASSERT_TRUE(HaveXvfbRun()) << kNoXvfb;
  const std::string png = std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/seed_example.png";
  std::filesystem::remove(png);
  const ProcessRun run = Shell("xvfb-run -a " + App() + " --screenshot '" + png +
                               "' --size 1280x720 --frames 20 --step 30");
  ASSERT_EQ(run.status, 0) << run.output;
  int width = 0, height = 0, channels = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> pixels(
      stbi_load(png.c_str(), &width, &height, &channels, 3), stbi_image_free);
  ASSERT_TRUE(pixels) << "cannot decode " << png;
  EXPECT_EQ(width, 1280);
  EXPECT_EQ(height, 720);
  // Not blank: the picture has real variation, and many distinct colours (the value map).
  double sum = 0.0, sum_sq = 0.0;
  size_t coloured = 0;
  const size_t count = static_cast<size_t>(width) * static_cast<size_t>(height);
  for (size_t i = 0; i < count; ++i) {
    const unsigned char* p = pixels.get() + i * 3;
    const double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
    sum += luma;
    sum_sq += luma * luma;
    const int spread = std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
    if (spread > 60) ++coloured;  // saturated: the blue / orange cells
  }
  const double mean = sum / static_cast<double>(count);
  const double variance = sum_sq / static_cast<double>(count) - mean * mean;
  EXPECT_GT(variance, 300.0) << "the screenshot looks blank";
  EXPECT_GT(coloured, count / 100) << "no coloured cells in the screenshot";
}

TEST(AppProcess, BenchFramesPrintsItsSummaryLastUnderXvfb) {
  ASSERT_TRUE(HaveXvfbRun()) << kNoXvfb;
  const ProcessRun run = Shell("xvfb-run -a -s '-screen 0 1280x720x24' " + App() +
                               " --bench-frames 20 --size 1280x720");
  ASSERT_EQ(run.status, 0) << run.output;
  std::string last = run.output;
  while (!last.empty() && last.back() == '\n') last.pop_back();
  last = last.substr(last.rfind('\n') + 1);
  int frames = 0;
  double p50 = 0, p95 = 0, max = 0;
  ASSERT_EQ(std::sscanf(last.c_str(), "frames: %d p50: %lf ms p95: %lf ms max: %lf ms", &frames,
                        &p50, &p95, &max),
            4)
      << last;
  EXPECT_EQ(frames, 20);
  EXPECT_LE(p50, p95);
  EXPECT_LE(p95, max);
  EXPECT_GT(p50, 0.0);
}

}  // namespace
