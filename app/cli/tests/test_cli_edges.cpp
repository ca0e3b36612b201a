// convstep-cli at the edges: deep JSON, allocation failure, special floats, seeds and
// parameters PyTorch takes, CSV and .npy corners, and the wording of the messages. Every
// refusal is exit 2 with one line on stderr; every PyTorch answer quoted in a comment was
// measured with PyTorch 1.13 (/usr/bin/python3).
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_run.h"

namespace {

using convstep::testing::Cli;
using convstep::testing::CliRun;
using nlohmann::json;

// Exit 2, nothing on stdout, one line on stderr that holds `part`.
void ExpectRefused(const CliRun& run, const std::string& part) {
  EXPECT_EQ(run.status, 2) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_EQ(run.err.rfind("error: ", 0), 0u) << run.err;
  EXPECT_NE(run.err.find(part), std::string::npos) << run.err;
}

// A one-channel layer of kernel_size k on [1, 1, 5] input (1, 2, 3, 4, 5), with extra conv keys.
json OneChannel(int64_t kernel_size, const json& extra_conv = json::object()) {
  json conv = {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", kernel_size}};
  conv.update(extra_conv);
  return {{"conv", conv}, {"input", {{{1, 2, 3, 4, 5}}}}};
}

TEST(CliEdges, DeepNestingInAnyKeyIsRefusedWithTheLimitNotACrash) {
  // 160,000 '[' used to overflow the stack in the copy of unknown keys or in the message.
  const std::string deep = std::string(160000, '[') + std::string(160000, ']');
  for (const char* key :
       {"extra", "seed", "input_shape", "values", "input_layout", "sentences", "input", "conv"}) {
    SCOPED_TRACE(key);
    const CliRun run =
        Cli("forward -", std::string("{\"") + key + "\": " + deep + ", \"input_shape\": [4]}");
    ExpectRefused(run, "the JSON nests more than 100 levels deep at line 1");
    EXPECT_LT(run.err.size(), 300u);
  }
}

TEST(CliEdges, LongValuesAreQuotedAsShortExcerpts) {
  std::string shape = "[-1";
  for (int i = 0; i < 100000; ++i) shape += ",-1";
  const CliRun run = Cli("forward -", "{\"input_shape\": " + shape + "]}");
  ExpectRefused(run, "input_shape must be a list of whole numbers >= 0, but got the list [-1,-1,");
  EXPECT_LT(run.err.size(), 300u);  // it was 300 KB
  const CliRun key = Cli("forward -", OneChannel(1, {{std::string(5000, 'k'), 1}}).dump());
  ExpectRefused(key, "conv has an unknown key \"kkkk");
  EXPECT_LT(key.err.size(), 400u);
}

TEST(CliEdges, AllocationFailureIsOneLineNotAnAbort) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves terabytes of address space at start, so no "
                  "address-space limit can be set; the plain build runs this test";
#endif
  // 2^38 floats fit the largest budget (1 TiB) but not the 2 GB of address space allowed here.
  const CliRun run = Cli("--max-memory 1048576 forward -",
                         R"({"seed": 0, "input_shape": [274877906944]})", "ulimit -v 2000000; ");
  ExpectRefused(run, "not enough memory for the generated tensors");
  const json conv = {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 1}};
  const CliRun layer =
      Cli("--max-memory 1048576 forward -",
          json({{"seed", 0}, {"input_shape", {1, 1, 100000000}}, {"conv", conv}}).dump(),
          "ulimit -v 700000; ");
  ExpectRefused(layer, "not enough memory");
}

