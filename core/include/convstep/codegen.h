// The equivalent PyTorch program of a ConvStep session, in the style of the seed document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "convstep/spec.h"
#include "convstep/tensor.h"
#include "convstep/values.h"

namespace convstep {

/// Where a session's tensors came from. Tensors are made in the order input, weight, bias
/// right after torch.manual_seed(seed) (see values.h); a literal replaces what the source made.
struct CodeSpec {
  bool has_conv = true;
  Conv1dSpec spec;
  InputLayout layout = InputLayout::kNCL;
  ValueSource values = ValueSource::kTorchRandn;
  uint64_t seed = 0;             ///< torch.manual_seed value as torch keeps it (-1 is 2^64-1)
  bool seed_negative = false;    ///< print the seed as the negative int64 it was written as
  Shape input_shape;             ///< in `layout` order
  bool input_drawn = true;       ///< the source made the input (false: it was given as values)
  std::optional<Tensor> input;   ///< literal values (typed, pasted or loaded), in `layout` order
  std::optional<Tensor> weight;  ///< literal weight
  std::optional<Tensor> bias;    ///< literal bias
  std::vector<std::string> sentences;  ///< text input: x is built from these (sentences.h)
};

/// Runnable Python (torch 1.13) that rebuilds the same tensors, permutes [N, L, C] input,
/// builds nn.Conv1d with every non-default argument, runs it and prints the shapes and y.
/// Unbatched input with padding_mode='circular', which PyTorch 1.13 refuses, runs as
/// conv(x.unsqueeze(0)).squeeze(0), with a comment saying why.
/// Running it with real PyTorch prints the numbers ConvStep shows (to float rounding).
std::string PythonCode(const CodeSpec& code);

/// A tensor as a Python literal, torch.tensor([...]), each value written so that it reads
/// back to the same float32 (shortest form where that is exact). `column` is where the
/// literal starts on its line, so continuation lines align under their brackets.
std::string TensorLiteralPython(const Tensor& tensor, size_t column = 0);

}  // namespace convstep
