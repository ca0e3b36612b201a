// The engine at the edges: nesting depth, allocation failure, float range, 64-bit parameters,
// repr quoting and number printing. PyTorch's answers quoted here were measured with
// PyTorch 1.13 (/usr/bin/python3).
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <random>
#include <string>

#include "convstep/codegen.h"
#include "convstep/geometry.h"
#include "convstep/io_json.h"
#include "convstep/io_npy.h"
#include "convstep/json_text.h"
#include "convstep/spec.h"
#include "convstep/torch_text.h"
#include "convstep/values.h"

namespace convstep {
namespace {

using nlohmann::json;

TEST(Edges, NestingDeeperThanTheLimitIsRefusedBeforeParsingInEveryKey) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  for (const char* key : {"extra", "seed", "input_shape", "values", "input_layout", "sentences",
                          "input", "weight", "bias", "conv"}) {
    auto parsed = ParseSpecJson(std::string("{\"") + key + "\": " + deep + "}");
    ASSERT_FALSE(parsed) << key;
    EXPECT_EQ(parsed.error().message_key, "json_too_deep");
    EXPECT_EQ(parsed.error().message,
              "the JSON nests more than 100 levels deep at line 1, column " +
                  std::to_string(std::string(key).size() + 105));
  }
  // Exactly at the limit parses (and is refused for what it is, not for its depth).
  const std::string at_limit = "{\"view\": " + std::string(99, '[') + std::string(99, ']') + "}";
  EXPECT_TRUE(ParseSpecJson(at_limit));
  // Brackets inside strings do not count.
  EXPECT_EQ(FindTooDeepNesting("[\"" + std::string(500, '[') + "\\\"[\"]"), std::string::npos);
  EXPECT_EQ(FindTooDeepNesting(std::string(3, '{'), 2), 2u);
}

// Run in a child process with 1 GB of address space: 2^38 floats fit a 1 TiB budget, not the
// memory. Returns 0 when both generators said "out_of_memory" instead of throwing.
int AllocationFailureChild() {
  rlimit limit{int64_t{1} << 30, int64_t{1} << 30};
  setrlimit(RLIMIT_AS, &limit);
  Limits budget;
  budget.max_bytes = int64_t{1} << 40;
  auto input = GenerateInput({int64_t{1} << 38}, ValueSource::kTorchRandn, 0, budget);
  const bool said = !input && input.error().message_key == "out_of_memory" &&
                    input.error().message.find("1024.0 GiB memory budget") != std::string::npos;
  auto tensors = GenerateTensors(SeedSpec(), {1, 3, int64_t{1} << 35}, InputLayout::kNCL,
                                 ValueSource::kOnes, 0, budget);
  const bool said_too = !tensors && tensors.error().message_key == "out_of_memory";
  return said && said_too ? 0 : 1;
}

TEST(Edges, AllocationFailureIsAnErrorWhereTensorsAreMade) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves terabytes of address space at start, so no "
                  "address-space limit can be set; the plain build runs this test";
#endif
  EXPECT_EXIT(std::exit(AllocationFailureChild()), ::testing::ExitedWithCode(0), "");
}

TEST(Edges, FloatRangeIsWhatRoundsToInfinityInFloat32) {
  const double flt_max = std::numeric_limits<float>::max();
  EXPECT_FALSE(RoundsToFloatInfinity(flt_max));
  EXPECT_FALSE(RoundsToFloatInfinity(3.4028235e38));  // prints as FLT_MAX, reads back to it
  EXPECT_FALSE(RoundsToFloatInfinity(-3.4028235e38));
  EXPECT_FALSE(RoundsToFloatInfinity(std::nextafter(0x1.ffffffp127, 0.0)));  // rounds down
  EXPECT_TRUE(RoundsToFloatInfinity(0x1.ffffffp127));  // the tie rounds to even: infinity
  EXPECT_TRUE(RoundsToFloatInfinity(-1e39));
  EXPECT_FALSE(RoundsToFloatInfinity(std::numeric_limits<double>::infinity()));  // not finite
  auto doc = ParseSpecJson(R"({"input": [3.4028235e38, -3.4028235e38, "nan", "inf", "-inf"]})");
  ASSERT_TRUE(doc) << doc.error().OneLine();
  EXPECT_EQ(doc->input->data[0], std::numeric_limits<float>::max());
  EXPECT_TRUE(std::isnan(doc->input->data[2]));
  EXPECT_EQ(doc->input->data[4], -std::numeric_limits<float>::infinity());
}

TEST(Edges, EveryFloatPrintsShortestAndReadsBackExactly) {
  std::mt19937 bits(11);
  for (int i = 0; i < 200000; ++i) {
    uint32_t raw = bits();
    float value;
    std::memcpy(&value, &raw, 4);
    const std::string text = DumpJson(FloatToJson(value));
    if (std::isnan(value)) {
      EXPECT_EQ(text, "\"nan\"");
      continue;
    }
    if (std::isinf(value)) {
      EXPECT_EQ(text, value > 0 ? "\"inf\"" : "\"-inf\"");
      continue;
    }
    char buffer[32];
    std::string shortest(buffer, std::to_chars(buffer, buffer + 32, value).ptr);
    if (shortest.find_first_of(".e") == std::string::npos) shortest += ".0";
    ASSERT_EQ(text, shortest) << raw;
    float back = 0.f;
    ASSERT_FALSE(FloatOfJson(json::parse(text), &back));
    ASSERT_EQ(back, value);
  }
}

