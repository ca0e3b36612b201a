// .npy headers read as strictly as numpy.load reads them, and float64 values that float32
// cannot hold refused (what numpy 1.24 does with each header is noted beside it).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "convstep/io_npy.h"

namespace convstep {
namespace {

// A version 1.0 .npy file with `dict` as its header, padded as numpy pads it.
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

// The float32 array [[0, 1, 2], [3, 4, 5]] stored in Fortran order: 0, 3, 1, 4, 2, 5.
std::string FortranData() {
  const float values[] = {0, 3, 1, 4, 2, 5};
  return std::string(reinterpret_cast<const char*>(values), sizeof values);
}

std::string Header(const std::string& descr, const std::string& fortran, const std::string& shape) {
  return "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
}

TEST(NpyHeader, FortranOrderMustBeAPythonBool) {
  // numpy: "malformed node or string" for true and Maybe, "not a valid bool: 1" for 1. Read as
  // C order, these files would have given [[0, 3, 1], [4, 2, 5]].
  for (const std::string& word : {"true", "1", "Maybe"}) {
    auto read = ReadNpy(NpyWithHeader(Header("'<f4'", word, "(2, 3)"), FortranData()), "f.npy");
    ASSERT_FALSE(read) << word;
    EXPECT_EQ(read.error().message, "f.npy: fortran_order is " + word +
                                        ", but it must be True or False (Python's literals, "
                                        "with a capital letter)");
    EXPECT_EQ(read.error().hint, "write True when the first axis varies fastest, else False");
  }
  auto fortran = ReadNpy(NpyWithHeader(Header("'<f4'", "True", "(2, 3)"), FortranData()), "f.npy");
  ASSERT_TRUE(fortran) << fortran.error().OneLine();
  EXPECT_EQ(fortran->data, (FloatBuffer{0, 1, 2, 3, 4, 5}));
}

TEST(NpyHeader, OnlyTheThreeKeysOnceEachInADict) {
  const std::string data = FortranData();
  // numpy takes the last of two equal keys (True here); ConvStep took the first. Refused.
  auto twice = ReadNpy(NpyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), "
                                     "'fortran_order': True, }",
                                     data),
                       "twice.npy");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message, "twice.npy: the header gives 'fortran_order' twice");
  EXPECT_EQ(twice.error().hint,
            "numpy would take the last one; keep one of them, or save it again with numpy.save");
  // numpy: "Header is not a dictionary".
  auto list = ReadNpy(
      NpyWithHeader("['descr', '<f4', 'fortran_order', False, 'shape', (2, 3)]", data), "l.npy");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().message.rfind("l.npy: the header must be a Python dict such as "
                                       "{'descr': '<f4', 'fortran_order': False, 'shape': (2, "
                                       "3)}, but it reads ['descr', '<f4',",
                                       0),
            0u)
      << list.error().message;
  // numpy: "Header does not contain the correct keys".
  auto extra =
      ReadNpy(NpyWithHeader(
                  "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'extra': 1, }", data),
              "e.npy");
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().message,
            "e.npy: the header has a key 'extra', but a .npy header has exactly 'descr', "
            "'fortran_order' and 'shape'");
  auto lacks = ReadNpy(NpyWithHeader("{'descr': '<f4', 'fortran_order': False}", data), "s.npy");
  ASSERT_FALSE(lacks);
  EXPECT_EQ(lacks.error().message.rfind("s.npy: the header lacks 'shape': {'descr'", 0), 0u)
      << lacks.error().message;
  auto unclosed = ReadNpy(NpyWithHeader("{'descr': '<f4', 'fortran_order': False", data), "u.npy");
  ASSERT_FALSE(unclosed);
  EXPECT_NE(unclosed.error().message.find("must be a Python dict"), std::string::npos);
  auto after = ReadNpy(NpyWithHeader(Header("'<f4'", "True", "(2, 3)") + " x", data), "a.npy");
  ASSERT_FALSE(after);
  EXPECT_NE(after.error().message.find("must be a Python dict"), std::string::npos);
}

