// Value sources: the numbers and the Python that reproduces them (tools/gen_golden_random.py
// ran that Python with real PyTorch 1.13).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "convstep/forward.h"
#include "convstep/io_json.h"
#include "convstep/permute.h"
#include "convstep/values.h"
#include "test_util.h"

namespace convstep {
namespace {

using nlohmann::json;

json Golden() {
  return json::parse(testing::ReadGolden("random_cases.json"));
}

std::vector<float> Floats(const json& values) {
  return values.get<std::vector<float>>();
}

double MaxError(const FloatBuffer& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return INFINITY;
  double max_error = 0;
  for (size_t i = 0; i < a.size(); ++i)
    max_error = std::fmax(max_error, std::fabs(static_cast<double>(a[i]) - b[i]));
  return max_error;
}

ValueSource SourceNamed(const std::string& name) {
  ValueSource source = ValueSource::kZeros;
  EXPECT_TRUE(ParseValueSource(name, &source)) << name;
  return source;
}

TEST(Values, SeedExampleGivesTorchsInputWeightAndOutput) {
  const json example = Golden()["seed_example"];
  const Conv1dSpec spec = *ParseConvJson(example["conv"]);
  EXPECT_EQ(spec, SeedSpec());
  auto made = GenerateTensors(spec, {6, 5, 3}, InputLayout::kNLC, ValueSource::kTorchRandn, 0);
  ASSERT_TRUE(made) << made.error().OneLine();
  EXPECT_EQ(made->input.shape, (Shape{6, 5, 3}));
  EXPECT_EQ(made->weight.shape, (Shape{8, 3, 2}));
  EXPECT_TRUE(made->bias.shape.empty());
  EXPECT_EQ(made->input.data, Floats(example["input"]));
  EXPECT_EQ(made->weight.data, Floats(example["weight"]));
  EXPECT_FLOAT_EQ(made->input.data[0], -1.1258398f);  // what torch prints first: -1.1258

  Conv1dProblem problem;
  problem.spec = spec;
  problem.input = PermuteLastTwo(made->input).value();
  problem.weight = made->weight;
  auto geometry = ValidateProblem(problem);
  ASSERT_TRUE(geometry) << geometry.error().OneLine();
  const Tensor output = ForwardFast(problem, *geometry);
  EXPECT_EQ(output.shape, example["output_shape"].get<Shape>());
  EXPECT_LE(MaxError(output.data, Floats(example["output"])), 1e-6);
  EXPECT_LE(MaxError(ForwardReference(problem, *geometry).data, Floats(example["output"])), 1e-6);
}

TEST(Values, EverySourceMatchesItsPythonRunByTorch) {
  const json cases = Golden()["value_sources"];
  ASSERT_GE(cases.size(), 12u);
  std::set<std::string> seen;
  for (const json& c : cases) {
    const std::string name = c["source"];
    seen.insert(name);
    const ValueSource source = SourceNamed(name);
    const Conv1dSpec spec = *ParseConvJson(c["conv"]);
    const Shape input_shape = c["input_shape"].get<Shape>();
    const uint64_t seed = c["seed"].get<uint64_t>();
    const std::string what = name + " seed " + std::to_string(seed) + " " + SpecPython(spec);

    EXPECT_EQ(ValuesPython(spec, input_shape, source, seed), c["python"].get<std::string>())
        << what;
    EXPECT_EQ(ValueSourcePython(source, TensorRole::kInput, spec, input_shape),
              c["expressions"]["input"].get<std::string>())
        << what;
    EXPECT_EQ(ValueSourcePython(source, TensorRole::kWeight, spec, input_shape),
              c["expressions"]["weight"].get<std::string>())
        << what;
    EXPECT_EQ(ValueSourcePython(source, TensorRole::kBias, spec, input_shape),
              c["expressions"]["bias"].get<std::string>())
        << what;

    auto made = GenerateTensors(spec, input_shape, InputLayout::kNCL, source, seed);
    ASSERT_TRUE(made) << what << ": " << made.error().OneLine();
    EXPECT_EQ(made->input.shape, input_shape) << what;
    EXPECT_EQ(made->input.data, Floats(c["input"])) << what;
    EXPECT_EQ(made->weight.data, Floats(c["weight"])) << what;
    if (c["bias"].is_null()) {
      EXPECT_TRUE(made->bias.shape.empty()) << what;
    } else {
      EXPECT_EQ(made->bias.shape, (Shape{spec.out_channels})) << what;
      EXPECT_EQ(made->bias.data, Floats(c["bias"])) << what;
    }
    auto input = GenerateInput(input_shape, source, seed);
    ASSERT_TRUE(input) << what;
    EXPECT_EQ(input->data, made->input.data) << what;
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST(Values, SeedExamplePythonIsTheSeedDocumentsCode) {
  EXPECT_EQ(ValuesPython(SeedSpec(), {6, 5, 3}, ValueSource::kTorchRandn, 0),
            "import torch\nimport torch.nn as nn\n\ntorch.manual_seed(0)\n"
            "x = torch.randn(6, 5, 3)\nconv = nn.Conv1d(3, 8, 2, bias=False)\n");
}

TEST(Values, ArangeValueIsItsFlatIndexInEveryTensor) {
  Conv1dSpec spec = SeedSpec();
  spec.bias = true;
  auto made = GenerateTensors(spec, {2, 3, 4}, InputLayout::kNCL, ValueSource::kArange, 99);
  ASSERT_TRUE(made);
  for (const Tensor* tensor : {&made->input, &made->weight, &made->bias}) {
    for (size_t i = 0; i < tensor->data.size(); ++i)
      ASSERT_EQ(tensor->data[i], static_cast<float>(i));
  }
  EXPECT_EQ(made->weight.at(7, 2, 1), 47.0f);
  EXPECT_EQ(ValueSourcePython(ValueSource::kArange, TensorRole::kBias, spec, {2, 3, 4}),
            "torch.arange(8.0)");
}

TEST(Values, OnesZerosAndSmallIntegers) {
  Conv1dSpec spec = SeedSpec();
  spec.bias = true;
  auto ones = GenerateTensors(spec, {6, 3, 5}, InputLayout::kNCL, ValueSource::kOnes, 0);
  auto zeros = GenerateTensors(spec, {6, 3, 5}, InputLayout::kNCL, ValueSource::kZeros, 0);
  ASSERT_TRUE(ones && zeros);
  for (const Tensor* tensor : {&ones->input, &ones->weight, &ones->bias})
    EXPECT_TRUE(
        std::all_of(tensor->data.begin(), tensor->data.end(), [](float v) { return v == 1.0f; }));
  for (const Tensor* tensor : {&zeros->input, &zeros->weight, &zeros->bias})
    EXPECT_TRUE(
        std::all_of(tensor->data.begin(), tensor->data.end(), [](float v) { return v == 0.0f; }));
  auto small = GenerateInput({1000}, ValueSource::kSmallIntegers, 123);
  ASSERT_TRUE(small);
  std::set<float> distinct(small->data.begin(), small->data.end());
  EXPECT_EQ(distinct, (std::set<float>{-3, -2, -1, 0, 1, 2, 3}));
  auto other_seed = GenerateInput({1000}, ValueSource::kSmallIntegers, 124);
  EXPECT_NE(small->data, other_seed->data);
}

TEST(Values, LayoutDoesNotChangeTheNumbers) {
  auto nlc = GenerateTensors(SeedSpec(), {6, 5, 3}, InputLayout::kNLC, ValueSource::kTorchRandn, 7);
  auto ncl = GenerateTensors(SeedSpec(), {6, 5, 3}, InputLayout::kNCL, ValueSource::kTorchRandn, 7);
  ASSERT_TRUE(nlc && ncl);
  EXPECT_EQ(nlc->input.data, ncl->input.data);
  EXPECT_EQ(nlc->weight.data, ncl->weight.data);
}

TEST(Values, RefusesWhatNnConv1dCannotBuild) {
  Conv1dSpec spec = SeedSpec();
  spec.groups = 2;
  auto made = GenerateTensors(spec, {6, 3, 5}, InputLayout::kNCL, ValueSource::kTorchRandn, 0);
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().message, "in_channels must be divisible by groups");
  EXPECT_EQ(made.error().parameter, "groups");
  spec = SeedSpec();
  spec.out_channels = -1;
  EXPECT_FALSE(GenerateTensors(spec, {6, 3, 5}, InputLayout::kNCL, ValueSource::kOnes, 0));
  spec = SeedSpec();
  spec.kernel_size = 0;
  EXPECT_FALSE(GenerateTensors(spec, {6, 3, 5}, InputLayout::kNCL, ValueSource::kArange, 0));
}

TEST(Values, RefusesNegativeOverflowingAndOverBudgetShapes) {
  const Conv1dSpec spec = SeedSpec();
  for (ValueSource source :
       {ValueSource::kTorchRandn, ValueSource::kArange, ValueSource::kSmallIntegers,
        ValueSource::kOnes, ValueSource::kZeros}) {
    auto negative = GenerateTensors(spec, {6, -3, 5}, InputLayout::kNCL, source, 0);
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().message,
              "Trying to create tensor with negative dimension -3: [6, -3, 5]");
    EXPECT_EQ(negative.error().parameter, "input_shape");
    const int64_t huge = int64_t{1} << 40;
    EXPECT_FALSE(GenerateTensors(spec, {huge, huge, huge}, InputLayout::kNCL, source, 0));
    EXPECT_FALSE(GenerateTensors(spec, {huge, 3, 5}, InputLayout::kNCL, source, 0));
    EXPECT_FALSE(GenerateInput({huge, huge}, source, 0));
    EXPECT_FALSE(GenerateInput({-1}, source, 0));
  }
  // The budget covers input + weight + bias: 90 + 48 floats fit in 552 bytes, not in 551.
  EXPECT_TRUE(GenerateTensors(spec, {6, 5, 3}, InputLayout::kNLC, ValueSource::kTorchRandn, 0,
                              Limits{552}));
  auto over =
      GenerateTensors(spec, {6, 5, 3}, InputLayout::kNLC, ValueSource::kTorchRandn, 0, Limits{551});
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().message.find("138 floats"), std::string::npos) << over.error().message;
  Conv1dSpec wide = SeedSpec();
  wide.out_channels = int64_t{1} << 30;
  wide.in_channels = int64_t{1} << 30;
  EXPECT_FALSE(GenerateTensors(wide, {1, 1, 1}, InputLayout::kNCL, ValueSource::kOnes, 0));
}

TEST(Values, EmptyAndZeroDimensionalShapes) {
  auto empty =
      GenerateTensors(SeedSpec(), {6, 0, 3}, InputLayout::kNLC, ValueSource::kTorchRandn, 0);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->input.data.empty());
  // No input draws, so the weight is nn.Conv1d's init straight after the seed.
  TorchGenerator generator(0);
  EXPECT_EQ(empty->weight.data, generator.conv1d_default_init(SeedSpec()).value().weight.data);
  auto scalar = GenerateInput({}, ValueSource::kArange, 0);
  ASSERT_TRUE(scalar);
  EXPECT_EQ(scalar->data, (std::vector<float>{0.0f}));
  EXPECT_EQ(ValueSourcePython(ValueSource::kTorchRandn, TensorRole::kInput, SeedSpec(), {}),
            "torch.randn(())");
}

TEST(Values, SourceNamesRoundTrip) {
  for (ValueSource source :
       {ValueSource::kTorchRandn, ValueSource::kArange, ValueSource::kSmallIntegers,
        ValueSource::kOnes, ValueSource::kZeros}) {
    ValueSource parsed = ValueSource::kTorchRandn;
    ASSERT_TRUE(ParseValueSource(ValueSourceName(source), &parsed));
    EXPECT_EQ(parsed, source);
  }
  ValueSource unchanged = ValueSource::kOnes;
  EXPECT_FALSE(ParseValueSource("normal", &unchanged));
  EXPECT_EQ(unchanged, ValueSource::kOnes);
}

}  // namespace
}  // namespace convstep
