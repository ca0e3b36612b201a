// Contract tests of convstep-cli: run the real binary, check stdout, stderr and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.h"

namespace {

using convstep::testing::Cli;
using convstep::testing::CliRun;
using convstep::testing::Slurp;
using nlohmann::json;

json SeedDocument() {
  return json::parse(Slurp(std::string(CONVSTEP_GOLDEN_DIR) + "/seed_document.json"));
}

// The seed example with the seed document's printed input and simple weights.
json SeedSpec() {
  json weight = json::array();
  for (int o = 0; o < 8; ++o) {
    json kernel = json::array();
    for (int c = 0; c < 3; ++c) kernel.push_back({0.25 * (o + 1), -0.5 * (c + 1)});
    weight.push_back(kernel);
  }
  return {{"conv", {{"in_channels", 3}, {"out_channels", 8}, {"kernel_size", 2}, {"bias", false}}},
          {"input_layout", "NLC"},
          {"input", SeedDocument()["input_nlc"]},
          {"weight", weight}};
}

TEST(Cli, ForwardOnTheSeedExamplePrintsSixEightFour) {
  CliRun run = Cli("forward -", SeedSpec().dump());
  ASSERT_EQ(run.status, 0) << run.err;
  const json result = json::parse(run.out);
  EXPECT_EQ(result["input_shape"], json({6, 3, 5}));
  EXPECT_EQ(result["output_shape"], json({6, 8, 4}));
  EXPECT_EQ(result["input"], SeedDocument()["input_ncl"]);  // the document's permuted tensor
  EXPECT_EQ(result["weight_shape"], json({8, 3, 2}));
  EXPECT_FALSE(result.contains("bias"));
  // y[0,0,0] by hand: sum over c, k of x[c, k] * w[0, c, k].
  const json& x = result["input"][0];
  double expected = 0;
  for (int c = 0; c < 3; ++c)
    for (int k = 0; k < 2; ++k)
      expected += x[c][k].get<double>() * SeedSpec()["weight"][0][c][k].get<double>();
  EXPECT_NEAR(result["output"][0][0][0].get<double>(), expected, 1e-5);
  EXPECT_TRUE(run.err.empty());
}

TEST(Cli, MalformedJsonExitsTwoWithOneLine) {
  CliRun run = Cli("forward -", "{\"conv\": {\"in_channels\": 3,");
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(run.err.rfind("error: malformed JSON at line 1", 0), 0u) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1);
}

TEST(Cli, ForgottenPermuteGivesPyTorchsMessageParameterAndHint) {
  json spec = SeedSpec();
  spec["input_layout"] = "NCL";  // [6,5,3] given as if it were [N, C, L]
  CliRun run = Cli("forward -", spec.dump());
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(
      run.err.rfind("error: Given groups=1, weight of size [8, 3, 2], expected input[6, 5, 3] "
                    "to have 3 channels, but got 5 channels instead (input): ",
                    0),
      0u)
      << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1);
}

TEST(Cli, ForwardGivesTheSameOutputOnAnyNumberOfThreads) {
  // Sixteen batch items and 70 output channels: work for several threads.
  json spec = {{"conv", {{"in_channels", 8}, {"out_channels", 70}, {"kernel_size", 3}}},
               {"input_shape", {16, 8, 300}},
               {"seed", 5},
               {"values", "randn"}};
  const CliRun one = Cli("forward --threads 1 -", spec.dump());
  ASSERT_EQ(one.status, 0) << one.err;
  const json expected = json::parse(one.out);
  ASSERT_EQ(expected["output_shape"], json({16, 70, 298}));
  for (const char* threads : {"2", "3", "8"}) {
    const CliRun many = Cli(std::string("forward --threads ") + threads + " -", spec.dump());
    ASSERT_EQ(many.status, 0) << many.err;
    EXPECT_EQ(many.out, one.out) << threads << " threads";  // the same digits, so the same bits
  }
  const CliRun zero = Cli("forward --threads 0 -", spec.dump());
  EXPECT_EQ(zero.status, 2);
  EXPECT_NE(zero.err.find("--threads"), std::string::npos) << zero.err;
  EXPECT_NE(zero.err.find("0"), std::string::npos) << zero.err;
  EXPECT_TRUE(zero.out.empty());
}

