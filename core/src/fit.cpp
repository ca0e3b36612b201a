// FitWeights: least squares per output channel over the windows of the input.
#include "convstep/fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "convstep/forward.h"
#include "convstep/problem.h"

namespace convstep {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;

Result<bool> CheckFinite(const Tensor& tensor, const char* name) {
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    if (std::isfinite(tensor.data[i])) continue;
    return MakeError(Message{"fit_not_finite",
                             "{0} holds {1} at flat index {2}",
                             {name, std::to_string(tensor.data[i]), std::to_string(i)}},
                     name,
                     Hint{"fit_not_finite",
                          "weights can only be fitted to finite numbers: replace NaN and "
                          "infinity by the values printed",
                          {}});
  }
  return true;
}

// The checks before any matrix is made: layer and input, output shape, finite values, enough
// windows, memory.
Result<Geometry> CheckFit(const Conv1dSpec& spec, const Tensor& input, const Tensor& output,
                          const Limits& limits) {
  Result<Geometry> geometry = Validate(spec, input.shape, limits);
  if (!geometry) return geometry.error();
  const Geometry& g = *geometry;
  if (output.shape != g.OutputShape()) {
    return MakeError(Message{"fit_output_shape",
                             "the output has shape {0}, but {1} on input {2} gives {3}",
                             {FormatShape(output.shape), SpecPython(spec), FormatShape(input.shape),
                              FormatShape(g.OutputShape())}},
                     "output",
                     Hint{"fit_output_shape",
                          "give the output this layer printed for this input, of shape {0}",
                          {FormatShape(g.OutputShape())}});
  }
  if (auto finite = CheckFinite(input, "input"); !finite) return finite.error();
  if (auto finite = CheckFinite(output, "output"); !finite) return finite.error();
  const int64_t equations = g.batch * g.out_length;
  const int64_t unknowns = g.taps + (g.has_bias ? 1 : 0);
  if (equations < unknowns) {
    return MakeError(
        Message{"fit_underdetermined",
                "{0} windows (N * L_out) cannot determine {1} unknowns per output channel",
                {std::to_string(equations), std::to_string(unknowns)}},
        "input",
        Hint{"fit_underdetermined",
             "give at least {0} windows: more batch items or a longer input and output",
             {std::to_string(unknowns)}});
  }
  // The window matrix of one group and the right-hand sides, in doubles.
  int64_t doubles = 0;
  const bool overflow = __builtin_mul_overflow(equations, unknowns + g.out_per_group, &doubles);
  if (overflow || doubles > limits.max_bytes / 8) {
    return MakeError(OverBudgetText(Message{"budget_fit", "the fit's window matrix", {}},
                                    overflow ? int64_t{-1} : doubles * 2, limits),
                     "input",
                     Hint{"over_budget",
                          "use a smaller batch, fewer channels or a shorter input, or raise the "
                          "memory budget (View → Memory budget in the app, --max-memory MiB on "
                          "the command line)",
                          {}});
  }
  return geometry;
}

// Row (n, t), column (c, k) of group `group`: the input under tap k of window t, as the
// forward pass reads it (zero, real or ghost cell); the last column is 1 for the bias.
Matrix WindowMatrix(const Tensor& input, const Geometry& g, int64_t group) {
  const int64_t columns = g.taps + (g.has_bias ? 1 : 0);
  Matrix windows(g.batch * g.out_length, columns);
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t t = 0; t < g.out_length; ++t) {
      const int64_t row = n * g.out_length + t;
      for (int64_t c = 0; c < g.in_per_group; ++c) {
        const int64_t channel = group * g.in_per_group + c;
        for (int64_t k = 0; k < g.kernel_size; ++k) {
          const PaddedCell cell = SourceOf(g, g.TapPosition(t, k));
          const size_t at =
              static_cast<size_t>((n * g.in_channels + channel) * g.length + cell.source);
          windows(row, c * g.kernel_size + k) =
              cell.kind == CellKind::kZeroPad ? 0.0 : static_cast<double>(input.data[at]);
        }
      }
      if (g.has_bias) windows(row, g.taps) = 1.0;
    }
  }
  return windows;
}

