#include "convstep/codegen.h"

#include "convstep/geometry.h"
#include "convstep/sentences.h"
#include "float_chars.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <utility>

namespace convstep {
namespace {

// Shortest float text when Python's float() -> float32 gives it back exactly, else the
// double's repr (always exact).
std::string PyNumber(float value) {
  char buffer[64];
  auto result = detail::ShortestChars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (static_cast<float>(std::strtod(text.c_str(), nullptr)) != value) {
    result = detail::ShortestChars(buffer, buffer + sizeof buffer, static_cast<double>(value));
    text.assign(buffer, result.ptr);
  }
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  if (text == "inf") return "float('inf')";
  if (text == "-inf") return "float('-inf')";
  if (text == "nan" || text == "-nan") return "float('nan')";
  return text;
}

void Nested(const Tensor& tensor, size_t dim, size_t* index, size_t indent, std::string* out) {
  if (dim == tensor.shape.size()) {
    *out += PyNumber(tensor.data[(*index)++]);
    return;
  }
  *out += "[";
  const bool innermost = dim + 1 == tensor.shape.size();
  for (int64_t i = 0; i < tensor.shape[dim]; ++i) {
    if (i > 0) *out += innermost ? ", " : ",\n" + std::string(indent + 1, ' ');
    Nested(tensor, dim + 1, index, indent + 1, out);
  }
  *out += "]";
}

// The seed as written: a negative seed prints as the int64 it was (torch.manual_seed(-1)).
std::string SeedText(const CodeSpec& code) {
  return code.seed_negative ? std::to_string(static_cast<int64_t>(code.seed))
                            : std::to_string(code.seed);
}

bool Draws(ValueSource source) {
  return source == ValueSource::kTorchRandn || source == ValueSource::kSmallIntegers;
}

}  // namespace

std::string TensorLiteralPython(const Tensor& tensor, size_t column) {
  const std::string head = "torch.tensor(";
  std::string body;
  size_t index = 0;
  Nested(tensor, 0, &index, column + head.size(), &body);
  return head + body + ")";
}

std::string PythonCode(const CodeSpec& code) {
  const Conv1dSpec& spec = code.spec;
  const bool randn = code.values == ValueSource::kTorchRandn;
  // Which tensors the source makes as separate expressions (randn's weight and bias come
  // from nn.Conv1d's own initialisation instead).
  const bool weight_expression = code.has_conv && !randn;
  const bool bias_expression = code.has_conv && !randn && spec.bias;
  const bool weight_copied = code.has_conv && (weight_expression || code.weight);
  const bool bias_copied = code.has_conv && spec.bias && (bias_expression || code.bias);

  std::ostringstream py;
  py << "import torch\nimport torch.nn as nn\n\n";
  const bool init_used = !code.weight || (spec.bias && !code.bias);
  const bool drawing =
      Draws(code.values) && (code.input_drawn || (code.has_conv && (!randn || init_used)));
  if (drawing && code.sentences.empty()) py << "torch.manual_seed(" << SeedText(code) << ")\n";
  const Shape& shape = code.input ? code.input->shape : code.input_shape;
  if (code.input_drawn)
    py << "x = " << ValueSourcePython(code.values, TensorRole::kInput, spec, code.input_shape)
       << "\n";
  if (weight_expression)
    py << "weight = " << ValueSourcePython(code.values, TensorRole::kWeight, spec, shape) << "\n";
  if (bias_expression)
    py << "bias = " << ValueSourcePython(code.values, TensorRole::kBias, spec, shape) << "\n";
  if (!code.sentences.empty()) {
    py << SentencesPython(code.sentences, spec.in_channels, code.seed, code.seed_negative);
    if (code.has_conv && randn && init_used) py << "torch.manual_seed(" << SeedText(code) << ")\n";
  } else if (code.input) {
    py << "x = " << TensorLiteralPython(*code.input, 4)
       << (code.input_drawn ? "  # the values typed or loaded in ConvStep\n" : "\n");
  }
  py << "print(x.shape)  # " << FormatTorchSize(shape) << "\n";
  const bool batched = shape.size() == 3;
  if (code.layout == InputLayout::kNLC) {
    py << "# PyTorch's Conv1d is channels-first (a convention: Keras' Conv1D takes [N, L, C]).\n"
          "# permute returns a view with swapped strides; x.contiguous() would copy.\n";
    py << (batched ? "x = x.permute(0, 2, 1)  # [N, L, C] -> [N, C, L]\n"
                   : "x = x.permute(1, 0)  # [L, C] -> [C, L]\n");
    Shape permuted = shape;
    if (permuted.size() >= 2)
      std::swap(permuted[permuted.size() - 1], permuted[permuted.size() - 2]);
    py << "print(x.shape)  # " << FormatTorchSize(permuted) << "\n";
  }
  if (!code.has_conv) {
    py << "print(x)\n";
    return py.str();
  }
  if (code.weight) py << "weight = " << TensorLiteralPython(*code.weight, 9) << "\n";
  if (code.bias && spec.bias) py << "bias = " << TensorLiteralPython(*code.bias, 7) << "\n";
  py << "conv = " << SpecPython(spec) << "\n";
  if (weight_copied || bias_copied) {
    py << "with torch.no_grad():\n";
    if (weight_copied) py << "    conv.weight.copy_(weight)\n";
    if (bias_copied) py << "    conv.bias.copy_(bias)\n";
  }
  py << "print(conv.weight.shape)  # "
     << FormatTorchSize({spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size})
     << "\n";
  Shape conv_input = shape;
  if (code.layout == InputLayout::kNLC && conv_input.size() >= 2)
    std::swap(conv_input[conv_input.size() - 1], conv_input[conv_input.size() - 2]);
  if (conv_input.size() == 2 && spec.padding_mode == PaddingMode::kCircular) {
    // PyTorch 1.13 refuses unbatched input with circular padding ("Invalid padding size,
    // expected 0 but got 2"), a bug later versions fixed; ConvStep computes it as a batch of one.
    py << "# PyTorch 1.13's circular padding needs a batch axis: add one and take it off again\n";
    py << "y = conv(x.unsqueeze(0)).squeeze(0)\nprint(y)\nprint(y.shape)";
  } else {
    py << "y = conv(x)\nprint(y)\nprint(y.shape)";
  }
  if (auto geometry = Validate(spec, conv_input))
    py << "  # " << FormatTorchSize(geometry->OutputShape());
  py << "\n";
  return py.str();
}

}  // namespace convstep
