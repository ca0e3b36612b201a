// The Conv2d and matrix-multiply forms of a layer, as Python text. The suite also runs them in
// PyTorch (tools/check_code_with_torch.py); these tests pin what a student reads.
#include <gtest/gtest.h>

#include "convstep/codegen_equivalents.h"

namespace convstep {
namespace {

Geometry SeedGeometry() {
  return *Validate(SeedSpec(), {6, 3, 5});
}

TEST(CodegenEquivalents, TheSeedLayerIsAConv2dOfHeightOneOnUnsqueezedInput) {
  const std::string py = Conv2dPython(SeedSpec(), SeedGeometry());
  EXPECT_NE(py.find("conv2d = nn.Conv2d(3, 8, (1, 2), bias=False)\n"), std::string::npos) << py;
  EXPECT_NE(py.find("conv2d.weight.copy_(conv.weight.unsqueeze(2))"), std::string::npos);
  EXPECT_EQ(py.find("bias.copy_"), std::string::npos);  // bias=False: nothing to copy
  EXPECT_NE(py.find("y_conv2d = conv2d(x.unsqueeze(2)).squeeze(2)"), std::string::npos);
}

TEST(CodegenEquivalents, EveryArgumentGetsAHeightOfOneOrZero) {
  Conv1dSpec spec;
  spec.in_channels = 4;
  spec.out_channels = 6;
  spec.kernel_size = 3;
  spec.stride = 2;
  spec.padding = 1;
  spec.dilation = 2;
  spec.groups = 2;
  spec.padding_mode = PaddingMode::kCircular;
  const Geometry g = *Validate(spec, {4, 9});  // unbatched
  const std::string py = Conv2dPython(spec, g);
  EXPECT_NE(py.find("nn.Conv2d(4, 6, (1, 3), stride=(1, 2), padding=(0, 1), dilation=(1, 2), "
                    "groups=2, padding_mode='circular')"),
            std::string::npos)
      << py;
  EXPECT_NE(py.find("conv2d.bias.copy_(conv.bias)"), std::string::npos);
  EXPECT_NE(py.find("conv2d(x.unsqueeze(0).unsqueeze(2)).squeeze(2).squeeze(0)"),
            std::string::npos);
}

TEST(CodegenEquivalents, AShorterImageKernelSaysWhichRowsItHoldsAndIsNoLongerConv1d) {
  const std::string full = ImageConv2dPython(SeedSpec(), SeedGeometry(), 3);
  EXPECT_NE(full.find("fills the height"), std::string::npos);
  EXPECT_NE(full.find("conv2d_image.weight.copy_(conv.weight.unsqueeze(1))"), std::string::npos);
  EXPECT_NE(full.find("print((y_image - y).abs().max())"), std::string::npos);
  const std::string short_kernel = ImageConv2dPython(SeedSpec(), SeedGeometry(), 2);
  EXPECT_NE(short_kernel.find("holds rows (input channels) 0..1 of each Conv1d kernel"),
            std::string::npos)
      << short_kernel;
  EXPECT_NE(short_kernel.find("2 rows of output, no longer the Conv1d"), std::string::npos);
  EXPECT_NE(short_kernel.find("conv.weight[:, :2].unsqueeze(1)"), std::string::npos);
  EXPECT_NE(short_kernel.find("print(y_image.shape)  # not the Conv1d's [6, 8, 4]"),
            std::string::npos);
}

TEST(CodegenEquivalents, TheMatmulUnfoldsWindowsIntoColumnsAndGroupsIntoBlocks) {
  const std::string dense = MatmulPython(SeedSpec(), SeedGeometry());
  EXPECT_NE(dense.find("xp = x  # no padding"), std::string::npos) << dense;
  EXPECT_NE(dense.find("cols = xp.unfold(2, 2, 1)"), std::string::npos);
  EXPECT_EQ(dense.find("::"), std::string::npos);  // dilation 1: every cell of the window
  EXPECT_NE(dense.find("reshape(6, 6, 4)  # [N, C*k, L_out]"), std::string::npos);
  EXPECT_NE(dense.find("W = conv.weight.reshape(8, 6)"), std::string::npos);
  Conv1dSpec grouped = SeedSpec();
  grouped.out_channels = 6;
  grouped.groups = 3;
  grouped.padding = 1;
  grouped.dilation = 2;
  grouped.padding_mode = PaddingMode::kReflect;
  const std::string blocks = MatmulPython(grouped, *Validate(grouped, {6, 3, 5}));
  EXPECT_NE(blocks.find("xp = F.pad(x, (1, 1), mode='reflect')"), std::string::npos) << blocks;
  EXPECT_NE(blocks.find("cols = xp.unfold(2, 3, 1)"), std::string::npos);
  EXPECT_NE(blocks.find("cols = cols[..., ::2]"), std::string::npos);
  EXPECT_NE(blocks.find("W = conv.weight.reshape(3, 2, 2)  # one block per group"),
            std::string::npos);
  EXPECT_NE(blocks.find("(W @ cols.reshape(6, 3, 2, 5)).reshape(6, 6, 5)"), std::string::npos);
}

}  // namespace
}  // namespace convstep
