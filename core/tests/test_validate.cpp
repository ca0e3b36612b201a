// Hand-checked validation cases; each message was printed by PyTorch 1.13.1 for the same call.
// The broad comparison with PyTorch is test_golden_conv.cpp.
#include <gtest/gtest.h>

#include "convstep/geometry.h"
#include "convstep/torch_random.h"
#include "convstep/values.h"

namespace convstep {
namespace {

Conv1dSpec Spec(int64_t in, int64_t out, int64_t k) {
  Conv1dSpec spec;
  spec.in_channels = in;
  spec.out_channels = out;
  spec.kernel_size = k;
  return spec;
}

std::string MessageOf(const Conv1dSpec& spec, const Shape& shape) {
  auto result = Validate(spec, shape);
  return result ? "OK" : result.error().message;
}

TEST(Validate, SeedExampleGivesLengthFour) {
  Conv1dSpec spec = SeedSpec();
  auto g = Validate(spec, {6, 3, 5});
  ASSERT_TRUE(g) << g.error().OneLine();
  EXPECT_EQ(g->OutputShape(), (Shape{6, 8, 4}));
  EXPECT_EQ(g->WeightShape(), (Shape{8, 3, 2}));
  EXPECT_EQ(g->taps, 6);
  EXPECT_EQ(g->MacCount(), 6 * 8 * 4 * 6);
}

TEST(Validate, ForgottenPermuteGivesPyTorchsChannelMessage) {
  auto result = Validate(SeedSpec(), {6, 5, 3});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "Given groups=1, weight of size [8, 3, 2], expected input[6, 5, 3] to have 3 "
            "channels, but got 5 channels instead");
  EXPECT_EQ(result.error().parameter, "input");
  EXPECT_NE(result.error().hint.find("permute(0, 2, 1)"), std::string::npos);
}

TEST(Validate, ChannelMessageShowsPaddedLengthForReflect) {
  Conv1dSpec spec = SeedSpec();
  spec.padding = 1;
  spec.padding_mode = PaddingMode::kReflect;
  EXPECT_EQ(MessageOf(spec, {6, 5, 3}),
            "Given groups=1, weight of size [8, 3, 2], expected input[6, 5, 5] to have 3 "
            "channels, but got 5 channels instead");
}

TEST(Validate, UnbatchedChannelMessageShowsBatchOfOne) {
  EXPECT_EQ(MessageOf(Spec(3, 8, 4), {5, 5}),
            "Given groups=1, weight of size [8, 3, 4], expected input[1, 5, 5] to have 3 "
            "channels, but got 5 channels instead");
}

TEST(Validate, ConstructionErrorsInPyTorchsOrder) {
  Conv1dSpec spec = Spec(3, 8, 2);
  spec.groups = 0;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "groups must be a positive integer");
  spec.groups = 2;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "in_channels must be divisible by groups");
  spec = Spec(4, 6, 2);
  spec.groups = 4;
  EXPECT_EQ(MessageOf(spec, {6, 4, 5}), "out_channels must be divisible by groups");
  spec = Spec(3, 8, 2);
  spec.padding_kind = PaddingKind::kSame;
  spec.stride = 2;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "padding='same' is not supported for strided convolutions");
  spec = Spec(3, 8, -1);
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}),
            "Trying to create tensor with negative dimension -1: [8, 3, -1]");
  spec = Spec(-4, 8, 1);
  spec.groups = 2;
  EXPECT_EQ(MessageOf(spec, {2, 6, 5}),
            "Trying to create tensor with negative dimension -2: [8, -2, 1]");
}

TEST(Validate, ForwardChecksInPyTorchsOrder) {
  Conv1dSpec spec = Spec(3, 8, 1);
  spec.stride = 0;
  spec.padding = -1;
  spec.dilation = 0;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "negative padding is not supported");
  spec.padding = 0;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "non-positive stride is not supported");
  spec.stride = 1;
  EXPECT_EQ(MessageOf(spec, {6, 5, 5}),  // channels are checked before dilation
            "Given groups=1, weight of size [8, 3, 1], expected input[6, 5, 5] to have 3 "
            "channels, but got 5 channels instead");
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "non-positive dilation is not supported");
  spec = Spec(3, 0, 4);
  spec.stride = 0;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "non-positive stride is not supported");
  spec.stride = 1;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}),
            "Given groups=1, expected weight to be at least 1 at dimension 0, but got weight of "
            "size [0, 3, 4] instead");
}