TEST(NpyHeader, EverySpellingOfFloat32AndFloat64NumpyReads) {
  // numpy.dtype reads each of these as float32 (native order: little-endian here).
  for (const std::string& descr :
       {"'f4'", "'<f4'", "'=f4'", "'|f4'", "'f'", "'<f'", "\"f4\"", "'float32'", "'single'"}) {
    auto read = ReadNpy(NpyWithHeader(Header(descr, "True", "(2, 3)"), FortranData()), "f.npy");
    ASSERT_TRUE(read) << descr << ": " << read.error().OneLine();
    EXPECT_EQ(read->data, (FloatBuffer{0, 1, 2, 3, 4, 5})) << descr;
  }
  const double values[] = {-1.5, 0.25, 3e38};
  const std::string data(reinterpret_cast<const char*>(values), sizeof values);
  for (const std::string& descr :
       {"'f8'", "'<f8'", "'=f8'", "'|f8'", "'d'", "'float64'", "'double'", "'float'"}) {
    auto read = ReadNpy(NpyWithHeader(Header(descr, "False", "(3,)"), data), "d.npy");
    ASSERT_TRUE(read) << descr << ": " << read.error().OneLine();
    EXPECT_EQ(read->data, (FloatBuffer{-1.5f, 0.25f, 3e38f})) << descr;
  }
  for (const std::string& descr : {"'i4'", "'<f2'", "'f16'", "'>float32'", "'c8'", "1"}) {
    auto read = ReadNpy(NpyWithHeader(Header(descr, "False", "(3,)"), data), "x.npy");
    ASSERT_FALSE(read) << descr;
    EXPECT_EQ(read.error().message, "x.npy: dtype " + descr +
                                        " is not supported: ConvStep reads float32 ('<f4', "
                                        "'>f4', 'f4', 'f') and float64 ('<f8', '>f8', 'f8', 'd')");
  }
}

TEST(NpyHeader, ShapeIsATupleOfWholeNumbers) {
  const std::string data = FortranData();
  // Python 2's 2L, which numpy filters out of version 1.0 and 2.0 headers, is taken.
  auto long_suffix = ReadNpy(NpyWithHeader(Header("'<f4'", "True", "(2L, 3L)"), data), "l.npy");
  ASSERT_TRUE(long_suffix) << long_suffix.error().OneLine();
  EXPECT_EQ(long_suffix->shape, (Shape{2, 3}));
  auto one = ReadNpy(NpyWithHeader(Header("'<f4'", "False", "(6,)"), data), "o.npy");
  ASSERT_TRUE(one) << one.error().OneLine();
  EXPECT_EQ(one->shape, (Shape{6}));
  // numpy: "shape is not valid: 6" ((6) is the number 6).
  for (const std::string& shape : {"(6)", "[2, 3]", "(2, -3)", "(2,, 3)", "(2.0, 3)"}) {
    auto read = ReadNpy(NpyWithHeader(Header("'<f4'", "False", shape), data), "s.npy");
    ASSERT_FALSE(read) << shape;
    EXPECT_EQ(read.error().message, "s.npy: shape " + shape +
                                        " is not a tuple of whole numbers such as (6, 5, 3) "
                                        "or (5,)");
  }
}

// np.full((2, 3, 5), 1e300) read as float32 would be all inf; JSON and CSV refuse 1e39 too.
TEST(NpyValues, Float64BeyondFloat32IsRefusedWithItsIndex) {
  std::vector<double> values(30, 1.0);
  values[7] = 1e300;  // index [0, 1, 2] in C order
  std::string data(reinterpret_cast<const char*>(values.data()), values.size() * 8);
  auto read = ReadNpy(NpyWithHeader(Header("'<f8'", "False", "(2, 3, 5)"), data), "big.npy");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message,
            "big.npy: the value at index [0, 1, 2] is 1e+300, too large for float32 (it would "
            "round to infinity)");
  EXPECT_EQ(read.error().hint,
            "the largest float32 is 3.4028235e+38; store inf for infinity, or scale the values");
  // In Fortran order the 8th value stored is at [1, 0, 1] (the first axis fastest).
  auto fortran = ReadNpy(NpyWithHeader(Header("'<f8'", "True", "(2, 3, 5)"), data), "big.npy");
  ASSERT_FALSE(fortran);
  EXPECT_NE(fortran.error().message.find("index [1, 0, 1] is 1e+300"), std::string::npos)
      << fortran.error().message;
  // The largest float32 and real infinities and NaN are kept, as the other readers keep them.
  values[7] = 3.4028235e38;
  values[8] = std::numeric_limits<double>::infinity();
  values[9] = std::numeric_limits<double>::quiet_NaN();
  data.assign(reinterpret_cast<const char*>(values.data()), values.size() * 8);
  auto kept = ReadNpy(NpyWithHeader(Header("'<f8'", "False", "(2, 3, 5)"), data), "big.npy");
  ASSERT_TRUE(kept) << kept.error().OneLine();
  EXPECT_EQ(kept->data[7], std::numeric_limits<float>::max());
  EXPECT_EQ(kept->data[8], std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(kept->data[9]));
}

}  // namespace
}  // namespace convstep
