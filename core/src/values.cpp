#include "convstep/values.h"

#include "convstep/geometry.h"

namespace convstep {

const char* ValueSourceName(ValueSource source) {
  switch (source) {
    case ValueSource::kTorchRandn: return "randn";
    case ValueSource::kArange: return "arange";
    case ValueSource::kSmallIntegers: return "small_integers";
    case ValueSource::kOnes: return "ones";
    case ValueSource::kZeros: return "zeros";
  }
  return "randn";
}

bool ParseValueSource(const std::string& name, ValueSource* out) {
  for (ValueSource source : {ValueSource::kTorchRandn, ValueSource::kArange,
                             ValueSource::kSmallIntegers, ValueSource::kOnes, ValueSource::kZeros}) {
    if (name == ValueSourceName(source)) {
      *out = source;
      return true;
    }
  }
  return false;
}

Result<GeneratedTensors> GenerateTensors(const Conv1dSpec& spec, const Shape& input_shape,
                                         InputLayout layout, ValueSource source, uint64_t seed) {
  (void)layout;
  (void)seed;
  if (auto built = ValidateSpec(spec); !built) return built.error();
  if (source == ValueSource::kTorchRandn || source == ValueSource::kSmallIntegers)
    return MakeError("this value source is not available in this build", "values",
                     "choose arange, ones or zeros");
  const float fill = source == ValueSource::kOnes ? 1.f : 0.f;
  GeneratedTensors out;
  out.input = Tensor::Zeros(input_shape);
  out.weight = Tensor::Zeros({spec.out_channels, spec.in_channels / spec.groups, spec.kernel_size});
  if (spec.bias) out.bias = Tensor::Zeros({spec.out_channels});
  for (Tensor* tensor : {&out.input, &out.weight, &out.bias}) {
    for (size_t i = 0; i < tensor->data.size(); ++i)
      tensor->data[i] = source == ValueSource::kArange ? static_cast<float>(i) : fill;
  }
  return out;
}

}  // namespace convstep
