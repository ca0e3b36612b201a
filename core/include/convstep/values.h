// Value sources: where the numbers of a problem come from (the app's "values from" choice).
#pragma once

#include <cstdint>
#include <string>

#include "convstep/problem.h"
#include "convstep/result.h"
#include "convstep/tensor.h"

namespace convstep {

/// Where tensor values come from.
enum class ValueSource {
  kTorchRandn,     ///< torch.manual_seed(seed); torch.randn(input); nn.Conv1d's default init
  kArange,         ///< 0, 1, 2, ... in order: easy to follow by hand
  kSmallIntegers,  ///< integers in [-3, 3] drawn from the seed: easy mental arithmetic
  kOnes,           ///< all ones
  kZeros,          ///< all zeros
};

/// "randn", "arange", "small_integers", "ones", "zeros".
const char* ValueSourceName(ValueSource source);
/// Parses a ValueSource name; false when unknown.
bool ParseValueSource(const std::string& name, ValueSource* out);

/// The tensors of one generated problem.
struct GeneratedTensors {
  Tensor input;   ///< in the layout it was asked for (as the Python code creates it)
  Tensor weight;  ///< [out, in/groups, k]
  Tensor bias;    ///< [out] when spec.bias, else empty
};

/// Generates the input of `input_shape` (in `layout` order), then the weight and bias, in the
/// order the equivalent Python does (input first, then nn.Conv1d's construction).
/// Errors for specs nn.Conv1d cannot build or shapes over the memory budget.
Result<GeneratedTensors> GenerateTensors(const Conv1dSpec& spec, const Shape& input_shape,
                                         InputLayout layout, ValueSource source, uint64_t seed);

}  // namespace convstep
