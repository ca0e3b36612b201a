// .npy and CSV files: numpy-written fixtures, round trips, and a table of broken files.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "convstep/io_csv.h"
#include "convstep/io_npy.h"
#include "test_util.h"

namespace convstep {
namespace {

std::string Golden(const std::string& name) {
  return std::string(CONVSTEP_GOLDEN_DIR) + "/npy/" + name;
}

TEST(Npy, ReadsFilesWrittenByNumpy) {
  const auto expected = nlohmann::json::parse(testing::ReadGolden("npy/expected.json"));
  // Includes big-endian and Fortran-order files and one with bytes after the data, each
  // expected as numpy.load reads it (tools/gen_golden_npy.py).
  ASSERT_EQ(expected.size(), 10u);
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    auto tensor = ReadNpyFile(Golden(it.key()));
    ASSERT_TRUE(tensor) << it.key() << ": " << tensor.error().OneLine();
    EXPECT_EQ(tensor->shape, it.value()["shape"].get<Shape>()) << it.key();
    EXPECT_EQ(tensor->data, it.value()["values"].get<std::vector<float>>()) << it.key();
  }
}

TEST(Npy, WriteThenReadIsExact) {
  Tensor tensor{{2, 3}, {-1.5697f, 0.f, 3.25f, 1e-30f, -7.f, 0.1f}};
  auto back = ReadNpy(WriteNpy(tensor), "memory");
  ASSERT_TRUE(back) << back.error().OneLine();
  EXPECT_EQ(back->shape, tensor.shape);
  EXPECT_EQ(back->data, tensor.data);
  // numpy's own header layout: the data starts on a 64-byte boundary.
  EXPECT_EQ((WriteNpy(tensor).size() - 24) % 64, 0u);
}

TEST(Npy, BrokenFilesSayWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"bad_int64.npy", "dtype '<i8' is not supported"},
      {"bad_int32_bigendian.npy", "dtype '>i4' is not supported"},
      {"bad_truncated.npy", "needs 360"},
  };
  for (const auto& [file, reason] : cases) {
    auto tensor = ReadNpyFile(Golden(file));
    ASSERT_FALSE(tensor) << file;
    EXPECT_NE(tensor.error().message.find(reason), std::string::npos) << tensor.error().message;
    EXPECT_NE(tensor.error().message.find(file), std::string::npos) << "names the file";
  }
  EXPECT_FALSE(ReadNpy("not numpy at all", "x.npy"));
  EXPECT_FALSE(ReadNpy(std::string("\x93NUMPY\x01\x00\xff\x7f", 10), "x.npy"));
  auto huge = ReadNpy(WriteNpy(Tensor::Zeros({100, 100})), "big.npy", 1000);
  ASSERT_FALSE(huge);
  EXPECT_NE(huge.error().message.find("limit"), std::string::npos);
  EXPECT_FALSE(ReadNpyFile("/nonexistent/x.npy"));
}

TEST(Csv, ParsesWithHeaderCommentsAndSeparators) {
  auto matrix = ParseCsv("c0,c1,c2\n# a comment\n1, 2, 3\r\n4;5;6\n\n7\t8\t-9.5\n", "m.csv");
  ASSERT_TRUE(matrix) << matrix.error().OneLine();
  EXPECT_EQ(matrix->shape, (Shape{3, 3}));
  EXPECT_EQ(matrix->data, (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, -9.5f}));
}

// numpy.savetxt writes nan and inf; a first line is a header only when no cell is a number.
TEST(Csv, SpecialNumbersAreValuesAndNeverAHeader) {
  auto special = ParseCsv("nan,nan,nan,nan\n5,6,7,8\n9,10,11,12\n", "m.csv");
  ASSERT_TRUE(special) << special.error().OneLine();
  EXPECT_EQ(special->shape, (Shape{3, 4}));  // the nan row is data, not a dropped header
  EXPECT_TRUE(std::isnan(special->data[0]));
  auto infinities = ParseCsv("inf,-inf,+Inf,-Infinity\n", "m.csv");
  ASSERT_TRUE(infinities) << infinities.error().OneLine();
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(infinities->data, (std::vector<float>{inf, -inf, inf, -inf}));
  auto flt_max = ParseCsv("3.4028235e+38,-3.4028235e+38\n", "m.csv");  // FLT_MAX fits
  ASSERT_TRUE(flt_max) << flt_max.error().OneLine();
  EXPECT_EQ(flt_max->data[0], std::numeric_limits<float>::max());
  auto mixed_header = ParseCsv("x,1\n2,3\n", "m.csv");  // one number: data, so 'x' is wrong
  ASSERT_FALSE(mixed_header);
  EXPECT_NE(mixed_header.error().message.find("line 1, column 1: 'x'"), std::string::npos);
}

