#include "convstep/forward.h"

#include <Eigen/Core>
#include <algorithm>
#include <vector>

namespace convstep {
namespace {

// Input index feeding each padded position, or -1 for a zero.
std::vector<int64_t> SourceTable(const Geometry& g) {
  std::vector<int64_t> table(static_cast<size_t>(g.padded_length));
  for (int64_t p = 0; p < g.padded_length; ++p) {
    const PaddedCell cell = SourceOf(g, p);
    table[static_cast<size_t>(p)] = cell.kind == CellKind::kZeroPad ? -1 : cell.source;
  }
  return table;
}

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMatrixMap = Eigen::Map<const RowMajor>;
using StridedMap = Eigen::Map<RowMajor, 0, Eigen::OuterStride<>>;

// Columns of one im2col block: bounds its memory to about 4 MiB whatever the input size.
int64_t BlockColumns(int64_t rows) {
  const int64_t budget = int64_t{1} << 20;  // floats
  return std::max<int64_t>(16, budget / std::max<int64_t>(rows, 1));
}

}  // namespace

Tensor PadInput(const Conv1dProblem& problem, const Geometry& g) {
  Tensor padded = Tensor::Zeros({g.batch, g.in_channels, g.padded_length});
  const std::vector<int64_t> table = SourceTable(g);
  const float* in = problem.input.data.data();
  for (int64_t row = 0; row < g.batch * g.in_channels; ++row) {
    const float* src = in + row * g.length;
    float* dst = padded.data.data() + row * g.padded_length;
    for (int64_t p = 0; p < g.padded_length; ++p) {
      const int64_t l = table[static_cast<size_t>(p)];
      dst[p] = l < 0 ? 0.f : src[l];
    }
  }
  return padded;
}

Tensor ForwardReference(const Conv1dProblem& problem, const Geometry& g) {
  Tensor out = Tensor::Zeros(g.OutputShape());
  const std::vector<int64_t> table = SourceTable(g);
  const float* in = problem.input.data.data();
  const float* weight = problem.weight.data.data();
  float* y = out.data.data();
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t o = 0; o < g.out_channels; ++o) {
      const int64_t first_channel = g.GroupOfOut(o) * g.in_per_group;
      for (int64_t t = 0; t < g.out_length; ++t) {
        float sum = 0.f;
        for (int64_t ci = 0; ci < g.in_per_group; ++ci) {
          const float* row = in + (n * g.in_channels + first_channel + ci) * g.length;
          const float* w = weight + (o * g.in_per_group + ci) * g.kernel_size;
          for (int64_t k = 0; k < g.kernel_size; ++k) {
            const int64_t l = table[static_cast<size_t>(g.TapPosition(t, k))];
            const float x = l < 0 ? 0.f : row[l];
            const float product = x * w[k];
            sum += product;
          }
        }
        if (g.has_bias) sum += problem.bias.data[static_cast<size_t>(o)];
        *y++ = sum;
      }
    }
  }
  return out;
}

Tensor ForwardFast(const Conv1dProblem& problem, const Geometry& g) {
  Tensor out = Tensor::Zeros(g.OutputShape());
  if (g.OutputCount() == 0) return out;
  const Tensor padded = PadInput(problem, g);
  const int64_t rows = g.taps;  // im2col rows: (c in group, k)
  const int64_t block = std::min(BlockColumns(rows), g.out_length);
  std::vector<float> columns(static_cast<size_t>(rows * block));
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t group = 0; group < g.groups; ++group) {
      const ConstMatrixMap weight(problem.weight.data.data() + group * g.out_per_group * rows,
                                  g.out_per_group, rows);
      for (int64_t t0 = 0; t0 < g.out_length; t0 += block) {
        const int64_t width = std::min(block, g.out_length - t0);
        for (int64_t ci = 0; ci < g.in_per_group; ++ci) {
          const float* src =
              padded.data.data() + (n * g.in_channels + group * g.in_per_group + ci) * g.padded_length;
          for (int64_t k = 0; k < g.kernel_size; ++k) {
            float* dst = columns.data() + (ci * g.kernel_size + k) * width;
            const float* base = src + k * g.dilation + t0 * g.stride;
            if (g.stride == 1) {
              std::copy(base, base + width, dst);
            } else {
              for (int64_t t = 0; t < width; ++t) dst[t] = base[t * g.stride];
            }
          }
        }
        const ConstMatrixMap cols(columns.data(), rows, width);
        float* y = out.data.data() +
                   (n * g.out_channels + group * g.out_per_group) * g.out_length + t0;
        StridedMap result(y, g.out_per_group, width, Eigen::OuterStride<>(g.out_length));
        result.noalias() = weight * cols;
      }
    }
  }
  if (g.has_bias) {
    for (int64_t n = 0; n < g.batch; ++n) {
      for (int64_t o = 0; o < g.out_channels; ++o) {
        float* y = out.data.data() + (n * g.out_channels + o) * g.out_length;
        const float b = problem.bias.data[static_cast<size_t>(o)];
        for (int64_t t = 0; t < g.out_length; ++t) y[t] += b;
      }
    }
  }
  return out;
}

}  // namespace convstep
