// Conv1dProblem: a layer plus the tensors it runs on.
#pragma once

#include "convstep/geometry.h"
#include "convstep/result.h"
#include "convstep/spec.h"
#include "convstep/tensor.h"

namespace convstep {

/// One convolution to compute: the layer's arguments and its tensors, input in [N, C, L]
/// (or unbatched [C, L]) order, i.e. after any permute from [N, L, C].
struct Conv1dProblem {
  Conv1dSpec spec;
  Tensor input;   ///< [N, C, L] or [C, L]
  Tensor weight;  ///< [out_channels, in_channels / groups, kernel_size]
  Tensor bias;    ///< [out_channels] when spec.bias, else empty (no shape)
};

/// Validate(spec, input.shape) plus checks that weight and bias have the shapes nn.Conv1d
/// would create and that every tensor holds as many values as its shape says.
Result<Geometry> ValidateProblem(const Conv1dProblem& problem, const Limits& limits = Limits{});

}  // namespace convstep