// The outputs of the group's channels as columns, rows in the window matrix's order.
Matrix OutputColumns(const Tensor& output, const Geometry& g, int64_t group) {
  Matrix columns(g.batch * g.out_length, g.out_per_group);
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t j = 0; j < g.out_per_group; ++j) {
      const int64_t o = group * g.out_per_group + j;
      for (int64_t t = 0; t < g.out_length; ++t) {
        columns(n * g.out_length + t, j) =
            output.data[static_cast<size_t>((n * g.out_channels + o) * g.out_length + t)];
      }
    }
  }
  return columns;
}

double ConditionNumber(const Matrix& windows) {
  const Eigen::VectorXd singular = Eigen::BDCSVD<Matrix>(windows).singularValues();
  const double smallest = singular(singular.size() - 1);
  return smallest > 0.0 ? singular(0) / smallest : INFINITY;
}

Error RankError(int64_t rank, int64_t unknowns) {
  return MakeError(
      Message{"fit_rank",
              "the windows determine only {0} of the {1} unknowns per output channel (the "
              "window matrix has rank {0})",
              {std::to_string(rank), std::to_string(unknowns)}},
      "input",
      Hint{"fit_rank",
           "many kernels give this output; use an input whose windows differ more (not "
           "constant, not repeating), or more of them",
           {}});
}

// Fills the residuals of `fit` by running the fitted float32 weights through the reference
// forward pass.
void MeasureResiduals(const Conv1dSpec& spec, const Tensor& input, const Tensor& output,
                      const Geometry& g, WeightFit& fit) {
  const Conv1dProblem problem{spec, input, fit.weight, fit.bias};
  const Tensor computed = ForwardReference(problem, g);
  double sum_squares = 0.0;
  for (size_t i = 0; i < computed.data.size(); ++i) {
    const double difference =
        std::fabs(static_cast<double>(computed.data[i]) - static_cast<double>(output.data[i]));
    fit.max_residual = std::max(fit.max_residual, difference);
    sum_squares += difference * difference;
  }
  if (!computed.data.empty()) {
    fit.rms_residual = std::sqrt(sum_squares / static_cast<double>(computed.data.size()));
  }
}

}  // namespace

Result<WeightFit> FitWeights(const Conv1dSpec& spec, const Tensor& input, const Tensor& output,
                             const Limits& limits) {
  Result<Geometry> checked = CheckFit(spec, input, output, limits);
  if (!checked) return checked.error();
  const Geometry& g = *checked;
  WeightFit fit;
  fit.equations = g.batch * g.out_length;
  fit.unknowns = g.taps + (g.has_bias ? 1 : 0);
  fit.square = fit.equations == fit.unknowns;
  fit.weight = Tensor::Zeros(g.WeightShape());
  if (g.has_bias) fit.bias = Tensor::Zeros({g.out_channels});
  for (int64_t group = 0; group < g.groups; ++group) {
    const Matrix windows = WindowMatrix(input, g, group);
    const Eigen::ColPivHouseholderQR<Matrix> qr(windows);
    if (qr.rank() < fit.unknowns) return RankError(qr.rank(), fit.unknowns);
    fit.condition_number = std::max(fit.condition_number, ConditionNumber(windows));
    const Matrix solution = qr.solve(OutputColumns(output, g, group));
    for (int64_t j = 0; j < g.out_per_group; ++j) {
      const int64_t o = group * g.out_per_group + j;
      for (int64_t tap = 0; tap < g.taps; ++tap) {
        fit.weight.data[static_cast<size_t>(o * g.taps + tap)] =
            static_cast<float>(solution(tap, j));
      }
      if (g.has_bias)
        fit.bias.data[static_cast<size_t>(o)] = static_cast<float>(solution(g.taps, j));
    }
  }
  MeasureResiduals(spec, input, output, g, fit);
  return fit;
}

}  // namespace convstep