TEST(Validate, KernelLargerThanInput) {
  EXPECT_EQ(MessageOf(Spec(3, 8, 5), {6, 3, 2}),
            "Calculated padded input size per channel: (2). Kernel size: (5). Kernel size can't "
            "be greater than actual input size");
  Conv1dSpec same = Spec(3, 8, 4);
  same.padding_kind = PaddingKind::kSame;
  EXPECT_EQ(MessageOf(same, {6, 3, 0}),
            "Calculated padded input size per channel: (3). Kernel size: (4). Kernel size can't "
            "be greater than actual input size");
}

TEST(Validate, ReflectAndCircularLimits) {
  Conv1dSpec spec = Spec(3, 8, 2);
  spec.padding = 5;
  spec.padding_mode = PaddingMode::kReflect;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}),
            "Argument #4: Padding size should be less than the corresponding input dimension, "
            "but got: padding (5, 5) at dimension 2 of input [6, 3, 5]");
  spec.padding_mode = PaddingMode::kCircular;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "OK");  // circular allows padding == L
  spec.padding = 6;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "Padding value causes wrapping around more than once.");
  spec.padding = 1;
  EXPECT_EQ(MessageOf(spec, {3, 5}), "OK");  // PyTorch 1.13 rejects this; later versions accept it
}

TEST(Validate, NegativePaddingCropsInNonZeroModes) {
  Conv1dSpec spec = Spec(3, 8, 2);
  spec.padding = -1;
  spec.padding_mode = PaddingMode::kReplicate;
  auto g = Validate(spec, {6, 3, 5});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->out_length, 2);
  spec.kernel_size = 1;
  spec.padding = -3;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "input (W: 5) is too small. Calculated output W: -1");
  spec.padding_mode = PaddingMode::kReflect;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}), "2input (W: 5)is too small. Calculated output W: -1");
  spec.padding_mode = PaddingMode::kCircular;
  EXPECT_EQ(MessageOf(spec, {6, 3, 5}),
            "Negative padding value is resulting in an empty dimension");
}

TEST(Validate, SamePaddingSplitsLeftAndRight) {
  Conv1dSpec spec = Spec(3, 8, 4);
  spec.padding_kind = PaddingKind::kSame;
  spec.dilation = 1;
  auto g = Validate(spec, {6, 3, 5});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->pad_left, 1);
  EXPECT_EQ(g->pad_right, 2);
  EXPECT_EQ(g->out_length, 5);
  EXPECT_EQ(MessageOf(spec, {6, 5, 5}),  // the extra right column shows in the message
            "Given groups=1, weight of size [8, 3, 4], expected input[6, 5, 6] to have 3 "
            "channels, but got 5 channels instead");
}

TEST(Validate, WrongInputRank) {
  EXPECT_EQ(MessageOf(Spec(3, 8, 2), {6, 3, 5, 1}),
            "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: "
            "[6, 3, 5, 1]");
  Conv1dSpec spec = Spec(3, 8, 2);
  spec.padding_mode = PaddingMode::kReflect;
  EXPECT_EQ(MessageOf(spec, {5}),
            "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
}

TEST(Validate, MemoryBudgetIsNamedNotClamped) {
  Limits limits;
  limits.max_bytes = 1 << 20;
  auto result = Validate(SeedSpec(), {64, 3, 100000}, limits);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("memory budget"), std::string::npos);
  EXPECT_NE(result.error().message.find("1.0 MiB"), std::string::npos);
}