TEST(Cli, InvalidConfigurationAndMissingFile) {
  json spec = SeedSpec();
  spec["conv"]["groups"] = 2;
  CliRun run = Cli("forward -", spec.dump());
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err.rfind("error: in_channels must be divisible by groups (groups): ", 0), 0u)
      << run.err;
  CliRun missing = Cli("forward /nonexistent/spec.json");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.err.rfind("error: cannot open /nonexistent/spec.json (file)", 0), 0u);
  CliRun flag = Cli("forward --bogus -");
  EXPECT_EQ(flag.status, 2);
  EXPECT_TRUE(flag.out.empty());
}

TEST(Cli, TooLargeForTheMemoryBudgetIsRefusedWithSizeAndLimit) {
  const json spec = {{"seed", 0},
                     {"input_shape", {64, 512, 100000}},
                     {"conv", {{"in_channels", 512}, {"out_channels", 8}, {"kernel_size", 2}}}};
  CliRun run = Cli("forward -", spec.dump());
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("memory"), std::string::npos) << run.err;
  CliRun small = Cli("--max-memory 1 forward -", SeedSpec().dump());
  EXPECT_EQ(small.status, 0) << small.err;  // the seed example fits in 1 MiB
  json bigger = SeedSpec();
  bigger.erase("input");
  bigger["input_shape"] = {64, 5000, 3};
  CliRun refused = Cli("--max-memory 1 forward -", bigger.dump());
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("over the 1.0 MiB memory budget"), std::string::npos) << refused.err;
}

TEST(Cli, TraceJsonRunningSumsEndAtTheOutput) {
  const std::string text = SeedSpec().dump();
  CliRun forward = Cli("forward -", text);
  CliRun trace = Cli("trace - --granularity window --json", text);
  ASSERT_EQ(trace.status, 0) << trace.err;
  const json steps = json::parse(trace.out);
  EXPECT_EQ(steps["step_count"], 6 * 8 * 4);
  const json output = json::parse(forward.out)["output"];
  for (const json& step : steps["steps"]) {
    const double y =
        output[step["n"].get<int>()][step["out_channel"].get<int>()][step["t"].get<int>()];
    EXPECT_NEAR(step["output"].get<double>(), y, 1e-5);
    EXPECT_EQ(step["taps"].size(), 6u);
  }
}

TEST(Cli, TraceTextShowsEachMultiply) {
  CliRun trace = Cli("trace - --count 6", SeedSpec().dump());
  ASSERT_EQ(trace.status, 0) << trace.err;
  EXPECT_NE(
      trace.out.find("step 0  y[n=0, o=0, t=0]  tap 1/6: x[c=0, pos=0] (input l=0) = -1.5697"),
      std::string::npos)
      << trace.out;
  EXPECT_NE(trace.out.find("(bias=False)"), std::string::npos);
  CliRun range = Cli("trace - --from 99999", SeedSpec().dump());
  EXPECT_EQ(range.status, 2);
  EXPECT_NE(range.err.find("1152 steps"), std::string::npos) << range.err;
}

TEST(Cli, TraceCountIsOneOrMoreStepsAndAnyOtherCountIsRefused) {
  const std::string text = SeedSpec().dump();
  const CliRun two = Cli("trace - --json --count 2", text);
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_EQ(json::parse(two.out)["steps"].size(), 2u);
  for (const char* count : {"-5", "0", "-1"}) {
    const CliRun refused = Cli(std::string("trace - --count ") + count, text);
    EXPECT_EQ(refused.status, 2) << count;
    EXPECT_TRUE(refused.out.empty()) << count << ": " << refused.out;
    EXPECT_EQ(refused.err.rfind(std::string("error: --count: Value ") + count + " not in range", 0),
              0u)
        << refused.err;
    EXPECT_NE(refused.err.find("1 or more"), std::string::npos) << refused.err;
  }
}

