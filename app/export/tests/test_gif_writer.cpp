// GIF export: frames in, a looping GIF with the right frame count and delay out.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../gif_writer.h"

namespace convstep::exporting {
namespace {

RgbaImage Frame(int width, int height, int shade) {
  RgbaImage image{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height * 4)};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &image.pixels[(static_cast<size_t>(y) * width + x) * 4];
      p[0] = static_cast<uint8_t>(shade);
      p[1] = static_cast<uint8_t>(x * 255 / width);
      p[2] = static_cast<uint8_t>(y * 255 / height);
      p[3] = 255;
    }
  return image;
}

bool Exists(const std::string& path) {
  return std::ifstream(path).good();
}

TEST(GifWriter, WritesEveryFrameWithItsDelay) {
  const std::string path = ::testing::TempDir() + "/convstep_test.gif";
  GifWriter writer;
  ASSERT_TRUE(writer.Open(path, 40, 24, 120));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(writer.AddFrame(Frame(40, 24, i * 50)));
  EXPECT_FALSE(Exists(path)) << "nothing appears before Finish";
  ASSERT_TRUE(writer.Finish());
  auto info = ReadGifInfo(path);
  ASSERT_TRUE(info) << info.error().OneLine();
  EXPECT_EQ(info->frames, 5);
  EXPECT_EQ(info->width, 40);
  EXPECT_EQ(info->height, 24);
  EXPECT_EQ(info->delay_ms, 120);
  EXPECT_FALSE(Exists(path + ".tmp"));
  std::remove(path.c_str());
}

TEST(GifWriter, CancelAndErrorsLeaveNoFile) {
  const std::string path = ::testing::TempDir() + "/convstep_cancel.gif";
  {
    GifWriter writer;
    ASSERT_TRUE(writer.Open(path, 8, 8, 100));
    ASSERT_TRUE(writer.AddFrame(Frame(8, 8, 0)));
    auto wrong = writer.AddFrame(Frame(9, 8, 0));
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("9x8"), std::string::npos);
    writer.Cancel();
  }
  EXPECT_FALSE(Exists(path));
  EXPECT_FALSE(Exists(path + ".tmp"));
  GifWriter writer;
  EXPECT_FALSE(writer.Open("/nonexistent/folder/x.gif", 8, 8, 100));
  EXPECT_FALSE(writer.Open(path, 0, 8, 100));
  EXPECT_FALSE(writer.Open(path, 8, 8, 1));
  EXPECT_FALSE(writer.AddFrame(Frame(8, 8, 0)));
  EXPECT_FALSE(ReadGifInfo("/nonexistent.gif"));
}

TEST(GifWriter, RefusesAFolderAsTheTarget) {
  const std::string folder = ::testing::TempDir() + "/convstep_gif_folder";
  std::filesystem::create_directories(folder);
  GifWriter writer;
  auto opened = writer.Open(folder, 8, 8, 100);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().OneLine(), folder + " is a directory, not a file (path): name a file " +
                                          "inside it, such as " + folder + "/steps.gif");
  EXPECT_FALSE(Exists(folder + ".tmp"));
  EXPECT_TRUE(std::filesystem::is_directory(folder));
}

// The target turns into a folder while the frames are written: the rename at the end fails and
// is reported (it used to crash), and the temporary file is removed.
TEST(GifWriter, AFailedMoveIntoPlaceIsReported) {
  const std::string path = ::testing::TempDir() + "/convstep_gif_became_folder.gif";
  std::filesystem::remove_all(path);
  GifWriter writer;
  ASSERT_TRUE(writer.Open(path, 8, 8, 100));
  ASSERT_TRUE(writer.AddFrame(Frame(8, 8, 0)));
  std::filesystem::create_directories(path + "/inside");
  auto finished = writer.Finish();
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().message.rfind("cannot replace " + path + ": ", 0), 0u)
      << finished.error().message;
  EXPECT_FALSE(Exists(path + ".tmp"));
  EXPECT_TRUE(std::filesystem::is_directory(path + "/inside"));
  std::filesystem::remove_all(path);
}

// Every write is checked: past a file size limit (as on a full disk) the export fails with the
// system's reason and leaves nothing behind.
TEST(GifWriter, AWriteThatFailsMidwayIsReported) {
  const std::string path = ::testing::TempDir() + "/convstep_gif_full.gif";
  std::remove(path.c_str());
  auto* previous_signal = std::signal(SIGXFSZ, SIG_IGN);
  rlimit previous{};
  getrlimit(RLIMIT_FSIZE, &previous);
  rlimit limit = previous;
  limit.rlim_cur = 2000;
  Result<bool> failed = true;
  {
    GifWriter writer;
    setrlimit(RLIMIT_FSIZE, &limit);
    failed = writer.Open(path, 64, 64, 100);
    for (int i = 0; failed && i < 20; ++i) failed = writer.AddFrame(Frame(64, 64, i * 12));
    if (failed) failed = writer.Finish();
    setrlimit(RLIMIT_FSIZE, &previous);
  }
  std::signal(SIGXFSZ, previous_signal);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().OneLine(),
            "cannot write " + path + ": File too large (path): check the free disk space");
  EXPECT_FALSE(Exists(path));
  EXPECT_FALSE(Exists(path + ".tmp"));
}

}  // namespace
}  // namespace convstep::exporting
