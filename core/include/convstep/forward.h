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

/// Fast path: a register-tiled direct convolution (tiles of 4 output channels x 6 packets of
/// output positions with AVX-512, fewer with 16 registers; fused multiply-adds over the taps
/// in the reference's order, bias last). Per batch item, group and column block it reads the input
/// in place, or a bounded copy of the padded rows split into stride phases; it forms no im2col
/// matrix, and its extra memory does not grow with N. Same result as ForwardReference up to float
/// rounding (FMA).
Tensor ForwardFast(const Conv1dProblem& problem, const Geometry& geometry);

/// The padded input [N, C, padded_length] (zeros, or copies for the other modes).
Tensor PadInput(const Conv1dProblem& problem, const Geometry& geometry);

}  // namespace convstep
