// Timeline: where the walkthrough is (a step index at a granularity), playback and speed.
// Pure logic over a Walkthrough; AppState's SeekStep / SetGranularity wrap it and start tweens.
#pragma once

#include <cstdint>
#include <optional>

#include "convstep/walkthrough.h"

namespace convstep::gui {

/// Slowest and fastest playback, as multiples of kStepsPerSecond.
inline constexpr float kMinSpeed = 0.25f;
inline constexpr float kMaxSpeed = 16.f;
/// Steps per second at speed 1x.
inline constexpr double kStepsPerSecond = 2.0;

/// The playback state.
struct Timeline {
  int64_t step = 0;  ///< index at `granularity`
  Granularity granularity = Granularity::kTap;
  bool playing = false;
  float speed = 1.f;               ///< 0.25x .. 16x
  double pending = 0.0;            ///< fraction of a step accumulated while playing
  std::optional<TapCoord> anchor;  ///< finer position remembered at a coarser granularity
};

/// `step` limited to [0, count - 1] (0 when there are no steps).
int64_t ClampStep(int64_t step, int64_t count);

/// Advances a playing timeline by `dt` seconds at its speed; returns the steps taken. Playback
/// stops on the last step.
int64_t AdvancePlayback(Timeline& timeline, int64_t step_count, double dt);

/// The next speed up / down in powers of two, within [kMinSpeed, kMaxSpeed].
float FasterSpeed(float speed);
float SlowerSpeed(float speed);

/// The tap the timeline stands on (the last tap its step completes, or the remembered anchor).
TapCoord CurrentCoord(const Timeline& timeline, const Walkthrough& walk);

/// Switches granularity keeping (n, o, t): a coarser granularity remembers the exact tap, so
/// coming back without moving restores it.
void ChangeGranularity(Timeline& timeline, const Walkthrough& walk, Granularity granularity);

/// True when `a` covers more taps per step than `b`.
bool IsCoarser(Granularity a, Granularity b);

}  // namespace convstep::gui
