#include "trace.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "convstep/io_json.h"

namespace convstep::cli {
namespace {

using nlohmann::json;

const char* CellName(CellKind kind) {
  switch (kind) {
    case CellKind::kReal:
      return "input";
    case CellKind::kZeroPad:
      return "zero_pad";
    case CellKind::kGhost:
      return "ghost";
  }
  return "input";
}

std::string Num(float value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", static_cast<double>(value));
  return buffer;
}

// "x[c=1, pos=3]" plus where the value comes from.
std::string InputText(const TapState& tap) {
  std::string text =
      "x[c=" + std::to_string(tap.in_channel) + ", pos=" + std::to_string(tap.padded_pos) + "]";
  if (tap.cell.kind == CellKind::kZeroPad) return text + " (zero padding)";
  if (tap.cell.kind == CellKind::kGhost)
    return text + " (padding copying input l=" + std::to_string(tap.cell.source) + ")";
  return text + " (input l=" + std::to_string(tap.cell.source) + ")";
}

int64_t EndOf(const Walkthrough& walk, Granularity granularity, const TraceRange& range) {
  const int64_t total = walk.StepCount(granularity);
  if (range.count < 0) return total;
  return std::min(total, range.from + range.count);
}

}  // namespace

json StepToJson(const StepState& state, const Geometry& geometry) {
  json taps = json::array();
  for (const TapState& tap : state.taps) {
    taps.push_back({{"in_channel", tap.in_channel},
                    {"channel_in_group", tap.channel_in_group},
                    {"k", tap.k},
                    {"padded_pos", tap.padded_pos},
                    {"cell", CellName(tap.cell.kind)},
                    {"source", tap.cell.source},
                    {"x", FloatToJson(tap.x)},
                    {"w", FloatToJson(tap.w)},
                    {"product", FloatToJson(tap.product)},
                    {"running_sum", FloatToJson(tap.running_sum)},
                    {"done", tap.done}});
  }
  json step = {{"step", state.step},
               {"n", state.coord.n},
               {"out_channel", state.coord.out_channel},
               {"t", state.coord.t},
               {"tap", state.coord.tap},
               {"group", state.group},
               {"taps_done", state.taps_done},
               {"window_start", state.window_start},
               {"window_positions", state.window_positions},
               {"taps", taps},
               {"window_complete", state.window_complete},
               {"outputs_done", state.outputs_done}};
  step["bias"] = geometry.has_bias ? FloatToJson(state.bias) : json(nullptr);
  step["output"] = state.window_complete ? FloatToJson(state.output) : json(nullptr);
  return step;
}

void WriteTraceText(std::ostream& out, const Walkthrough& walk, Granularity granularity,
                    const TraceRange& range) {
  const Geometry& g = walk.geometry();
  out << "# " << walk.StepCount(granularity) << " steps of one " << GranularityName(granularity)
      << "; output " << FormatShape(g.OutputShape()) << ", " << g.taps
      << " products per output element\n";
  const int64_t end = EndOf(walk, granularity, range);
  for (int64_t step = std::max<int64_t>(0, range.from); step < end; ++step) {
    const StepState s = walk.State(step, granularity);
    const std::string where = "y[n=" + std::to_string(s.coord.n) +
                              ", o=" + std::to_string(s.coord.out_channel) +
                              ", t=" + std::to_string(s.coord.t) + "]";
    if (granularity == Granularity::kTap) {
      const TapState& tap = s.taps[static_cast<size_t>(s.coord.tap)];
      out << "step " << step << "  " << where << "  tap " << s.taps_done << "/" << g.taps << ": "
          << InputText(tap) << " = " << Num(tap.x) << " * w[o=" << s.coord.out_channel
          << ", c=" << tap.channel_in_group << ", k=" << tap.k << "] = " << Num(tap.w) << " -> "
          << Num(tap.product) << "  sum = " << Num(tap.running_sum) << "\n";
    } else {
      out << "step " << step << "  " << where << " =";
      for (size_t i = 0; i < s.taps.size(); ++i)
        out << (i ? " + " : " ") << Num(s.taps[i].x) << "*" << Num(s.taps[i].w);
      out << "\n";
    }
    if (s.window_complete) {
      out << "      " << where << " = sum " << Num(s.taps.back().running_sum);
      if (s.has_bias) {
        out << " + bias " << Num(s.bias) << " = " << Num(s.output) << "\n";
      } else {
        out << " (bias=False)\n";
      }
    }
  }
}

json TraceToJson(const Walkthrough& walk, Granularity granularity, const TraceRange& range) {
  json steps = json::array();
  const int64_t end = EndOf(walk, granularity, range);
  for (int64_t step = std::max<int64_t>(0, range.from); step < end; ++step)
    steps.push_back(StepToJson(walk.State(step, granularity), walk.geometry()));
  return {{"granularity", GranularityName(granularity)},
          {"step_count", walk.StepCount(granularity)},
          {"output_shape", walk.geometry().OutputShape()},
          {"steps", steps}};
}

}  // namespace convstep::cli