TEST(Validate, EveryBudgetRefusalHasOneWording) {
  EXPECT_EQ(FormatBytes(551), "551 bytes");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(int64_t{1} << 30), "1.0 GiB");
  // The configuration check, the value generator and torch's generator say it the same way.
  // The seed example's configuration counts input 90 + padded copy 90 + weight 48 + output 192.
  Limits limits;
  limits.max_bytes = 551;
  auto config = Validate(SeedSpec(), {6, 3, 5}, limits);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "this configuration's tensors need 1.6 KiB (420 floats), over the 551 bytes memory "
            "budget");
  auto generated =
      GenerateTensors(SeedSpec(), {6, 5, 3}, InputLayout::kNLC, ValueSource::kOnes, 0, limits);
  ASSERT_FALSE(generated);
  EXPECT_EQ(generated.error().message,
            "the generated tensors need 552 bytes (138 floats), over the 551 bytes memory budget");
  TorchGenerator generator(0);
  generator.set_limits(limits);
  auto values = generator.randn({6, 5, 3, 2});
  ASSERT_FALSE(values);
  EXPECT_EQ(values.error().message,
            "the values of shape [6, 5, 3, 2] need 720 bytes (180 floats), over the 551 bytes "
            "memory budget");
  EXPECT_EQ(OverBudgetMessage("x", -1, limits),
            "x need more bytes than fit in int64, over the 551 bytes memory budget");
}

TEST(Validate, HugeParametersAreErrorsNotOverflow) {
  Conv1dSpec spec = Spec(3, 8, 2);
  spec.dilation = int64_t{1} << 62;
  EXPECT_FALSE(Validate(spec, {6, 3, 5}));
  spec = Spec(3, 8, 2);
  EXPECT_FALSE(Validate(spec, {int64_t{1} << 50, 3, 5}));
}

TEST(SourceOf, GhostCellsNameTheElementTheyCopy) {
  Conv1dSpec spec = Spec(1, 1, 1);
  spec.padding = 2;
  for (auto [mode, left2, left1, right1, right2] :
       {std::tuple{PaddingMode::kReflect, 2, 1, 3, 2},
        std::tuple{PaddingMode::kReplicate, 0, 0, 4, 4},
        std::tuple{PaddingMode::kCircular, 3, 4, 0, 1}}) {
    spec.padding_mode = mode;
    auto g = Validate(spec, {1, 1, 5});
    ASSERT_TRUE(g);
    EXPECT_EQ(SourceOf(*g, 0).source, left2);
    EXPECT_EQ(SourceOf(*g, 1).source, left1);
    EXPECT_EQ(SourceOf(*g, 2).kind, CellKind::kReal);
    EXPECT_EQ(SourceOf(*g, 7).source, right1);
    EXPECT_EQ(SourceOf(*g, 8).source, right2);
    EXPECT_EQ(SourceOf(*g, 8).kind, CellKind::kGhost);
  }
  spec.padding_mode = PaddingMode::kZeros;
  auto g = Validate(spec, {1, 1, 5});
  EXPECT_EQ(SourceOf(*g, 0).kind, CellKind::kZeroPad);
}

}  // namespace
}  // namespace convstep

namespace convstep {
namespace {

TEST(Validate, GroupsThatDoNotDivideOutChannelsGetValidOutChannelsInTheHint) {
  // Chapter 8's change: nn.Conv1d(3, 8, 2, groups=3) fails as it is built; 6 or 9 would work.
  Conv1dSpec spec = SeedSpec();
  spec.groups = 3;
  const auto g = Validate(spec, {6, 3, 5});
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().message, "out_channels must be divisible by groups");
  EXPECT_EQ(g.error().hint,
            "out_channels=8 does not split into 3 equal groups: with groups=3, use a multiple of "
            "3 for out_channels, such as 6 or 9; or keep out_channels and use a divisor of both "
            "in_channels (3) and out_channels (8), one of: 1");
  spec.out_channels = 2;  // fewer than the groups: the first multiple
  EXPECT_NE(Validate(spec, {6, 3, 5}).error().hint.find("such as 3;"), std::string::npos);
}

TEST(Validate, TheForgottenPermuteHintLeadsWithThePermute) {
  const auto g = Validate(SeedSpec(), {6, 5, 3});
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().hint,
            "the input's channel axis (axis 1) has 5 but in_channels is 3: if the data is [N, L, "
            "C], permute(0, 2, 1) it first; set in_channels to 5 only if axis 1 really holds the "
            "channels");
}

}  // namespace
}  // namespace convstep
