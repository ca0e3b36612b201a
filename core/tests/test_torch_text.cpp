// print(tensor) formatting against PyTorch's own output, and parsing it back.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "convstep/io_json.h"
#include "convstep/torch_text.h"
#include "test_util.h"

namespace convstep {
namespace {

using nlohmann::json;

Tensor FromCase(const json& item) {
  Tensor tensor;
  tensor.shape = item["shape"].get<Shape>();
  for (const json& v : item["values"]) {
    if (v.is_string()) {
      const std::string s = v.get<std::string>();
      tensor.data.push_back(s == "nan"   ? std::numeric_limits<float>::quiet_NaN()
                            : s == "inf" ? std::numeric_limits<float>::infinity()
                                         : -std::numeric_limits<float>::infinity());
    } else {
      tensor.data.push_back(v.get<float>());
    }
  }
  return tensor;
}

TEST(TorchPrint, MatchesPyTorchCharacterForCharacter) {
  const json doc = json::parse(testing::ReadGolden("torch_print_cases.json"));
  ASSERT_GE(doc["cases"].size(), 20u);
  for (size_t i = 0; i < doc["cases"].size(); ++i) {
    const json& item = doc["cases"][i];
    EXPECT_EQ(FormatTorchTensor(FromCase(item)), item["text"].get<std::string>()) << "case " << i;
  }
}

TEST(TorchPrint, ParsingPrintedTextAndPrintingAgainGivesTheSameText) {
  const json doc = json::parse(testing::ReadGolden("torch_print_cases.json"));
  int round_trips = 0;
  for (size_t i = 0; i < doc["cases"].size(); ++i) {
    const std::string text = doc["cases"][i]["text"];
    auto parsed = ParseTorchTensor(text);
    if (text.find("...") != std::string::npos) {
      ASSERT_FALSE(parsed) << "case " << i;  // summarized: values are missing
      EXPECT_NE(parsed.error().hint.find("profile='full'"), std::string::npos);
      continue;
    }
    ASSERT_TRUE(parsed) << "case " << i << ": " << parsed.error().OneLine();
    EXPECT_EQ(parsed->shape, doc["cases"][i]["shape"].get<Shape>()) << "case " << i;
    EXPECT_EQ(FormatTorchTensor(*parsed), text) << "case " << i;
    ++round_trips;
  }
  EXPECT_GE(round_trips, 15);
}

TEST(TorchPrint, SeedDocumentsPrintedInputParsesExactly) {
  // The seed document's first print, with its grad-free form and a torch.Size line.
  const std::string text = testing::ReadGolden("seed_input_print.txt");
  auto parsed = ParseTorchTensor(text);
  ASSERT_TRUE(parsed) << parsed.error().OneLine();
  const json doc = json::parse(testing::ReadGolden("seed_document.json"));
  auto expected = TensorFromJson(doc["input_nlc"], "input");
  EXPECT_EQ(parsed->shape, (Shape{6, 5, 3}));
  EXPECT_EQ(parsed->data, expected->data);
  EXPECT_FLOAT_EQ(parsed->at(0, 0, 0), -1.5697f);
}

TEST(TorchPrint, SuffixesAndBareLists) {
  auto with_grad =
      ParseTorchTensor("tensor([[ 1.8743e-01, -1.4395e-01]],\n       grad_fn=<SqueezeBackward1>)");
  ASSERT_TRUE(with_grad) << with_grad.error().OneLine();
  EXPECT_EQ(with_grad->shape, (Shape{1, 2}));
  EXPECT_FLOAT_EQ(with_grad->data[0], 0.18743f);
  auto bare = ParseTorchTensor("[[1., 2.], [3., 4.]]\ntorch.Size([2, 2])");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->data, (std::vector<float>{1, 2, 3, 4}));
  auto empty = ParseTorchTensor("tensor([], size=(0, 8, 4))");
  ASSERT_TRUE(empty) << empty.error().OneLine();
  EXPECT_EQ(empty->shape, (Shape{0, 8, 4}));
  auto required = ParseTorchTensor("tensor([1.5, 2.0], requires_grad=True)");
  ASSERT_TRUE(required);
}

TEST(TorchPrint, MalformedTextSaysWhereAndWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"tensor([[1., 2.], [3.]])", "line 1, column 23: this list has 1 elements"},
      {"tensor([[1., 2.], [3., x]])", "line 1, column 24: expected a number"},
      {"tensor([[1., 2.],\n        [3., 4.]", "the text ends before the closing ']'"},
      {"tensor([1., [2.]])", "lists and numbers are mixed"},
      {"hello", "expected 'tensor(' or '['"},
      {"tensor([1.0, 2.0]) tensor([3.0])", "unexpected text after the tensor"},
      {"tensor([1e39])", "too large for float32"},
      {"tensor([ 0.1, ..., 0.2])", "summarized"},
  };
  for (const auto& [text, expected] : cases) {
    auto parsed = ParseTorchTensor(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_NE(parsed.error().message.find(expected), std::string::npos)
        << text << " -> " << parsed.error().message;
    EXPECT_EQ(parsed.error().parameter, "text");
  }
}

}  // namespace
}  // namespace convstep