TEST(CliEdges, FloatMaxIsTakenAndOnlyWhatRoundsToInfinityIsRefused) {
  // torch.tensor([3.4028235e38, -3.4028235e38]) holds FLT_MAX; 3.4028236e38 would be inf.
  const CliRun run = Cli("forward -", R"({"input": [3.4028235e38, -3.4028235e38]})");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("[3.4028235e+38,-3.4028235e+38]"), std::string::npos) << run.out;
  const CliRun again =
      Cli("forward -", "{\"input\": " + json::parse(run.out)["input"].dump() + "}");
  EXPECT_EQ(again.status, 0) << again.err;  // its own output reads back
  ExpectRefused(Cli("forward -", R"({"input": [1, 3.4028236e38]})"),
                "input[1] is 3.4028236e+38, too large for float32 (it would round to infinity");
}

TEST(CliEdges, NanAndInfinitiesAreWrittenAsStringsThatReadBack) {
  json spec = OneChannel(1, {{"bias", false}});
  spec["input"] = {{{"nan", "inf", "-inf", 2.5}}};
  spec["weight"] = {{{-1.0}}};
  const CliRun run = Cli("forward -", spec.dump());
  ASSERT_EQ(run.status, 0) << run.err;
  const json result = json::parse(run.out);
  EXPECT_EQ(result["input"], json({{{"nan", "inf", "-inf", 2.5}}}));
  EXPECT_EQ(result["output"], json({{{"nan", "-inf", "inf", -2.5}}}));  // times -1
  spec["input"] = result["output"];
  EXPECT_EQ(Cli("forward -", spec.dump()).status, 0);
  ExpectRefused(Cli("forward -", R"({"input": [NaN]})"),
                "NaN is not a JSON number (json): write NaN and the infinities as the strings");
  ExpectRefused(Cli("forward -", R"({"input": ["NaN"]})"), "input[0] is the string \"NaN\"");
}

TEST(CliEdges, FloatsPrintInTheirShortestRoundTripForm) {
  // -0.21285163f used to print as -0.21285163000000001 (17 digits).
  const CliRun run = Cli("forward -", R"({"input": [-0.21285163, 0.1, 1e-45, 16777216]})");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("[-0.21285163,0.1,1e-45,16777216.0]"), std::string::npos) << run.out;
  // Every number of 4000 random ones is the float32's shortest text (std::to_chars).
  const CliRun seeded = Cli("forward -", R"({"seed": 3, "input_shape": [4000]})");
  ASSERT_EQ(seeded.status, 0);
  const size_t start = seeded.out.find("\"input\":[") + 9;
  const std::string list = seeded.out.substr(start, seeded.out.find(']', start) - start);
  size_t checked = 0;
  for (size_t at = 0; at < list.size(); ++checked) {
    const size_t comma = std::min(list.find(',', at), list.size());
    const std::string text = list.substr(at, comma - at);
    char shortest[32];
    const float value = std::strtof(text.c_str(), nullptr);
    std::string expected(shortest, std::to_chars(shortest, shortest + 32, value).ptr);
    if (expected.find_first_of(".e") == std::string::npos) expected += ".0";
    ASSERT_EQ(text, expected);
    at = comma + 1;
  }
  EXPECT_EQ(checked, 4000u);
}

TEST(CliEdges, NegativeSeedsAreTorchManualSeeds) {
  // torch.manual_seed(-1); torch.randn(2) -> [1.2197630405426025, -0.3929794728755951], the
  // same as seed 2^64-1; -2^63 gives seed 0's [1.5409960746765137, -0.293428897857666];
  // -2^63-1 and 2^64 raise "Overflow when unpacking long".
  const CliRun minus_one = Cli("forward -", R"({"seed": -1, "input_shape": [2]})");
  ASSERT_EQ(minus_one.status, 0) << minus_one.err;
  const json result = json::parse(minus_one.out);
  EXPECT_EQ(result["seed"], -1);
  EXPECT_NEAR(result["input"][0].get<double>(), 1.2197630405426025, 1e-6);
  EXPECT_NEAR(result["input"][1].get<double>(), -0.3929794728755951, 1e-6);
  const CliRun top = Cli("forward -", R"({"seed": 18446744073709551615, "input_shape": [2]})");
  EXPECT_EQ(json::parse(top.out)["input"], result["input"]);
  const CliRun lowest = Cli("forward -", R"({"seed": -9223372036854775808, "input_shape": [2]})");
  ASSERT_EQ(lowest.status, 0) << lowest.err;
  EXPECT_NEAR(json::parse(lowest.out)["input"][0].get<double>(), 1.5409960746765137, 1e-6);
  for (const char* seed : {"-9223372036854775809", "18446744073709551616", "\"1\""})
    ExpectRefused(Cli("forward -", std::string("{\"seed\": ") + seed + ", \"input_shape\": [2]}"),
                  "seed must be a whole number from -2^63 to 2^64-1");
  const CliRun code = Cli("code -", R"({"seed": -1, "input_shape": [2]})");
  EXPECT_NE(code.out.find("torch.manual_seed(-1)\n"), std::string::npos) << code.out;
}