TEST(Edges, NegativeSeedsAreKeptAsTorchKeepsThem) {
  auto minus_one = ParseSpecJson(R"({"seed": -1})");
  ASSERT_TRUE(minus_one);
  EXPECT_EQ(*minus_one->seed, std::numeric_limits<uint64_t>::max());  // torch.initial_seed()
  EXPECT_TRUE(minus_one->seed_negative);
  CodeSpec code;
  code.has_conv = false;
  code.seed = *minus_one->seed;
  code.seed_negative = true;
  code.input_shape = {2};
  EXPECT_NE(PythonCode(code).find("torch.manual_seed(-1)\n"), std::string::npos);
  EXPECT_FALSE(ParseSpecJson(R"({"seed": -9223372036854775809})"));
  EXPECT_FALSE(ParseSpecJson(R"({"seed": 18446744073709551616})"));
}

TEST(Edges, SixtyFourBitParametersAndOverflow) {
  Conv1dSpec spec;
  spec.in_channels = spec.out_channels = spec.kernel_size = 1;
  spec.bias = false;
  spec.stride = int64_t{1} << 62;
  auto strided = Validate(spec, {1, 1, 5});
  ASSERT_TRUE(strided) << strided.error().OneLine();
  EXPECT_EQ(strided->OutputShape(), (Shape{1, 1, 1}));  // PyTorch 1.13: torch.Size([1, 1, 1])
  spec.stride = 1;
  spec.kernel_size = 3;
  spec.dilation = int64_t{1} << 62;
  auto wrapped = Validate(spec, {1, 1, 5});  // PyTorch wraps around and answers [1, 1, 5]
  ASSERT_FALSE(wrapped);
  EXPECT_EQ(wrapped.error().parameter, "dilation");
  EXPECT_EQ(wrapped.error().message_key, "param_overflow");
  spec.dilation = 1;
  spec.kernel_size = 1;
  spec.padding_kind = PaddingKind::kSame;
  spec.kernel_size = 3;
  spec.dilation = std::numeric_limits<int64_t>::max();
  auto same = Validate(spec, {1, 1, 5});
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().parameter, "dilation");
  // Groups suggestions stay defined for the most negative sizes.
  spec = Conv1dSpec{};
  spec.in_channels = std::numeric_limits<int64_t>::min();
  spec.groups = 3;
  auto groups = ValidateSpec(spec);
  ASSERT_FALSE(groups);
  EXPECT_EQ(groups.error().message, "in_channels must be divisible by groups");
}

TEST(Edges, PythonReprQuotesAsPythonDoes) {
  // repr() in Python 3: the quote that needs no escape, escapes for \, \n, \t and unprintables.
  EXPECT_EQ(PythonRepr("same"), "'same'");
  EXPECT_EQ(PythonRepr("it's"), "\"it's\"");
  EXPECT_EQ(PythonRepr("a\"b"), "'a\"b'");
  EXPECT_EQ(PythonRepr("both'\""), "'both\\'\"'");
  EXPECT_EQ(PythonRepr("back\\slash"), "'back\\\\slash'");
  EXPECT_EQ(PythonRepr("new\nline\ttab\r"), "'new\\nline\\ttab\\r'");
  EXPECT_EQ(PythonRepr(std::string("\x00\x7f", 2)), "'\\x00\\x7f'");
  EXPECT_EQ(PythonRepr("\xc2\xa0\xe2\x80\x8b"), "'\\xa0\\u200b'");
  EXPECT_EQ(PythonRepr("\xc3\xa9\xe4\xb8\xad"), "'\xc3\xa9\xe4\xb8\xad'");  // printable: as is
  EXPECT_EQ(PythonRepr(std::string(100, 'a'), 60), "'" + std::string(60, 'a') + "'...");
  // A lead byte whose continuation is not one stands alone (kept as the byte it is, like any
  // stray byte), and what follows is read afresh, as Python reads it: with
  // errors="surrogateescape", b"\xe4\nA" is '\udce4\nA', b"\xc2A" is '\udcc2A' and b"\xc3\\"
  // is '\udcc3\\': the newline, the A and the backslash are no part of the bad character.
  EXPECT_EQ(PythonRepr("\xe4\nA"), "'\xe4\\nA'");
  EXPECT_EQ(PythonRepr("\xc2"
                       "A"),
            "'\xc2"
            "A'");
  EXPECT_EQ(PythonRepr("\xc3\\"), "'\xc3\\\\'");
}

