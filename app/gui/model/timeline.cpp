#include "model/timeline.h"

#include <algorithm>
#include <cmath>

namespace convstep::gui {

int64_t ClampStep(int64_t step, int64_t count) {
  if (count <= 0) return 0;
  return std::clamp<int64_t>(step, 0, count - 1);
}

int64_t AdvancePlayback(Timeline& timeline, int64_t step_count, double dt) {
  if (!timeline.playing || step_count <= 0) return 0;
  if (timeline.step >= step_count - 1) {
    timeline.playing = false;
    timeline.pending = 0.0;
    return 0;
  }
  timeline.pending += std::max(0.0, dt) * kStepsPerSecond * timeline.speed;
  const int64_t whole = static_cast<int64_t>(std::floor(timeline.pending));
  if (whole <= 0) return 0;
  timeline.pending -= static_cast<double>(whole);
  const int64_t before = timeline.step;
  timeline.step = ClampStep(timeline.step + whole, step_count);
  if (timeline.step >= step_count - 1) {
    timeline.playing = false;
    timeline.pending = 0.0;
  }
  return timeline.step - before;
}

float FasterSpeed(float speed) {
  const float next = std::exp2(std::floor(std::log2(speed) + 1e-4f) + 1.f);
  return std::min(kMaxSpeed, next);
}

float SlowerSpeed(float speed) {
  const float next = std::exp2(std::ceil(std::log2(speed) - 1e-4f) - 1.f);
  return std::max(kMinSpeed, next);
}

bool IsCoarser(Granularity a, Granularity b) {
  return static_cast<int>(a) > static_cast<int>(b);
}

TapCoord CurrentCoord(const Timeline& timeline, const Walkthrough& walk) {
  if (timeline.anchor && walk.StepOf(*timeline.anchor, timeline.granularity) == timeline.step)
    return *timeline.anchor;
  return walk.CoordOf(timeline.step, timeline.granularity);
}

void ChangeGranularity(Timeline& timeline, const Walkthrough& walk, Granularity granularity) {
  if (granularity == timeline.granularity) return;
  if (walk.StepCount(granularity) <= 0) {
    timeline.granularity = granularity;
    timeline.step = 0;
    timeline.anchor.reset();
    return;
  }
  const TapCoord coord = CurrentCoord(timeline, walk);
  // Keep the finest position seen, so that going back without moving restores it exactly.
  if (IsCoarser(granularity, timeline.granularity)) timeline.anchor = coord;
  timeline.granularity = granularity;
  timeline.step = ClampStep(walk.StepOf(coord, granularity), walk.StepCount(granularity));
  timeline.pending = 0.0;
  if (granularity == Granularity::kTap) timeline.anchor.reset();
}

}  // namespace convstep::gui
