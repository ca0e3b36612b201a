// The reference forward pass and the padded input; ForwardFast is in forward_fast.cpp.
#include "convstep/forward.h"

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

}  // namespace

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

}  // namespace convstep
