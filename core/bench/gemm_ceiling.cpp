// The GEMM ceiling: per batch item and group, weight [O/groups, C/groups * k] times an
// im2col matrix [C/groups * k, L_out] that is already formed (its cost is not counted),
// into an output of the real size, with Eigen's GEMM as the old engine used it. This is
// what a GEMM-based engine could reach at best; the fast path is a direct convolution
// and may pass it.
#include "gemm_ceiling.h"

#include <Eigen/Core>
#include <vector>

namespace convstep_bench {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using StridedMap = Eigen::Map<RowMajor, 0, Eigen::OuterStride<>>;

struct GemmCeiling::Operands {
  int64_t batch, groups, rows, columns;
  std::vector<RowMajor> weights, im2col;
  std::vector<float> out;
};

GemmCeiling::GemmCeiling(int64_t batch, int64_t groups, int64_t rows, int64_t inner,
                         int64_t columns)
    : operands_(new Operands{batch, groups, rows, columns, {}, {}, {}}) {
  for (int64_t group = 0; group < groups; ++group) {
    operands_->weights.push_back(RowMajor::Random(rows, inner));
    operands_->im2col.push_back(RowMajor::Random(inner, columns));
  }
  operands_->out.assign(static_cast<size_t>(batch * groups * rows * columns), 0.f);
}

GemmCeiling::~GemmCeiling() {
  delete operands_;
}

float GemmCeiling::Run() {
  Operands& o = *operands_;
  for (int64_t n = 0; n < o.batch; ++n) {
    for (int64_t group = 0; group < o.groups; ++group) {
      float* y = o.out.data() + (n * o.groups + group) * o.rows * o.columns;
      StridedMap result(y, o.rows, o.columns, Eigen::OuterStride<>(o.columns));
      result.noalias() = o.weights[group] * o.im2col[group];
    }
  }
  return o.out[0];
}

}  // namespace convstep_bench