TEST(Cli, GivenTensorsOfTheWrongShapeAreExplainedWithSpecKeysNotAppControls) {
  json spec = {{"conv", {{"in_channels", 3}, {"out_channels", 2}, {"kernel_size", 2}}},
               {"input_shape", {1, 3, 4}},
               {"seed", 1},
               {"weight", {1, 2}}};
  const CliRun weight = Cli("forward -", spec.dump());
  EXPECT_EQ(weight.status, 2);
  EXPECT_EQ(weight.err,
            "error: the weight values from - are [2], but this layer needs [2, 3, 2] (weight): a "
            "given weight cannot change shape: write \"weight\" (or its file) as [2, 3, 2] = "
            "[out_channels, in_channels/groups, kernel_size], or leave \"weight\" out to draw it "
            "from \"seed\" as nn.Conv1d would\n");
  spec.erase("weight");
  spec["bias"] = {1, 2, 3};
  const CliRun bias = Cli("forward -", spec.dump());
  EXPECT_EQ(bias.status, 2);
  EXPECT_NE(bias.err.find("(bias): a given bias cannot change shape: write \"bias\" (or its "
                          "file) as [2] = [out_channels]"),
            std::string::npos)
      << bias.err;
  for (const CliRun* run : {&weight, &bias}) {
    EXPECT_EQ(run->err.find("Values from"), std::string::npos) << run->err;
    EXPECT_EQ(run->err.find("undo"), std::string::npos) << run->err;
  }
}

// Flattens nested lists into one vector, like tensor.reshape(-1).tolist().
void Flatten(const json& value, std::vector<double>* out) {
  if (value.is_array()) {
    for (const json& item : value) Flatten(item, out);
  } else {
    out->push_back(value.get<double>());
  }
}

void ExpectClose(const json& actual, const json& expected_flat, double tolerance,
                 const char* what) {
  std::vector<double> flat;
  Flatten(actual, &flat);
  ASSERT_EQ(flat.size(), expected_flat.size()) << what;
  for (size_t i = 0; i < flat.size(); ++i)
    ASSERT_NEAR(flat[i], expected_flat[i].get<double>(), tolerance) << what << " element " << i;
}

TEST(Cli, SeedGivesTheNumbersPyTorchPrints) {
  // torch.manual_seed(0); x = torch.randn(6, 5, 3); conv = nn.Conv1d(3, 8, 2, bias=False);
  // y = conv(x.permute(0, 2, 1)) -- the values torch printed are in random_cases.json.
  const json golden =
      json::parse(Slurp(std::string(CONVSTEP_GOLDEN_DIR) + "/random_cases.json"))["seed_example"];
  const json spec = {
      {"seed", 0},
      {"input_shape", {6, 5, 3}},
      {"input_layout", "NLC"},
      {"conv", {{"in_channels", 3}, {"out_channels", 8}, {"kernel_size", 2}, {"bias", false}}}};
  CliRun run = Cli("forward -", spec.dump());
  ASSERT_EQ(run.status, 0) << run.err;
  const json result = json::parse(run.out);
  EXPECT_EQ(result["generated"], json({"input", "weight"}));
  EXPECT_EQ(result["input_given_shape"], json({6, 5, 3}));
  EXPECT_EQ(result["output_shape"], json({6, 8, 4}));
  ExpectClose(result["input_given"], golden["input"], 1e-6, "input");
  ExpectClose(result["weight"], golden["weight"], 1e-6, "weight");
  ExpectClose(result["output"], golden["output"], 1e-5, "output");
}

TEST(Cli, WithoutConvTheResultHoldsOnlyTheInput) {
  CliRun run = Cli("forward -", R"({"seed": 42, "input_shape": [2, 3]})");
  ASSERT_EQ(run.status, 0) << run.err;
  const json result = json::parse(run.out);
  EXPECT_EQ(result["input_shape"], json({2, 3}));
  EXPECT_FALSE(result.contains("output"));
  EXPECT_FALSE(result.contains("weight"));
  EXPECT_EQ(result["seed"], 42);
}