TEST(CliEdges, IntegersBeyondSixtyFourBitsAreQuotedAsWrittenAndFloatsBesideThemStayFloats) {
  ExpectRefused(Cli("forward -", R"({"seed": -9223372036854775809, "input_shape": [2]})"),
                "seed must be a whole number from -2^63 to 2^64-1, but got -9223372036854775809 "
                "(seed)");
  ExpectRefused(Cli("forward -", R"({"seed": 18446744073709551616, "input_shape": [2]})"),
                "but got 18446744073709551616 (seed)");
  ExpectRefused(
      Cli("forward -",
          R"({"conv": {"in_channels": 1, "out_channels": 100000000000000000000, "kernel_size": 1}})"),
      "conv.out_channels is 100000000000000000000, beyond the 64-bit integers PyTorch takes");
  // 1e20 and 100000000000000000000 are one double; each is quoted as it was written.
  ExpectRefused(Cli("forward -", R"({"seed": 100000000000000000000,
      "conv": {"in_channels": 1, "out_channels": 1, "kernel_size": 1, "stride": 1e20}})"),
                "error: conv.stride is 1e+20, beyond");
  // The float seed -9.223372036854775808e18 is int()-ed to -2^63 even beside the integer
  // -9223372036854775809 (the same double): PyTorch 1.13, torch.manual_seed(int(seed));
  // torch.randn(2) gives seed 0's [1.5409960746765137, -0.293428897857666].
  const CliRun beside = Cli("forward -", R"({"seed": -9.223372036854775808e18,
      "input_shape": [2], "session": {"zoom": -9223372036854775809}})");
  ASSERT_EQ(beside.status, 0) << beside.err;
  const json drawn = json::parse(beside.out);
  EXPECT_EQ(drawn["seed"], std::numeric_limits<int64_t>::min());
  EXPECT_NEAR(drawn["input"][0].get<double>(), 1.5409960746765137, 1e-6);
  EXPECT_NEAR(drawn["input"][1].get<double>(), -0.293428897857666, 1e-6);
}