// Spreadsheets quote cells: a quoted first row of numbers is data, never a dropped header.
TEST(Csv, QuotedCellsAreUnquotedBeforeTheHeaderIsDecided) {
  auto numbers = ParseCsv("\"1\",\"2\",\"3\"\n4,5,6\n7,8,9\n", "qh.csv");
  ASSERT_TRUE(numbers) << numbers.error().OneLine();
  EXPECT_EQ(numbers->shape, (Shape{3, 3}));
  EXPECT_EQ(numbers->data, (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  auto header = ParseCsv("\"c0\",\"c,1\";\"say \"\"x\"\"\"\n\"-1.5\",2,\" 3 \"\n", "q.csv");
  ASSERT_TRUE(header) << header.error().OneLine();
  EXPECT_EQ(header->shape, (Shape{1, 3}));
  EXPECT_EQ(header->data, (std::vector<float>{-1.5f, 2, 3}));
  auto word = ParseCsv("1,2\n3,\"fo,ur\"\n", "w.csv");  // the comma is inside the cell
  ASSERT_FALSE(word);
  EXPECT_EQ(word.error().message, "w.csv: line 2, column 2: 'fo,ur' is not a number");
}

TEST(Csv, CommaTabAndSpaceSeparatorsReadTheSameAndABomIsSkipped) {
  const std::vector<float> expected = {1, 2, 3, 4, 5, 6};
  for (const char* text :
       {"1,2,3\n4,5,6\n", "1\t2\t3\n4\t5\t6\n", "1 2 3\n4 5 6\n", "  1   2 3\n4 5  6  \n",
        "\xef\xbb\xbf"
        "1,2,3\n4,5,6\n",
        "\xef\xbb\xbf"
        "c0 c1 c2\n1 2 3\n4 5 6\n"}) {
    auto matrix = ParseCsv(text, "m.csv");
    ASSERT_TRUE(matrix) << text << ": " << matrix.error().OneLine();
    EXPECT_EQ(matrix->shape, (Shape{2, 3})) << text;
    EXPECT_EQ(matrix->data, expected) << text;
  }
}

TEST(Csv, WriteReadRoundTripAndOrientation) {
  Tensor matrix{{2, 3}, {0.1f, -2.f, 3.5f, 1e-7f, 5.f, -0.25f}};
  auto back = ParseCsv(WriteCsv(matrix), "m.csv");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->data, matrix.data);
  const std::string path = ::testing::TempDir() + "/rows_are_positions.csv";
  std::ofstream(path, std::ios::binary) << "1,2,3\n4,5,6\n";  // L=2 positions, C=3 channels
  auto cl = ReadCsvFile(path, CsvOrientation::kRowsArePositions);
  ASSERT_TRUE(cl);
  EXPECT_EQ(cl->shape, (Shape{3, 2}));
  EXPECT_EQ(cl->data, (std::vector<float>{1, 4, 2, 5, 3, 6}));
  auto same = ReadCsvFile(path, CsvOrientation::kRowsAreChannels);
  EXPECT_EQ(same->shape, (Shape{2, 3}));
  std::remove(path.c_str());
}

TEST(Csv, BrokenFilesSayWhereAndWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1,2,3\n4,5\n", "m.csv: line 2 has 2 values, but line 1 has 3"},
      {"1,2,3\n4,abc,6\n", "m.csv: line 2, column 2: 'abc' is not a number"},
      {"1,2,\n", "line 1, column 3: '' is not a number"},
      {"", "m.csv: no numbers found"},
      {"h1,h2\n", "no numbers found"},
      {"1e999,2\n", "1e999 is too large for float32"},
      {"1e39,2\n", "line 1, column 1: 1e39 is too large for float32"},  // a number: no header
      {"3.4028236e38\n", "too large for float32"},
      {"0x10,2\n", "'0x10' is not a number"},
  };
  for (const auto& [text, reason] : cases) {
    auto matrix = ParseCsv(text, "m.csv");
    ASSERT_FALSE(matrix) << text;
    EXPECT_NE(matrix.error().message.find(reason), std::string::npos) << matrix.error().message;
  }
}

}  // namespace
}  // namespace convstep
