// The two forward passes. Both assume a Geometry from ValidateProblem.
#pragma once

#include "convstep/geometry.h"
#include "convstep/kernel_dispatch.h"
#include "convstep/problem.h"
#include "convstep/tensor.h"
#include "convstep/thread_pool.h"

namespace convstep {

/// Plain loops in PyTorch's order (n, out channel, t, then taps over (c, k)), accumulating
/// in float exactly as the Walkthrough does; the bias is added after the last tap.
/// This is the truth the tests compare everything else with.
Tensor ForwardReference(const Conv1dProblem& problem, const Geometry& geometry);

/// How ForwardFast runs: which kernels, and on how many threads.
struct FastOptions {
  Kernel kernel = Kernel::kDefault;  ///< kDefault, or one this CPU cannot run: DefaultKernel()
  ThreadPool* pool = nullptr;        ///< null: the calling thread only
};

/// Fast path: a register-tiled direct convolution (tiles of 4 output channels x 6 packets of
/// output positions with AVX-512, fewer with 16 registers), with kernels for the running CPU
/// picked at run time (kernel_dispatch.h). Taps are added in the reference's order, bias last.
/// Per batch item, group and column block it reads the input in place, or a bounded copy of
/// the padded rows split into stride phases; it forms no im2col matrix, and its extra memory
/// does not grow with N. The portable kernel gives ForwardReference's bits; the AVX2 and
/// AVX-512 kernels fuse each multiply-add (the same result up to float rounding, and the same
/// bits as each other). With a pool, batch items and runs of output channels are spread over its
/// threads; the output is bit-identical for any thread count (no sum is split).
Tensor ForwardFast(const Conv1dProblem& problem, const Geometry& geometry,
                   const FastOptions& options = {});

}  // namespace convstep