TEST(Edges, ExcerptsAreShortAndPrintable) {
  EXPECT_EQ(Excerpt("short"), "short");
  EXPECT_EQ(Excerpt(std::string(100, 'x')), std::string(60, 'x') + "...");
  EXPECT_EQ(Excerpt("a\xff\nb"), "a\\xff\\nb");
  EXPECT_EQ(PrintableText("x\n\x1b[31m\xc2\x9b中文"), "x\\n\\x1b[31m\\x9b中文");
  // A cut never splits a UTF-8 character: 中 is 3 bytes, 20 of them fill 60 bytes.
  std::string han;
  for (int i = 0; i < 30; ++i) han += "\xe4\xb8\xad";
  EXPECT_EQ(Excerpt(han), han.substr(0, 60) + "...");
  json long_list = json::array();
  for (int i = 0; i < 100000; ++i) long_list.push_back(-1);
  EXPECT_LE(JsonExcerpt(long_list).size(), 63u);
}

TEST(Edges, AJsonDocumentKnowsWhichOfItsNumbersWereIntegersBeyondSixtyFourBits) {
  auto parsed = ParseJsonDocument(
      R"({"a": [1e20, 100000000000000000000, 100000000000000000001], "b": -9223372036854775809,
          "c": -9.223372036854775808e18, "d": 18446744073709551615})");
  ASSERT_TRUE(parsed) << parsed.error().OneLine();
  const JsonDocument document = std::move(parsed).value();  // moving keeps the values in place
  const json& root = document.root();
  EXPECT_EQ(root["a"][0], root["a"][1]);  // one double, 1e+20, for all three
  EXPECT_EQ(root["a"][1], root["a"][2]);
  EXPECT_EQ(document.IntegerBeyond64Bits(root["a"][0]), nullptr);
  ASSERT_NE(document.IntegerBeyond64Bits(root["a"][2]), nullptr);
  EXPECT_EQ(*document.IntegerBeyond64Bits(root["a"][2]), "100000000000000000001");
  EXPECT_EQ(root["b"].get<double>(), -0x1p63);
  EXPECT_EQ(root["b"], root["c"]);
  EXPECT_NE(document.IntegerBeyond64Bits(root["b"]), nullptr);
  EXPECT_EQ(document.IntegerBeyond64Bits(root["c"]), nullptr);
  EXPECT_EQ(document.IntegerBeyond64Bits(root["d"]), nullptr);  // uint64 holds it exactly
  EXPECT_EQ(JsonExcerpt(root, &document, 200),
            R"({"a":[1e+20,100000000000000000000,100000000000000000001],)"
            R"("b":-9223372036854775809,"c":-9.223372036854776e+18,"d":18446744073709551615})");
  EXPECT_EQ(JsonExcerpt(root["a"], &document),
            "[1e+20,100000000000000000000,100000000000000000001]");
  EXPECT_EQ(JsonExcerpt(root["a"]), "[1e+20,1e+20,1e+20]");  // without the document: the doubles
  EXPECT_EQ(JsonExcerpt(root["a"], &document, 30), "[1e+20,100000000000000000000,1...");
  EXPECT_EQ(DumpJson(root["a"]), "[1e+20,1e+20,1e+20]");  // output writes the numbers kept

  // The whole document one integer; a list too long to write out in full.
  auto alone = ParseJsonDocument("-100000000000000000000");
  ASSERT_TRUE(alone);
  EXPECT_EQ(JsonExcerpt(alone->root(), &*alone), "-100000000000000000000");
  EXPECT_EQ(DescribeJson(alone->root(), &*alone).text, "-100000000000000000000");
  std::string long_text = "[100000000000000000000";
  for (int i = 0; i < 1000; ++i) long_text += ",1e20";
  auto long_list = ParseJsonDocument(long_text + "]");
  ASSERT_TRUE(long_list);
  EXPECT_EQ(JsonExcerpt(long_list->root(), &*long_list),
            "[100000000000000000000,1e+20,1e+20,1e+20,1e+20,1e+20,1e+20,1...");

  // ParseJsonText keeps the doubles alone, as plain numbers.
  auto plain = ParseJsonText("[100000000000000000000, -9223372036854775809]");
  ASSERT_TRUE(plain);
  EXPECT_EQ(*plain, json::parse("[1e20, -9223372036854775808.0]"));
  EXPECT_TRUE((*plain)[0].is_number_float());
}

TEST(Edges, SummarizedRowsAndFoldersAreNamedForWhatTheyAre) {
  // torch.manual_seed(0); print(torch.randn(1000, 3)) prints a "...," row between rows.
  const std::string summarized =
      "tensor([[-1.1258, -1.1524, -0.2506],\n        [-0.4339,  0.8487,  0.6920],\n"
      "        ...,\n        [-0.3266,  0.3669, -0.7245]])";
  auto rows = ParseTorchTensor(summarized);
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().message_key, "text_at");
  EXPECT_NE(rows.error().message.find("summarized with '...'"), std::string::npos)
      << rows.error().message;
  const std::string folder = ::testing::TempDir() + "/convstep_edges_folder.npy";
  std::filesystem::create_directories(folder);
  auto read = ReadNpyFile(folder);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message, folder + " is a directory, not a file");
  std::filesystem::remove(folder);
}

}  // namespace
}  // namespace convstep
