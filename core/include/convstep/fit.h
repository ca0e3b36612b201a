// Fitting a layer's weights to an input and the output it produced. A Conv1d is linear in its
// weights: every output position of one output channel is one equation (its window's inputs
// times the kernel, plus the bias), so enough windows determine the kernel by least squares.
// This is how ConvStep recovers the kernel of the seed document, which printed its input and
// output but not its weights.
#pragma once

#include <cstdint>

#include "convstep/geometry.h"
#include "convstep/result.h"
#include "convstep/spec.h"
#include "convstep/tensor.h"

namespace convstep {

/// The weights (and bias) that best reproduce an output, and how well they do.
struct WeightFit {
  Tensor weight;  ///< [out_channels, in_channels / groups, kernel_size]
  Tensor bias;    ///< [out_channels] when the layer has a bias, else empty
  /// Equations per output channel: the windows, N * L_out.
  int64_t equations = 0;
  /// Unknowns per output channel: (in_channels / groups) * kernel_size, plus 1 for a bias.
  int64_t unknowns = 0;
  /// True when equations == unknowns: the solution is exact, not a least-squares fit.
  bool square = false;
  /// Largest over the groups of the window matrix's condition number (largest singular
  /// value over smallest): how much rounding in the printed numbers can move the weights.
  double condition_number = 0.0;
  /// Largest |conv(input, weight) - output| over all outputs, with the fitted float32 weights
  /// run through the reference forward pass.
  double max_residual = 0.0;
  /// Root mean square of the same differences.
  double rms_residual = 0.0;
};

/// Solves for the weights (and bias, when spec.bias) that make nn.Conv1d(spec) map `input`
/// ([N, C, L] or [C, L], after any permute) to `output` ([N, O, L_out] or [O, L_out]), one
/// least-squares problem per output channel, by column-pivoting Householder QR in double
/// precision. Errors: an invalid layer or input (PyTorch's message), an output of the wrong
/// shape, a value that is not finite, fewer windows than unknowns, windows that do not
/// determine the kernel (rank-deficient, e.g. a constant input), a window matrix over the
/// memory budget.
Result<WeightFit> FitWeights(const Conv1dSpec& spec, const Tensor& input, const Tensor& output,
                             const Limits& limits = Limits{});

}  // namespace convstep