TEST(CliEdges, SeedsWithAFractionAreCutTowardZeroAsTorchManualSeedCutsThem) {
  // torch.manual_seed(seed) runs int(seed): PyTorch 1.13's torch.initial_seed() and
  // torch.randn(2) after each seed below; 2.0**64 and -9.3e18 raise "Overflow when unpacking long".
  struct Case {
    const char* seed;
    const char* code_seed;  // what `code` writes, the integer torch keeps
    double first, second;
  };
  const Case cases[] = {
      {"3.5", "3", 0.8032760620117188, 0.17483338713645935},
      {"-1.5", "-1", 1.2197630405426025, -0.3929794728755951},
      {"-0.5", "0", 1.5409960746765137, -0.293428897857666},
      {"1e19", "10000000000000000000", -1.0951415300369263, -1.5670908689498901},
      {"1.8e19", "18000000000000000000", 0.7214683890342712, -1.1139343976974487},
      {"-9.223372036854775e18", "-9223372036854774784", -1.4836688041687012, 0.2671435475349426},
  };
  for (const Case& c : cases) {
    const std::string spec = std::string("{\"seed\": ") + c.seed + ", \"input_shape\": [2]}";
    const CliRun run = Cli("forward -", spec);
    ASSERT_EQ(run.status, 0) << c.seed << ": " << run.err;
    const json result = json::parse(run.out);
    EXPECT_NEAR(result["input"][0].get<double>(), c.first, 1e-6) << c.seed;
    EXPECT_NEAR(result["input"][1].get<double>(), c.second, 1e-6) << c.seed;
    const CliRun code = Cli("code -", spec);
    EXPECT_NE(code.out.find(std::string("torch.manual_seed(") + c.code_seed + ")\n"),
              std::string::npos)
        << code.out;
  }
  for (const char* seed : {"18446744073709551615.0", "1.8446744073709552e19", "-9.3e18", "1e300"})
    ExpectRefused(Cli("forward -", std::string("{\"seed\": ") + seed + ", \"input_shape\": [2]}"),
                  "seed must be a whole number from -2^63 to 2^64-1");
}

