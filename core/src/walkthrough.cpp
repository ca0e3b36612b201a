#include "convstep/walkthrough.h"

#include <algorithm>

namespace convstep {

const char* GranularityName(Granularity granularity) {
  switch (granularity) {
    case Granularity::kTap:
      return "tap";
    case Granularity::kWindow:
      return "window";
    case Granularity::kRow:
      return "row";
    case Granularity::kBatch:
      return "batch";
  }
  return "tap";
}

bool ParseGranularity(const std::string& name, Granularity* out) {
  for (Granularity g :
       {Granularity::kTap, Granularity::kWindow, Granularity::kRow, Granularity::kBatch}) {
    if (name == GranularityName(g)) {
      *out = g;
      return true;
    }
  }
  return false;
}

Walkthrough::Walkthrough(const Conv1dProblem& problem, const Geometry& geometry)
    : problem_(problem), geometry_(geometry) {}

int64_t Walkthrough::StepCount(Granularity granularity) const {
  const Geometry& g = geometry_;
  switch (granularity) {
    case Granularity::kTap:
      return g.OutputCount() * g.taps;
    case Granularity::kWindow:
      return g.OutputCount();
    case Granularity::kRow:
      return g.batch * g.out_channels;
    case Granularity::kBatch:
      return g.batch;
  }
  return 0;
}

int64_t Walkthrough::OutputIndex(int64_t n, int64_t out_channel, int64_t t) const {
  return (n * geometry_.out_channels + out_channel) * geometry_.out_length + t;
}

TapCoord Walkthrough::CoordOf(int64_t step, Granularity granularity) const {
  const Geometry& g = geometry_;
  int64_t window = 0;
  int64_t tap = g.taps - 1;
  switch (granularity) {
    case Granularity::kTap:
      window = step / g.taps;
      tap = step % g.taps;
      break;
    case Granularity::kWindow:
      window = step;
      break;
    case Granularity::kRow:
      window = (step + 1) * g.out_length - 1;
      break;
    case Granularity::kBatch:
      window = (step + 1) * g.out_channels * g.out_length - 1;
      break;
  }
  TapCoord coord;
  coord.n = window / (g.out_channels * g.out_length);
  coord.out_channel = (window / g.out_length) % g.out_channels;
  coord.t = window % g.out_length;
  coord.tap = tap;
  return coord;
}

int64_t Walkthrough::StepOf(const TapCoord& coord, Granularity granularity) const {
  const Geometry& g = geometry_;
  const int64_t window = OutputIndex(coord.n, coord.out_channel, coord.t);
  switch (granularity) {
    case Granularity::kTap:
      return window * g.taps + coord.tap;
    case Granularity::kWindow:
      return window;
    case Granularity::kRow:
      return window / g.out_length;
    case Granularity::kBatch:
      return window / (g.out_channels * g.out_length);
  }
  return 0;
}

float Walkthrough::InputAt(int64_t n, int64_t c, const PaddedCell& cell) const {
  if (cell.kind == CellKind::kZeroPad) return 0.f;
  const Geometry& g = geometry_;
  return problem_.input.data[static_cast<size_t>((n * g.in_channels + c) * g.length + cell.source)];
}

StepState Walkthrough::State(int64_t step, Granularity granularity) const {
  const Geometry& g = geometry_;
  StepState state;
  state.step = step;
  state.coord = CoordOf(step, granularity);
  const TapCoord& at = state.coord;
  state.group = g.GroupOfOut(at.out_channel);
  state.taps_done = at.tap + 1;
  state.window_start = g.WindowStart(at.t);
  for (int64_t k = 0; k < g.kernel_size; ++k) {
    const int64_t pos = g.TapPosition(at.t, k);
    state.window_positions.push_back(pos);
    state.window_cells.push_back(SourceOf(g, pos));
  }
  state.taps.reserve(static_cast<size_t>(g.taps));
  float sum = 0.f;
  for (const FieldEntry& entry : ReceptiveField(at.out_channel, at.t)) {
    TapState tap;
    tap.in_channel = entry.in_channel;
    tap.channel_in_group = entry.channel_in_group;
    tap.k = entry.k;
    tap.padded_pos = entry.padded_pos;
    tap.cell = entry.cell;
    tap.x = InputAt(at.n, entry.in_channel, entry.cell);
    tap.w = problem_.weight.data[static_cast<size_t>(
        (at.out_channel * g.in_per_group + entry.channel_in_group) * g.kernel_size + entry.k)];
    tap.product = tap.x * tap.w;
    sum += tap.product;
    tap.running_sum = sum;
    tap.done = static_cast<int64_t>(state.taps.size()) <= at.tap;
    state.taps.push_back(tap);
  }
  state.has_bias = g.has_bias;
  state.bias = g.has_bias ? problem_.bias.data[static_cast<size_t>(at.out_channel)] : 0.f;
  state.output = g.has_bias ? sum + state.bias : sum;
  state.window_complete = at.tap == g.taps - 1;
  state.outputs_done = OutputIndex(at.n, at.out_channel, at.t) + (state.window_complete ? 1 : 0);
  return state;
}

std::vector<FieldEntry> Walkthrough::ReceptiveField(int64_t out_channel, int64_t t) const {
  const Geometry& g = geometry_;
  std::vector<FieldEntry> field;
  field.reserve(static_cast<size_t>(g.taps));
  const int64_t first_channel = g.GroupOfOut(out_channel) * g.in_per_group;
  for (int64_t ci = 0; ci < g.in_per_group; ++ci) {
    for (int64_t k = 0; k < g.kernel_size; ++k) {
      const int64_t pos = g.TapPosition(t, k);
      field.push_back({first_channel + ci, ci, k, pos, SourceOf(g, pos)});
    }
  }
  return field;
}

std::vector<UseEntry> Walkthrough::UsesOfInput(int64_t n, int64_t in_channel, int64_t l) const {
  std::vector<UseEntry> uses;
  for (const int64_t pos : CopiesOf(l)) {
    const std::vector<UseEntry> reads = UsesOfPadded(n, in_channel, pos);
    uses.insert(uses.end(), reads.begin(), reads.end());
  }
  return uses;
}

std::vector<int64_t> Walkthrough::CopiesOf(int64_t l) const {
  const Geometry& g = geometry_;
  std::vector<int64_t> positions;
  auto visit = [&](int64_t pos) {
    const PaddedCell cell = SourceOf(g, pos);
    if (cell.kind != CellKind::kZeroPad && cell.source == l) positions.push_back(pos);
  };
  const int64_t real_begin = std::max<int64_t>(0, g.pad_left);
  const int64_t real_end = std::min(g.padded_length, g.pad_left + g.length);
  for (int64_t pos = 0; pos < real_begin; ++pos) visit(pos);  // left ghost cells
  const int64_t real_pos = l + g.pad_left;
  if (real_pos >= real_begin && real_pos < real_end) visit(real_pos);
  for (int64_t pos = real_end; pos < g.padded_length; ++pos) visit(pos);  // right ghost cells
  return positions;
}

std::vector<UseEntry> Walkthrough::UsesOfPadded(int64_t n, int64_t in_channel,
                                                int64_t padded_pos) const {
  const Geometry& g = geometry_;
  std::vector<UseEntry> uses;
  const int64_t group = g.GroupOfIn(in_channel);
  for (int64_t k = 0; k < g.kernel_size; ++k) {
    const int64_t offset = padded_pos - k * g.dilation;
    if (offset < 0 || offset % g.stride != 0) continue;
    const int64_t t = offset / g.stride;
    if (t >= g.out_length) continue;
    for (int64_t oi = 0; oi < g.out_per_group; ++oi)
      uses.push_back({n, group * g.out_per_group + oi, t, k, padded_pos});
  }
  return uses;
}

FieldEntry Walkthrough::InputOfWeight(int64_t out_channel, int64_t channel_in_group, int64_t k,
                                      int64_t t) const {
  const Geometry& g = geometry_;
  const int64_t pos = g.TapPosition(t, k);
  return {g.GroupOfOut(out_channel) * g.in_per_group + channel_in_group, channel_in_group, k, pos,
          SourceOf(g, pos)};
}

}  // namespace convstep
