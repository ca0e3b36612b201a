#include "platform/bench.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "state/app_state.h"

namespace convstep::gui {

double PercentileOf(std::vector<double> values, double fraction) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(fraction * static_cast<double>(values.size()));
  const size_t index = static_cast<size_t>(std::max(1.0, rank)) - 1;
  return values[std::min(index, values.size() - 1)];
}

void StepEditScript(EditScript& script, AppState& app, int frame) {
  if (script.waiting) {
    if (BuildPending(app)) return;
    script.waiting = false;
  }
  if (script.every <= 0 || frame % script.every != 0) return;
  Conv1dSpec spec = app.draft.spec;
  const int64_t step = script.next % 10;
  const bool there = step < 5;  // the first five edits change a value, the next five undo them
  char what[96];
  switch (step % 5) {
    case 0:
      spec.out_channels =
          there ? std::max<int64_t>(1, spec.out_channels * 3 / 4) : spec.out_channels * 4 / 3;
      std::snprintf(what, sizeof what, "out_channels %lld",
                    static_cast<long long>(spec.out_channels));
      SetSpec(app, spec, "out_channels");
      break;
    case 1:
      spec.kernel_size = there ? std::max<int64_t>(1, spec.kernel_size - 2) : spec.kernel_size + 2;
      std::snprintf(what, sizeof what, "kernel_size %lld",
                    static_cast<long long>(spec.kernel_size));
      SetSpec(app, spec, "kernel_size");
      break;
    case 2:
      spec.stride = there ? spec.stride + 1 : std::max<int64_t>(1, spec.stride - 1);
      std::snprintf(what, sizeof what, "stride %lld", static_cast<long long>(spec.stride));
      SetSpec(app, spec, "stride");
      break;
    case 3:
      if (spec.padding_kind == PaddingKind::kExplicit) {
        spec.padding = there ? spec.padding + 2 : std::max<int64_t>(0, spec.padding - 2);
      }
      std::snprintf(what, sizeof what, "padding %lld", static_cast<long long>(spec.padding));
      SetSpec(app, spec, "padding");
      break;
    default:
      std::snprintf(what, sizeof what, "seed %llu",
                    static_cast<unsigned long long>(app.draft.seed + 1));
      SetSeed(app, app.draft.seed + 1);
      break;
  }
  script.last = what;
  ++script.next;
  ++script.applied;
  if (script.burst > 0 && script.applied % script.burst == 0) script.waiting = true;
}

void RecordSwap(EditScript& script, const AppState& app) {
  ++script.swapped;
  script.latency_sum += app.build.last_latency;
  script.latency_max = std::max(script.latency_max, app.build.last_latency);
}

void PrintEditBench(const std::vector<FrameTiming>& frames, const EditScript& script) {
  std::vector<double> wall, ui;
  size_t worst = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    wall.push_back(frames[i].wall_ms);
    ui.push_back(frames[i].ui_ms);
    if (frames[i].wall_ms > frames[worst].wall_ms) worst = i;
  }
  std::printf(
      "edits: %lld made, in bursts of %d one every %d frames, each burst waiting for "
      "its session; %lld sessions swapped in\n",
      static_cast<long long>(script.applied), script.burst, script.every,
      static_cast<long long>(script.swapped));
  if (script.swapped > 0)
    std::printf(
        "edit to picture (a burst's last edit until its session is drawn): mean %.0f ms, "
        "max %.0f ms\n",
        1000.0 * script.latency_sum / static_cast<double>(script.swapped),
        1000.0 * script.latency_max);
  std::printf("ui (layout and draw lists, CPU only): p50: %.2f ms p95: %.2f ms max: %.2f ms\n",
              PercentileOf(ui, 0.5), PercentileOf(ui, 0.95),
              ui.empty() ? 0.0 : *std::max_element(ui.begin(), ui.end()));
  if (!frames.empty())
    std::printf("worst frame: #%zu %.2f ms (ui %.2f ms)%s%s\n", worst, frames[worst].wall_ms,
                frames[worst].ui_ms,
                frames[worst].edit.empty() ? "" : ", edit: ", frames[worst].edit.c_str());
  std::printf("frames: %zu p50: %.2f ms p95: %.2f ms max: %.2f ms\n", frames.size(),
              PercentileOf(wall, 0.5), PercentileOf(wall, 0.95),
              wall.empty() ? 0.0 : *std::max_element(wall.begin(), wall.end()));
}

}  // namespace convstep::gui
