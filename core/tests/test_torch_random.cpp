// TorchGenerator against numbers drawn by real PyTorch 1.13 (tools/gen_golden_random.py).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "convstep/io_json.h"
#include "convstep/torch_random.h"
#include "test_util.h"

namespace convstep {
namespace {

using nlohmann::json;

json Golden() {
  return json::parse(testing::ReadGolden("random_cases.json"));
}

uint32_t Bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// Every value within 1e-6 of torch's (the promise), and in fact bit for bit.
void ExpectSameFloats(const FloatBuffer& actual, const json& expected, const std::string& what) {
  ASSERT_TRUE(expected.is_array()) << what;
  ASSERT_EQ(actual.size(), expected.size()) << what;
  double max_error = 0;
  size_t different_bits = 0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const float want = expected[i].get<float>();
    max_error = std::fmax(max_error, std::fabs(static_cast<double>(actual[i]) - want));
    if (Bits(actual[i]) != Bits(want)) ++different_bits;
  }
  EXPECT_LE(max_error, 1e-6) << what;
  EXPECT_EQ(different_bits, 0u) << what << ": values differ in the last bits";
}

Conv1dSpec SpecOf(const json& conv) {
  auto spec = ParseConvJson(conv);
  EXPECT_TRUE(spec) << spec.error().OneLine();
  return spec ? *spec : Conv1dSpec{};
}

TEST(TorchGenerator, EngineIsTheStandardMt19937) {
  TorchGenerator generator(5489);
  std::mt19937 standard(5489);
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(generator.random(), standard()) << "draw " << i;
}

TEST(TorchGenerator, SeedsUseTheirLow32BitsButKeepAll64) {
  const uint64_t seed = (uint64_t{1} << 32) + 42;
  TorchGenerator high(seed), low(42);
  EXPECT_EQ(high.initial_seed(), seed);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(high.random(), low.random());
  TorchGenerator fresh;
  EXPECT_EQ(fresh.initial_seed(), kTorchDefaultSeed);
}

TEST(TorchGenerator, Random64IsFirstDrawHighSecondLow) {
  TorchGenerator a(0), b(0);
  const uint64_t first = b.random(), second = b.random();
  EXPECT_EQ(a.random64(), (first << 32) | second);
}

TEST(TorchGenerator, RandMatchesTorch) {
  const json cases = Golden()["rand"];  // a copy: the parsed document is a temporary
  for (const json& c : cases) {
    TorchGenerator generator(c["seed"].get<uint64_t>());
    auto tensor = generator.rand(c["shape"].get<Shape>());
    ASSERT_TRUE(tensor);
    ExpectSameFloats(tensor->data, c["values"], "rand seed " + c["seed"].dump());
  }
}

TEST(TorchGenerator, RandnMatchesTorchBelowAtAndAboveSixteen) {
  const json cases = Golden()["randn"];
  ASSERT_GE(cases.size(), 80u);
  for (const json& c : cases) {
    TorchGenerator generator(c["seed"].get<uint64_t>());
    const Shape shape = c["shape"].get<Shape>();
    auto tensor = generator.randn(shape);
    ASSERT_TRUE(tensor);
    EXPECT_EQ(tensor->shape, shape);
    ExpectSameFloats(tensor->data, c["values"],
                     "randn" + FormatShape(shape) + " seed " + c["seed"].dump());
  }
}

// The fingerprint tools/gen_golden_random.py computes: sum of (bits ^ i) * (2 i + 1) mod 2^64.
uint64_t Digest(const FloatBuffer& values) {
  uint64_t sum = 0;
  for (uint64_t i = 0; i < values.size(); ++i) sum += (Bits(values[i]) ^ i) * (2 * i + 1);
  return sum;
}

// A million values catch a fused multiply-add missed in the Cephes polynomials, which changes
// the last bit of about 1 value in 2000: too rare for the stored cases to show.
TEST(TorchGenerator, LargeRandnIsBitExact) {
  const json golden = Golden();
  for (const json* part : {&golden["randn_digests"], &golden["default_kernels"]["randn_digests"]}) {
    const TorchCpuKernels kernels =
        part == &golden["randn_digests"] ? TorchCpuKernels::kAvx2 : TorchCpuKernels::kDefault;
    for (const json& c : *part) {
      TorchGenerator generator(c["seed"].get<uint64_t>(), kernels);
      const Tensor values = generator.randn({c["size"].get<int64_t>()}).value();
      EXPECT_EQ(values.data.front(), c["first"].get<float>());
      EXPECT_EQ(values.data.back(), c["last"].get<float>());
      EXPECT_EQ(Digest(values.data), c["digest"].get<uint64_t>())
          << "randn(" << c["size"] << ") seed " << c["seed"];
    }
  }
}

TEST(TorchGenerator, RandintMatchesTorch) {
  const json cases = Golden()["randint"];  // a copy: the parsed document is a temporary
  for (const json& c : cases) {
    TorchGenerator generator(c["seed"].get<uint64_t>());
    auto tensor = generator.randint(c["low"].get<int64_t>(), c["high"].get<int64_t>(),
                                    c["shape"].get<Shape>());
    ASSERT_TRUE(tensor);
    ExpectSameFloats(
        tensor->data, c["values"],
        "randint " + c["low"].dump() + ".." + c["high"].dump() + " seed " + c["seed"].dump());
  }
}

TEST(TorchGenerator, UniformMatchesTorch) {
  const json cases = Golden()["uniform"];  // a copy: the parsed document is a temporary
  for (const json& c : cases) {
    TorchGenerator generator(c["seed"].get<uint64_t>());
    auto tensor =
        generator.uniform(c["shape"].get<Shape>(), c["from"].get<double>(), c["to"].get<double>());
    ASSERT_TRUE(tensor);
    ExpectSameFloats(tensor->data, c["values"], "uniform_ seed " + c["seed"].dump());
  }
}

TEST(TorchGenerator, Conv1dDefaultInitMatchesTorch) {
  const json cases = Golden()["conv_init"];
  ASSERT_GE(cases.size(), 20u);
  for (const json& c : cases) {
    const std::string what = "nn.Conv1d(" + c["conv"].dump() + ") seed " + c["seed"].dump();
    TorchGenerator generator(c["seed"].get<uint64_t>());
    const Conv1dSpec spec = SpecOf(c["conv"]);
    auto init = generator.conv1d_default_init(spec);
    ASSERT_TRUE(init) << what << ": " << init.error().OneLine();
    EXPECT_EQ(init->weight.shape, c["weight_shape"].get<Shape>()) << what;
    ExpectSameFloats(init->weight.data, c["weight"], what + " weight");
    if (c["bias"].is_null()) {
      EXPECT_TRUE(init->bias.shape.empty()) << what;
    } else {
      ExpectSameFloats(init->bias.data, c["bias"], what + " bias");
    }
    // The generator stands exactly where torch's does after construction.
    ExpectSameFloats(generator.rand({3}).value().data, c["rand_after"], what + " rand after");
  }
}

TEST(TorchGenerator, StateAndNormalCacheCarryOverBetweenDraws) {
  const json sequence = Golden()["sequence"];
  TorchGenerator generator(sequence["seed"].get<uint64_t>());
  int index = 0;
  for (const json& step : sequence["steps"]) {
    const std::string op = step["op"];
    const std::string what = "step " + std::to_string(index++) + " " + op;
    if (op == "conv_init") {
      auto init = generator.conv1d_default_init(SpecOf(step["conv"]));
      ASSERT_TRUE(init) << what;
      ExpectSameFloats(init->weight.data, step["values"], what + " weight");
      if (!step["bias"].is_null()) ExpectSameFloats(init->bias.data, step["bias"], what);
      continue;
    }
    const Shape shape = step["shape"].get<Shape>();
    Result<Tensor> tensor = op == "randn"  ? generator.randn(shape)
                            : op == "rand" ? generator.rand(shape)
                                           : generator.randint(step["low"].get<int64_t>(),
                                                               step["high"].get<int64_t>(), shape);
    ASSERT_TRUE(tensor) << what;
    ExpectSameFloats(tensor->data, step["values"], what);
  }
  EXPECT_GE(index, 10);
}

TEST(TorchGenerator, DefaultCpuKernelsMatchTorchWithoutAvx2) {
  const json part = Golden()["default_kernels"];
  ASSERT_EQ(part["capability"], "NO AVX");
  for (const json& c : part["randn"]) {
    TorchGenerator generator(c["seed"].get<uint64_t>(), TorchCpuKernels::kDefault);
    ExpectSameFloats(generator.randn(c["shape"].get<Shape>()).value().data, c["values"],
                     "default randn" + c["shape"].dump() + " seed " + c["seed"].dump());
  }
  for (const json& c : part["conv_init"]) {
    TorchGenerator generator(c["seed"].get<uint64_t>(), TorchCpuKernels::kDefault);
    auto init = generator.conv1d_default_init(SpecOf(c["conv"]));
    ASSERT_TRUE(init);
    ExpectSameFloats(init->weight.data, c["weight"], "default weight");
    ExpectSameFloats(init->bias.data, c["bias"], "default bias");
  }
}

TEST(TorchGenerator, ScalarRandnCallsSplitLikeOneCall) {
  TorchGenerator whole(3), split(3);
  const Tensor four = whole.randn({4}).value();
  const Tensor three = split.randn({3}).value();
  const Tensor one = split.randn({1}).value();
  EXPECT_EQ(four.data[0], three.data[0]);
  EXPECT_EQ(four.data[2], three.data[2]);
  EXPECT_EQ(four.data[3], one.data[0]);  // the cached r * sin(theta)
}

TEST(TorchGenerator, ManualSeedForgetsTheCachedNormal) {
  TorchGenerator generator(9);
  const float first = generator.randn({1}).value().data[0];
  generator.manual_seed(9);
  EXPECT_EQ(generator.randn({1}).value().data[0], first);
}

TEST(TorchGenerator, BadArgumentsAreErrorsWithTorchsMessages) {
  TorchGenerator generator(0);
  auto negative = generator.randn({2, -1});
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().message,
            "Trying to create tensor with negative dimension -1: [2, -1]");
  auto empty_range = generator.randint(4, -3, {2});
  ASSERT_FALSE(empty_range);
  EXPECT_EQ(empty_range.error().message,
            "random_ expects 'from' to be less than 'to', but got from=4 >= to=-3");
  auto reversed = generator.uniform({3}, 1, 0);
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().message,
            "uniform_ expects to return a [from, to) range, but found from=1 > to=0");
  EXPECT_FALSE(generator.uniform({3}, 0, INFINITY));
  EXPECT_FALSE(generator.uniform({3}, -3e38, 3e38));
  const int64_t huge = int64_t{1} << 40;
  EXPECT_FALSE(generator.randn({huge, huge}));  // overflows int64
  EXPECT_FALSE(generator.rand({huge}));         // over the 1 GiB default budget
  generator.set_limits(Limits{64});
  EXPECT_FALSE(generator.randn({17}));
  EXPECT_TRUE(generator.randn({16}));
  Conv1dSpec bad_groups = SeedSpec();
  bad_groups.groups = 2;
  auto init = generator.conv1d_default_init(bad_groups);
  ASSERT_FALSE(init);
  EXPECT_EQ(init.error().message, "in_channels must be divisible by groups");
  EXPECT_FALSE(generator.kaiming_uniform({5}, std::sqrt(5.0)));  // fewer than 2 dimensions
}

TEST(TorchGenerator, KaimingBoundIsOneOverSqrtFanInInFloat) {
  for (int64_t fan_in = 1; fan_in <= 5000; ++fan_in) {
    ASSERT_EQ(static_cast<float>(KaimingUniformBound(fan_in, std::sqrt(5.0))),
              static_cast<float>(1.0 / std::sqrt(static_cast<double>(fan_in))))
        << fan_in;
  }
  Conv1dSpec spec = SeedSpec();
  spec.groups = 1;
  EXPECT_EQ(Conv1dFanIn(spec), 6);
}

}  // namespace
}  // namespace convstep