TEST(CliEdges, ControlBytesInPathsArePrintedEscapedAndChineseNamesAsTheyAre) {
  // A missing spec whose name holds a newline, an escape sequence, the C1 control U+009B and a
  // byte that is not UTF-8 (made by printf in /bin/sh, which has no $'...').
  const CliRun missing =
      Cli(R"cmd(forward "$(printf '/nonexistent/a\nb\033[31m\302\233\377.json')")cmd");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(
      missing.err.rfind("error: cannot open /nonexistent/a\\nb\\x1b[31m\\x9b\\xff.json (file)", 0),
      0u)
      << missing.err;
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
  EXPECT_EQ(missing.err.find('\x1b'), std::string::npos);
  // A tensor file named in the spec: the JSON escapes give the same bytes; 中文 stays.
  const std::string spec =
      ::testing::TempDir() + "/convstep_control_path_" + std::to_string(getpid()) + ".json";
  std::ofstream(spec) << R"({"input": {"file": "x\n\u001b[31m中文.npy"}})";
  const CliRun file = Cli("forward " + spec);
  std::remove(spec.c_str());
  EXPECT_EQ(file.status, 2);
  EXPECT_NE(file.err.find("x\\n\\x1b[31m中文.npy"), std::string::npos) << file.err;
  EXPECT_EQ(std::count(file.err.begin(), file.err.end(), '\n'), 1) << file.err;
  EXPECT_EQ(file.err.find('\x1b'), std::string::npos);
}

TEST(CliEdges, UnbatchedInputIsRefusedWithPyTorchsMessageForItsOwnShape) {
  // Every unbatched [C, L] case PyTorch refuses in the golden file (tools/gen_golden_conv.py),
  // its input and weights drawn: the message names the [C, L] shape PyTorch was given (e.g.
  // "at dimension 1 of input [2, 4]" for reflect), never the [1, C, L] the engine runs.
  std::ifstream file(std::string(CONVSTEP_GOLDEN_DIR) + "/conv_cases.json");
  json cases = json::parse(file);
  if (cases.is_object()) cases = cases["cases"];
  size_t checked = 0;
  for (const json& golden : cases) {
    if (!golden.contains("error")) continue;
    if (golden["input_shape"].size() != 2) continue;
    const json spec = {
        {"conv", golden["spec"]}, {"seed", 0}, {"input_shape", golden["input_shape"]}};
    const CliRun run = Cli("forward -", spec.dump());
    EXPECT_EQ(run.status, 2) << spec.dump();
    EXPECT_EQ(run.err.rfind("error: " + golden["error"].get<std::string>() + " (", 0), 0u)
        << spec.dump() << "\n"
        << run.err;
    ++checked;
  }
  EXPECT_GE(checked, 15u);
}

TEST(CliEdges, SixtyFourBitParametersGivePyTorchsAnswers) {
  // PyTorch 1.13 on [1, 1, 5] with kernel_size 1: stride 2^31, 2^40, 2^62 -> [1, 1, 1];
  // dilation 2^31, 2^40 -> [1, 1, 5].
  for (int64_t stride : {int64_t{1} << 31, int64_t{1} << 40, int64_t{1} << 62}) {
    const CliRun run = Cli("forward -", OneChannel(1, {{"stride", stride}}).dump());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(json::parse(run.out)["output_shape"], json({1, 1, 1})) << stride;
  }
  for (int64_t dilation : {int64_t{1} << 31, int64_t{1} << 40}) {
    const CliRun run = Cli("forward -", OneChannel(1, {{"dilation", dilation}}).dump());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(json::parse(run.out)["output_shape"], json({1, 1, 5})) << dilation;
  }
  ExpectRefused(Cli("forward -", OneChannel(2, {{"dilation", int64_t{1} << 31}}).dump()),
                "error: Calculated padded input size per channel: (5). Kernel size: "
                "(2147483649). Kernel size can't be greater than actual input size (kernel_size)");
}

TEST(CliEdges, HugeNegativePaddingGivesPyTorchsMessageInEachMode) {
  // padding=-2^31 on [1, 1, 5], kernel_size 1, as PyTorch 1.13 words it in each mode.
  const std::vector<std::pair<const char*, const char*>> modes = {
      {"zeros", "error: negative padding is not supported (padding)"},
      {"reflect", "error: 2input (W: 5)is too small. Calculated output W: -4294967291 (padding)"},
      {"replicate", "error: input (W: 5) is too small. Calculated output W: -4294967291 ("},
      {"circular", "error: Negative padding value is resulting in an empty dimension ("}};
  for (const auto& [mode, message] : modes) {
    const json spec = OneChannel(1, {{"padding", -(int64_t{1} << 31)}, {"padding_mode", mode}});
    ExpectRefused(Cli("forward -", spec.dump()), message);
  }
}

TEST(CliEdges, WherePyTorchsOwnArithmeticOverflowsTheParameterIsNamed) {
  // PyTorch 1.13 wraps around and answers wrongly: dilation 2^62 with k=3 gives [1, 1, 5],
  // padding 2^63-1 with replicate gives [1, 1, 3], padding -2^63 with reflect gives [1, 1, 5].
  ExpectRefused(Cli("forward -", OneChannel(3, {{"dilation", int64_t{1} << 62}}).dump()),
                "conv.dilation = 4611686018427387904 makes the kernel's span dilation * "
                "(kernel_size - 1) + 1 overflow 64-bit integers (dilation)");
  const int64_t most = std::numeric_limits<int64_t>::max();
  ExpectRefused(
      Cli("forward -", OneChannel(1, {{"padding", most}, {"padding_mode", "replicate"}}).dump()),
      "conv.padding = 9223372036854775807 makes the padded length L + 2 * padding overflow");
  ExpectRefused(Cli("forward -", OneChannel(1, {{"padding", std::numeric_limits<int64_t>::min()},
                                                {"padding_mode", "reflect"}})
                                     .dump()),
                "(padding)");
  ExpectRefused(Cli("forward -", OneChannel(1, {{"stride", 18446744073709551615.0}}).dump()),
                "conv.stride is 1.8446744073709552e+19, beyond the 64-bit integers");
}

TEST(CliEdges, InvalidPaddingStringsAreQuotedLikePythonsRepr) {
  // What nn.Conv1d(1, 1, 1, padding=...) raised in PyTorch 1.13.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"it's", "Invalid padding string \"it's\", should be one of {'same', 'valid'}"},
      {"a\"b", "Invalid padding string 'a\"b', should be"},
      {"both'\"", "Invalid padding string 'both\\'\"', should be"},
      {"back\\slash", "Invalid padding string 'back\\\\slash', should be"},
      {"new\nline", "Invalid padding string 'new\\nline', should be"},
      {"\xc2\xa0", "Invalid padding string '\\xa0', should be"},
  };
  for (const auto& [padding, message] : cases)
    ExpectRefused(Cli("forward -", OneChannel(1, {{"padding", padding}}).dump()), message);
}

