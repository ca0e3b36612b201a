// The real executable with the teaching flags: --lesson and --lang under Xvfb (the README's
// chapter-4 screenshots in both languages), bad values, and the fallback to English when no
// CJK font exists. The language setting goes to a temporary XDG_CONFIG_HOME, never the user's.
#include <stb_image.h>

#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "support/process.h"

namespace {

using namespace convstep::process_test;  // Shell, Quote, App, ... (process_util.h)

std::string Output(const std::string& name) {
  return std::string(CONVSTEP_TEST_OUTPUT_DIR) + "/teach_" + std::to_string(getpid()) + "_" + name;
}

// The app with its own settings folder, under Xvfb when `display` is true.
std::string ConfiguredApp(const std::string& env = {}, bool display = false) {
  const std::string config = Output("config");
  std::filesystem::create_directories(config);
  return "XDG_CONFIG_HOME=" + Quote(config) + " " + env + (env.empty() ? "" : " ") +
         (display ? "xvfb-run -a -s '-screen 0 1280x720x24' " : "") + App();
}

// Mean brightness of a region of an RGB(A) image (0 black .. 255 white) and its spread.
struct Region {
  double mean = 0, darkest = 255;
};
Region Measure(const unsigned char* pixels, int width, int channels, int x0, int y0, int x1,
               int y1) {
  Region region;
  double sum = 0;
  int count = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = pixels + (static_cast<size_t>(y) * width + x) * channels;
      const double v = (p[0] + p[1] + p[2]) / 3.0;
      sum += v;
      region.darkest = std::min(region.darkest, v);
      ++count;
    }
  region.mean = count ? sum / count : 0;
  return region;
}

TEST(TeachProcess, BadLessonOrLanguageExitsTwo) {
  const ProcessRun eleven = Shell(ConfiguredApp() + " --lesson 11 --screenshot /dev/null");
  EXPECT_EQ(eleven.status, 2) << eleven.output;
  const ProcessRun zero = Shell(ConfiguredApp() + " --lesson 0");
  EXPECT_EQ(zero.status, 2) << zero.output;
  const ProcessRun french = Shell(ConfiguredApp() + " --lang fr");
  EXPECT_EQ(french.status, 2) << french.output;
  EXPECT_NE(french.output.find("convstep: error: "), std::string::npos) << french.output;
}

TEST(TeachProcess, ChapterFourScreenshotsInBothLanguages) {
  ASSERT_TRUE(HaveXvfbRun()) << kNoXvfb;
  for (const char* language : {"en", "zh"}) {
    SCOPED_TRACE(language);
    const std::string png = Output(std::string("lesson4_") + language + ".png");
    const ProcessRun run = Shell(ConfiguredApp({}, true) + " --screenshot '" + png +
                                 "' --size 1280x720 --frames 3 --lesson 4 --lang " + language);
    ASSERT_EQ(run.status, 0) << run.output;
    EXPECT_EQ(run.output.find("warning"), std::string::npos) << run.output;
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels(
        stbi_load(png.c_str(), &width, &height, &channels, 0), stbi_image_free);
    ASSERT_NE(pixels, nullptr);
    EXPECT_EQ(width, 1280);
    // The narration at the top of the side column has text: dark pixels on a light ground.
    const Region narration = Measure(pixels.get(), width, channels, 8, 100, 260, 260);
    EXPECT_GT(narration.mean, 150.0);
    EXPECT_LT(narration.darkest, 90.0);
    std::filesystem::remove(png);
  }
}

TEST(TeachProcess, WithoutACjkFontChineseFallsBackToEnglishWithAWarning) {
  ASSERT_TRUE(HaveXvfbRun()) << kNoXvfb;
  const std::string png = Output("no_cjk.png");
  const ProcessRun run = Shell(ConfiguredApp("CONVSTEP_CJK_FONT=none", true) + " --screenshot '" +
                               png + "' --size 1280x720 --frames 2 --lesson 1 --lang zh");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("warning: Chinese needs a CJK font"), std::string::npos) << run.output;
  std::filesystem::remove(png);
}

}  // namespace
