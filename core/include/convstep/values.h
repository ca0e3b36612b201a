// Value sources: where the numbers of a problem come from (the app's "values from" choice).
#pragma once

#include <cstdint>
#include <string>

#include "convstep/geometry.h"
#include "convstep/problem.h"
#include "convstep/result.h"
#include "convstep/tensor.h"
#include "convstep/torch_random.h"

namespace convstep {

/// Where tensor values come from. Every source is short Python (ValuesPython prints it); each
/// tensor is created in the order input, weight, bias, right after torch.manual_seed(seed):
///  - kTorchRandn:    x = torch.randn(*input_shape); conv = nn.Conv1d(...) keeps its default
///                    init (kaiming_uniform_(a=sqrt(5)) weight, then the uniform bias), drawn
///                    after the input, exactly as that Python does (see torch_random.h).
///  - kArange:        every tensor counts 0, 1, 2, ... in row-major order, so a value IS its
///                    flat index: torch.arange(n.0).reshape(shape) for the input, the weight
///                    and the bias alike (bias[o] = o). The seed is not used.
///  - kSmallIntegers: torch.randint(-3, 4, shape).float() for the input, then the weight,
///                    then the bias, all drawn BEFORE nn.Conv1d(...) is built (its own init
///                    draws come after and are overwritten with conv.weight.copy_(weight)).
///  - kOnes / kZeros: torch.ones(shape) / torch.zeros(shape) for every tensor.
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
/// The input shape is not checked against the spec (Validate does that after any permute);
/// `layout` does not change the numbers: the input is created in the order it is given.
/// `limits` bounds input + weight + bias (4 bytes each); `kernels` picks torch's CPU build.
Result<GeneratedTensors> GenerateTensors(const Conv1dSpec& spec, const Shape& input_shape,
                                         InputLayout layout, ValueSource source, uint64_t seed,
                                         const Limits& limits = Limits{},
                                         TorchCpuKernels kernels = TorchCpuKernels::kAvx2);

/// The input alone, as the first line after torch.manual_seed(seed) creates it (for a spec
/// without a layer). Errors for negative, overflowing or over-budget shapes.
Result<Tensor> GenerateInput(const Shape& input_shape, ValueSource source, uint64_t seed,
                             const Limits& limits = Limits{},
                             TorchCpuKernels kernels = TorchCpuKernels::kAvx2);

/// Which tensor of a generated problem.
enum class TensorRole { kInput, kWeight, kBias };

/// The Python expression that creates one tensor, e.g. "torch.randn(6, 5, 3)",
/// "nn.init.kaiming_uniform_(torch.empty(8, 3, 2), a=math.sqrt(5))",
/// "torch.randint(-3, 4, (8,)).float()". Evaluated in the order input, weight, bias right
/// after torch.manual_seed(seed) (with math, torch and torch.nn as nn imported), they give
/// GenerateTensors' numbers. "None" for the bias of a layer with bias=False.
std::string ValueSourcePython(ValueSource source, TensorRole role, const Conv1dSpec& spec,
                              const Shape& input_shape);

/// A complete Python program that builds x and conv with GenerateTensors' numbers: the
/// imports, torch.manual_seed (for the sources that draw), x = ..., conv = nn.Conv1d(...)
/// and, for sources other than randn, conv.weight.copy_(...) / conv.bias.copy_(...).
/// Ends with a newline; it does not permute or run the layer.
std::string ValuesPython(const Conv1dSpec& spec, const Shape& input_shape, ValueSource source,
                         uint64_t seed);

}  // namespace convstep
