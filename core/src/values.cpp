#include "convstep/values.h"

#include <limits>
#include <new>
#include <string>

namespace convstep {
namespace {

std::string S(int64_t value) {
  return std::to_string(value);
}

// "6, 5, 3": sizes as arguments of torch.randn / torch.empty; "()" for a 0-d shape.
std::string SizeArgs(const Shape& shape) {
  if (shape.empty()) return "()";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + S(shape[i]);
  return text;
}

// "(6, 5, 3)", "(8,)", "()": a shape as a Python tuple.
std::string ShapeTuple(const Shape& shape) {
  if (shape.size() == 1) return "(" + S(shape[0]) + ",)";
  return shape.empty() ? "()" : "(" + SizeArgs(shape) + ")";
}

Shape WeightShape(const Conv1dSpec& spec) {
  return {spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size};
}

// Refuses shapes torch.empty would refuse and shapes whose element count overflows.
Result<int64_t> CheckedNumel(const Shape& shape, const std::string& parameter) {
  for (int64_t size : shape) {
    if (size < 0)
      return MakeError(
          "Trying to create tensor with negative dimension " + S(size) + ": " + FormatShape(shape),
          parameter, Hint{"size_not_negative", "every size must be 0 or more", {}});
  }
  const int64_t numel = ShapeNumel(shape);
  if (numel < 0)
    return MakeError(Message{"shape_overflow",
                             "the shape {0} has more elements than fit in int64",
                             {FormatShape(shape)}},
                     parameter, Hint{"smaller_sizes", "use smaller sizes", {}});
  return numel;
}

Error OverBudget(int64_t elements, const Limits& limits) {
  return MakeError(
      OverBudgetText(Message{"budget_generated", "the generated tensors", {}}, elements, limits),
      "input_shape",
      Hint{"over_budget",
           "use a smaller batch, fewer channels or a shorter input, or raise the "
           "memory budget (View → Memory budget in the app, --max-memory MiB on the "
           "command line)",
           {}});
}

// Fills one tensor of a non-randn source; `generator` is used by kSmallIntegers only.
Tensor MakeFilled(const Shape& shape, ValueSource source, TorchGenerator& generator) {
  if (source == ValueSource::kSmallIntegers) return generator.randint(-3, 4, shape).value();
  Tensor tensor = Tensor::Zeros(shape);
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    if (source == ValueSource::kArange) tensor.data[i] = static_cast<float>(i);
    if (source == ValueSource::kOnes) tensor.data[i] = 1.0f;
  }
  return tensor;
}

// The expression that creates a tensor of `shape` for a source other than randn.
std::string FilledPython(ValueSource source, const Shape& shape) {
  switch (source) {
    case ValueSource::kArange: {
      const int64_t numel = ShapeNumel(shape);
      const std::string count = "torch.arange(" + S(numel < 0 ? 0 : numel) + ".0)";
      return shape.size() == 1 ? count : count + ".reshape(" + SizeArgs(shape) + ")";
    }
    case ValueSource::kSmallIntegers:
      return "torch.randint(-3, 4, " + ShapeTuple(shape) + ").float()";
    case ValueSource::kOnes:
      return "torch.ones(" + SizeArgs(shape) + ")";
    case ValueSource::kZeros:
      return "torch.zeros(" + SizeArgs(shape) + ")";
    case ValueSource::kTorchRandn:
      return "torch.randn(" + SizeArgs(shape) + ")";
  }
  return "";
}

}  // namespace

const char* ValueSourceName(ValueSource source) {
  switch (source) {
    case ValueSource::kTorchRandn:
      return "randn";
    case ValueSource::kArange:
      return "arange";
    case ValueSource::kSmallIntegers:
      return "small_integers";
    case ValueSource::kOnes:
      return "ones";
    case ValueSource::kZeros:
      return "zeros";
  }
  return "randn";
}

bool ParseValueSource(const std::string& name, ValueSource* out) {
  for (ValueSource source :
       {ValueSource::kTorchRandn, ValueSource::kArange, ValueSource::kSmallIntegers,
        ValueSource::kOnes, ValueSource::kZeros}) {
    if (name == ValueSourceName(source)) {
      *out = source;
      return true;
    }
  }
  return false;
}

