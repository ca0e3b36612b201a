// GIF export: frames in, a looping GIF with the right frame count and delay out.
#include <gtest/gtest.h>

#include <cstdio>
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

}  // namespace
}  // namespace convstep::exporting