TEST(Cli, MissingBiasIsDrawnAfterTheGivenWeightsDraw) {
  // A literal input and weight with bias=True: the bias is nn.Conv1d's second draw.
  json spec = SeedSpec();
  spec["conv"]["bias"] = true;
  CliRun run = Cli("forward -", spec.dump());
  ASSERT_EQ(run.status, 0) << run.err;
  const json result = json::parse(run.out);
  EXPECT_EQ(result["generated"], json({"bias"}));
  EXPECT_EQ(result["bias"].size(), 8u);
  const double bound = 1.0 / std::sqrt(6.0);  // 1/sqrt(fan_in), fan_in = 3 * 2
  for (const json& b : result["bias"]) EXPECT_LE(std::fabs(b.get<double>()), bound);
}

// --- fit: the blog post's kernel recovered from its printed input and output ----------------

// Writes the blog post's printed [6, 8, 4] output as print(tensor) text; returns its path.
std::string WritePrintedOutput() {
  const std::string path =
      ::testing::TempDir() + "/convstep_cli_printed_output_" + std::to_string(getpid()) + ".txt";
  std::ofstream(path) << "tensor(" << SeedDocument()["output"].dump()
                      << ",\n       grad_fn=<SqueezeBackward1>)\n";
  return path;
}

TEST(Cli, FitRecoversTheBlogPostsKernelAndItsSpecReproducesThePrintedOutput) {
  const json spec = {
      {"conv", {{"in_channels", 3}, {"out_channels", 8}, {"kernel_size", 2}, {"bias", false}}},
      {"input_layout", "NLC"},
      {"input", SeedDocument()["input_nlc"]}};
  CliRun run = Cli("fit - --output " + WritePrintedOutput(), spec.dump());
  ASSERT_EQ(run.status, 0) << run.err;
  const json fit = json::parse(run.out);
  EXPECT_EQ(fit["weight_shape"], json({8, 3, 2}));
  EXPECT_FALSE(fit.contains("bias"));
  EXPECT_EQ(fit["equations"], 24);
  EXPECT_EQ(fit["unknowns"], 6);
  EXPECT_EQ(fit["square"], false);
  EXPECT_LT(fit["max_residual"].get<double>(), 1e-4);
  EXPECT_GT(fit["condition_number"].get<double>(), 1.0);
  EXPECT_LT(fit["condition_number"].get<double>(), 3.0);
  // The fitted spec runs as it is, and gives every printed number back within 1e-4.
  CliRun forward = Cli("forward -", fit["spec"].dump());
  ASSERT_EQ(forward.status, 0) << forward.err;
  std::vector<double> printed;
  Flatten(SeedDocument()["output"], &printed);
  ExpectClose(json::parse(forward.out)["output"], json(printed), 1e-4, "output");
}

TEST(Cli, FitRefusesAnOutputOfTheWrongShape) {
  const json spec = {
      {"conv", {{"in_channels", 3}, {"out_channels", 8}, {"kernel_size", 3}, {"bias", false}}},
      {"input_layout", "NLC"},
      {"input", SeedDocument()["input_nlc"]}};
  CliRun run = Cli("fit - --output " + WritePrintedOutput(), spec.dump());
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(run.err,
            "error: the output has shape [6, 8, 4], but nn.Conv1d(3, 8, 3, bias=False) on input "
            "[6, 3, 5] gives [6, 8, 3] (output): give the output this layer printed for this "
            "input, of shape [6, 8, 3]\n");
}

TEST(Cli, CodeWithEquivalentsAddsTheConv2dAndMatmulForms) {
  CliRun run = Cli("code - --equivalents", SeedSpec().dump());
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("conv2d = nn.Conv2d(3, 8, (1, 2), bias=False)\n"), std::string::npos);
  EXPECT_NE(run.out.find("y_conv2d = conv2d(x.unsqueeze(2)).squeeze(2)"), std::string::npos);
  EXPECT_NE(run.out.find("conv2d_image = nn.Conv2d(1, 8, (3, 2), bias=False)\n"),
            std::string::npos);
  EXPECT_NE(run.out.find("cols = cols.permute(0, 1, 3, 2).reshape(6, 6, 4)"), std::string::npos);
  EXPECT_NE(run.out.find("y_matmul = W @ cols"), std::string::npos);
  // Without the flag the program is the Conv1d alone.
  CliRun plain = Cli("code -", SeedSpec().dump());
  EXPECT_EQ(plain.out.find("Conv2d"), std::string::npos);
}

}  // namespace
