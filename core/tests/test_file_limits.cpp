// Files are checked before they are read: a device is refused at once, a regular file over the
// limit by its size, and a stream once it passes the limit, so nothing grows without bound.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "convstep/io_csv.h"
#include "convstep/io_json.h"
#include "convstep/io_npy.h"

namespace convstep {
namespace {

// A folder of its own under the test's temporary directory, removed afterwards.
struct Folder {
  std::string path = ::testing::TempDir() + "/convstep_file_limits";
  Folder() {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~Folder() { std::filesystem::remove_all(path); }
};

TEST(FileLimits, ADeviceIsRefusedBeforeAByteIsRead) {
  // A spec naming z.npy, a link to /dev/zero, ran until killed (8 GB resident).
  Folder folder;
  std::filesystem::create_symlink("/dev/zero", folder.path + "/z.npy");
  auto spec = ParseSpecJson(R"({"input": {"file": "z.npy"}})", folder.path);
  ASSERT_FALSE(spec);
  EXPECT_EQ(spec.error().message, folder.path + "/z.npy is a device, not a file");
  EXPECT_EQ(spec.error().hint, "give the path of a file saved on disk");
  auto zero = ReadFileBytes("/dev/zero");
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().message, "/dev/zero is a device, not a file");
}

TEST(FileLimits, ARegularFileOverTheLimitIsRefusedByItsSize) {
  Folder folder;
  // A sparse file: 3 GiB by its size, no disk space used, and never read.
  const std::string npy = folder.path + "/huge.npy";
  std::ofstream(npy).put('x');
  std::filesystem::resize_file(npy, uint64_t{3} << 30);
  auto tensor = LoadTensorFile(npy);
  ASSERT_FALSE(tensor);
  EXPECT_EQ(tensor.error().message,
            npy +
                " is 3221225472 bytes, more than the 2147549184 bytes ConvStep reads from one "
                "file");
  EXPECT_EQ(NpyFileLimit(int64_t{1} << 28), 2147549184u);  // 2^28 float64 and a 64 KiB header
  const std::string csv = folder.path + "/huge.csv";
  std::ofstream(csv).put('1');
  std::filesystem::resize_file(csv, kMaxTextFileBytes + 1);
  auto matrix = ReadCsvFile(csv, CsvOrientation::kRowsAreChannels);
  ASSERT_FALSE(matrix);
  EXPECT_EQ(matrix.error().message,
            csv +
                " is 536870913 bytes, more than the 536870912 bytes ConvStep reads from one "
                "file");
  // At the limit a file is read whole, byte for byte.
  const std::string small = folder.path + "/small.txt";
  std::ofstream(small) << "0123456789";
  auto at_limit = ReadFileBytes(small, 10);
  ASSERT_TRUE(at_limit) << at_limit.error().OneLine();
  EXPECT_EQ(*at_limit, "0123456789");
  auto over = ReadFileBytes(small, 9);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().message,
            small + " is 10 bytes, more than the 9 bytes ConvStep reads from one file");
}

TEST(FileLimits, AStreamIsReadInChunksUpToTheLimit) {
  const std::string text(200000, '7');  // several 64 KiB chunks
  std::istringstream whole(text);
  auto read = ReadStreamBytes(whole, "standard input", text.size());
  ASSERT_TRUE(read) << read.error().OneLine();
  EXPECT_EQ(*read, text);
  std::istringstream endless(text);
  auto refused = ReadStreamBytes(endless, "standard input", 100000);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "standard input holds more than 100000 bytes, the most ConvStep reads from it");
  EXPECT_EQ(refused.error().hint, "use a smaller file");
}

}  // namespace
}  // namespace convstep
