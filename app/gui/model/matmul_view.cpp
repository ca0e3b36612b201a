#include "model/matmul_view.h"

namespace convstep::gui {

UnfoldedRow UnfoldedRowOf(const Geometry& g, int64_t row) {
  return UnfoldedRow{row / g.kernel_size, row % g.kernel_size};
}

int64_t UnfoldedRowOfTap(const Geometry& g, int64_t out_channel, int64_t tap) {
  const int64_t group_first_row = g.GroupOfOut(out_channel) * g.in_per_group * g.kernel_size;
  return group_first_row + tap;  // taps run in (c, k) order inside the group, as rows do
}

int64_t UnfoldedPaddedPos(const Geometry& g, int64_t row, int64_t t) {
  return g.TapPosition(t, UnfoldedRowOf(g, row).k);
}

float UnfoldedValue(const Session& session, int64_t n, int64_t row, int64_t t) {
  const Geometry& g = session.geometry;
  return PaddedValue(session, n, UnfoldedRowOf(g, row).in_channel, UnfoldedPaddedPos(g, row, t));
}

bool InWeightBlock(const Geometry& g, int64_t out_channel, int64_t row) {
  return g.GroupOfIn(UnfoldedRowOf(g, row).in_channel) == g.GroupOfOut(out_channel);
}

float WeightMatrixValue(const Session& session, int64_t out_channel, int64_t row) {
  const Geometry& g = session.geometry;
  if (!InWeightBlock(g, out_channel, row)) return 0.f;
  const UnfoldedRow r = UnfoldedRowOf(g, row);
  const int64_t c_local = r.in_channel - g.GroupOfIn(r.in_channel) * g.in_per_group;
  return session.problem.weight
      .data[static_cast<size_t>(WeightIndex(g, out_channel, c_local, r.k))];
}

float MatmulOutput(const Session& session, int64_t n, int64_t out_channel, int64_t t) {
  const Geometry& g = session.geometry;
  float sum = 0.f;
  for (int64_t row = 0; row < UnfoldedRowCount(g); ++row)
    if (InWeightBlock(g, out_channel, row))
      sum += WeightMatrixValue(session, out_channel, row) * UnfoldedValue(session, n, row, t);
  const float bias = g.has_bias ? session.problem.bias.data[static_cast<size_t>(out_channel)] : 0.f;
  return sum + bias;
}

}  // namespace convstep::gui
