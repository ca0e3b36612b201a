// The equivalent-Python generator (tools/check_code_with_torch.py runs its output in torch).
#include <gtest/gtest.h>

#include "convstep/codegen.h"

namespace convstep {
namespace {

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Codegen, SeedExampleReadsLikeTheSeedDocument) {
  CodeSpec code;
  code.spec = SeedSpec();
  code.layout = InputLayout::kNLC;
  code.input_shape = {6, 5, 3};
  const std::string py = PythonCode(code);
  EXPECT_TRUE(Has(py, "torch.manual_seed(0)\nx = torch.randn(6, 5, 3)\n")) << py;
  EXPECT_TRUE(Has(py, "x = x.permute(0, 2, 1)  # [N, L, C] -> [N, C, L]\n")) << py;
  EXPECT_TRUE(Has(py, "print(x.shape)  # torch.Size([6, 3, 5])")) << py;
  EXPECT_TRUE(Has(py, "conv = nn.Conv1d(3, 8, 2, bias=False)\n")) << py;
  EXPECT_TRUE(Has(py, "print(conv.weight.shape)  # torch.Size([8, 3, 2])")) << py;
  EXPECT_TRUE(Has(py, "print(y.shape)  # torch.Size([6, 8, 4])")) << py;
  EXPECT_FALSE(Has(py, "copy_")) << "randn keeps nn.Conv1d's own initialisation";
}

TEST(Codegen, LiteralsOverrideWhatTheSourceMade) {
  CodeSpec code;
  code.spec = SeedSpec();
  code.spec.bias = true;
  code.values = ValueSource::kSmallIntegers;
  code.seed = 9;
  code.input_shape = {1, 3, 4};
  code.weight = Tensor{{8, 3, 2}, FloatBuffer(48, 0.1f)};
  const std::string py = PythonCode(code);
  // The weight is still drawn (so the bias draw comes out the same), then replaced.
  const size_t drawn = py.find("weight = torch.randint(-3, 4, (8, 3, 2)).float()");
  const size_t literal = py.find("weight = torch.tensor([[[0.1, 0.1]");
  ASSERT_NE(drawn, std::string::npos) << py;
  ASSERT_NE(literal, std::string::npos) << py;
  EXPECT_LT(drawn, literal);
  EXPECT_TRUE(Has(py, "    conv.weight.copy_(weight)\n    conv.bias.copy_(bias)\n")) << py;
}

TEST(Codegen, LiteralValuesReadBackToTheSameFloat) {
  const Tensor tensor{{4}, {0.1f, 1e-7f, 3.0f, 16777217.0f}};
  EXPECT_EQ(TensorLiteralPython(tensor), "torch.tensor([0.1, 1e-07, 3.0, 16777216.0])");
  const Tensor nested{{2, 2}, {1, 2, 3, 4}};
  EXPECT_EQ(TensorLiteralPython(nested, 4),
            "torch.tensor([[1.0, 2.0],\n                  [3.0, 4.0]])");
}

}  // namespace
}  // namespace convstep
