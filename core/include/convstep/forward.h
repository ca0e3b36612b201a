// The two forward passes. Both assume a Geometry from ValidateProblem.
#pragma once

#include "convstep/geometry.h"
#include "convstep/problem.h"
#include "convstep/tensor.h"

namespace convstep {

/// Plain loops in PyTorch's order (n, out channel, t, then taps over (c, k)), accumulating
/// in float exactly as the Walkthrough does; the bias is added after the last tap.
/// This is the truth the tests compare everything else with.
Tensor ForwardReference(const Conv1dProblem& problem, const Geometry& geometry);

/// Fast path: pads once, then per batch item and group forms im2col in column blocks and
/// multiplies with Eigen (GEMM). Same result as ForwardReference up to float rounding.
Tensor ForwardFast(const Conv1dProblem& problem, const Geometry& geometry);

/// The padded input [N, C, padded_length] (zeros, or copies for the other modes).
Tensor PadInput(const Conv1dProblem& problem, const Geometry& geometry);

}  // namespace convstep