namespace {

Result<Tensor> GenerateInputUnguarded(const Shape& input_shape, ValueSource source, uint64_t seed,
                                      const Limits& limits, TorchCpuKernels kernels) {
  auto numel = CheckedNumel(input_shape, "input_shape");
  if (!numel) return numel.error();
  if (*numel > limits.max_bytes / 4) return OverBudget(*numel, limits);
  TorchGenerator generator(seed, kernels);
  generator.set_limits(limits);
  if (source == ValueSource::kTorchRandn) return generator.randn(input_shape);
  return MakeFilled(input_shape, source, generator);
}

Result<GeneratedTensors> GenerateTensorsUnguarded(const Conv1dSpec& spec, const Shape& input_shape,
                                                  ValueSource source, uint64_t seed,
                                                  const Limits& limits, TorchCpuKernels kernels) {
  if (auto built = ValidateSpec(spec); !built) return built.error();
  auto input_numel = CheckedNumel(input_shape, "input_shape");
  if (!input_numel) return input_numel.error();
  auto weight_numel = CheckedNumel(WeightShape(spec), "out_channels");
  if (!weight_numel) return weight_numel.error();
  int64_t total = *input_numel;  // floats, saturating instead of overflowing
  for (int64_t part : {*weight_numel, spec.bias ? spec.out_channels : int64_t{0}})
    total = part > std::numeric_limits<int64_t>::max() - total ? std::numeric_limits<int64_t>::max()
                                                               : total + part;
  if (total > limits.max_bytes / 4) return OverBudget(total, limits);
  TorchGenerator generator(seed, kernels);
  generator.set_limits(limits);
  GeneratedTensors out;
  if (source == ValueSource::kTorchRandn) {
    out.input = generator.randn(input_shape).value();
    auto init = generator.conv1d_default_init(spec);
    if (!init) return init.error();
    out.weight = std::move(init.value().weight);
    out.bias = std::move(init.value().bias);
    return out;
  }
  out.input = MakeFilled(input_shape, source, generator);
  out.weight = MakeFilled(WeightShape(spec), source, generator);
  if (spec.bias) out.bias = MakeFilled({spec.out_channels}, source, generator);
  return out;
}

}  // namespace

Result<Tensor> GenerateInput(const Shape& input_shape, ValueSource source, uint64_t seed,
                             const Limits& limits, TorchCpuKernels kernels) {
  try {
    return GenerateInputUnguarded(input_shape, source, seed, limits, kernels);
  } catch (const std::bad_alloc&) {
    return OutOfMemoryError(Message{"budget_generated", "the generated tensors", {}}, limits);
  }
}

Result<GeneratedTensors> GenerateTensors(const Conv1dSpec& spec, const Shape& input_shape,
                                         InputLayout layout, ValueSource source, uint64_t seed,
                                         const Limits& limits, TorchCpuKernels kernels) {
  (void)layout;  // the input is created in the order it is given; permuting is the caller's
  try {
    return GenerateTensorsUnguarded(spec, input_shape, source, seed, limits, kernels);
  } catch (const std::bad_alloc&) {
    return OutOfMemoryError(Message{"budget_generated", "the generated tensors", {}}, limits);
  }
}

std::string ValueSourcePython(ValueSource source, TensorRole role, const Conv1dSpec& spec,
                              const Shape& input_shape) {
  if (role == TensorRole::kInput) return FilledPython(source, input_shape);
  if (role == TensorRole::kBias && !spec.bias) return "None";
  const Shape shape = role == TensorRole::kWeight ? WeightShape(spec) : Shape{spec.out_channels};
  if (source != ValueSource::kTorchRandn) return FilledPython(source, shape);
  if (role == TensorRole::kWeight)
    return "nn.init.kaiming_uniform_(torch.empty(" + SizeArgs(shape) + "), a=math.sqrt(5))";
  const std::string fan_in = S(Conv1dFanIn(spec));
  return "nn.init.uniform_(torch.empty(" + SizeArgs(shape) + "), -1 / math.sqrt(" + fan_in +
         "), 1 / math.sqrt(" + fan_in + "))";
}

std::string ValuesPython(const Conv1dSpec& spec, const Shape& input_shape, ValueSource source,
                         uint64_t seed) {
  std::string text = "import torch\nimport torch.nn as nn\n\n";
  if (source == ValueSource::kTorchRandn || source == ValueSource::kSmallIntegers)
    text += "torch.manual_seed(" + std::to_string(seed) + ")\n";
  text += "x = " + ValueSourcePython(source, TensorRole::kInput, spec, input_shape) + "\n";
  if (source == ValueSource::kTorchRandn) return text + "conv = " + SpecPython(spec) + "\n";
  text += "weight = " + ValueSourcePython(source, TensorRole::kWeight, spec, input_shape) + "\n";
  if (spec.bias)
    text += "bias = " + ValueSourcePython(source, TensorRole::kBias, spec, input_shape) + "\n";
  text += "conv = " + SpecPython(spec) + "\n";
  text += "with torch.no_grad():\n    conv.weight.copy_(weight)\n";
  if (spec.bias) text += "    conv.bias.copy_(bias)\n";
  return text;
}

}  // namespace convstep