TEST(CliEdges, CodeForUnbatchedCircularInputRunsInPyTorch113) {
  // PyTorch 1.13 refuses conv(x) here: "Invalid padding size, expected 0 but got 2".
  json spec = OneChannel(1, {{"padding", 1}, {"padding_mode", "circular"}});
  spec["input"] = {{1, 2, 3, 4, 5}};
  const CliRun code = Cli("code -", spec.dump());
  ASSERT_EQ(code.status, 0) << code.err;
  EXPECT_NE(code.out.find("# PyTorch 1.13's circular padding needs a batch axis"),
            std::string::npos)
      << code.out;
  EXPECT_NE(code.out.find("y = conv(x.unsqueeze(0)).squeeze(0)\n"), std::string::npos);
  spec["input"] = {{{1, 2, 3, 4, 5}}};  // batched input keeps the plain call
  EXPECT_NE(Cli("code -", spec.dump()).out.find("y = conv(x)\n"), std::string::npos);
}

TEST(CliEdges, MessagesSayWhatIsWrong) {
  ExpectRefused(Cli("forward -", OneChannel(1, {{"stride", nullptr}}).dump()),
                "conv.stride must be a whole number, but got null (stride)");  // not "null null"
  ExpectRefused(Cli("forward -", OneChannel(1, {{"stride", 2.5}}).dump()),
                "conv.stride must be a whole number, but got 2.5 (stride)");
  // nn.Conv1d(1, 1, 3.0) and torch.randn(2.0, 3) raise TypeError in PyTorch 1.13; a whole
  // number written with a point or an exponent is refused with that said, never "a fraction".
  const std::vector<std::pair<std::string, std::string>> written = {
      {"3.0", "3.0"}, {"2E0", "2.0"}, {"1e0", "1.0"}};
  for (const auto& [text, shown] : written) {
    const std::string spec = R"({"conv": {"in_channels": 1, "out_channels": 1, "kernel_size": )" +
                             text + R"(}, "input": [[[1, 2, 3, 4, 5]]]})";
    ExpectRefused(Cli("forward -", spec),
                  "conv.kernel_size is " + shown +
                      ", written with a decimal point or an exponent, which PyTorch refuses for "
                      "sizes (TypeError) (kernel_size): write it as the integer");
  }
  ExpectRefused(Cli("forward -", R"({"input_shape": [2.0, 3]})"),
                "input_shape[0] is 2.0, written with a decimal point or an exponent, which "
                "PyTorch refuses for sizes (TypeError) (input_shape): write it as the integer 2");
  // torch.manual_seed(3.0) works (it takes int(seed)), so a seed of 3.0 is seed 3.
  const CliRun seed = Cli("forward -", R"({"seed": 3.0, "input_shape": [2]})");
  ASSERT_EQ(seed.status, 0) << seed.err;
  EXPECT_EQ(seed.out, Cli("forward -", R"({"seed": 3, "input_shape": [2]})").out);
  ExpectRefused(Cli("forward -", "{\"input\": [\"\xff\"]}"),
                "malformed JSON at line 1, column 13: syntax error while parsing value - invalid "
                "string: ill-formed UTF-8 byte, after \"\\xff (json)");
  ExpectRefused(Cli("forward -", OneChannel(1, {{"a(b:c", 1}}).dump()),
                "conv has an unknown key \"a(b:c\" (\"a(b:c\"): the keys are");
  ExpectRefused(Cli("forward /tmp"), "error: /tmp is a directory, not a file (file)");
  ExpectRefused(Cli("forward -", "{\"input\": {\"file\": \"/\"}}"), "unknown file type");
}

}  // namespace
