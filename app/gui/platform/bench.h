// --bench-edits: a scripted edit sequence (out_channels, kernel_size, stride, padding, seed,
// and back) applied through the same functions the parameters panel calls, one edit every few
// frames, while the frames render and are timed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convstep::gui {

struct AppState;

/// The edit script's position.
struct EditScript {
  int every = 4;        ///< frames between two edits
  int64_t next = 0;     ///< index of the next edit in the cycle
  int64_t applied = 0;  ///< edits made so far
  int64_t swapped = 0;  ///< sessions swapped in (the rest were superseded by newer edits)
  double latency_sum = 0.0, latency_max = 0.0;  ///< seconds from an edit to its picture
  std::string last;      ///< what the last edit changed ("out_channels 48", ...)
  int burst = 5;         ///< edits in a burst (each supersedes the one before)
  bool waiting = false;  ///< after a burst: waiting for its session to be swapped in
};

/// Makes the next scripted edit when `frame` is a multiple of script.every; after each burst
/// of edits it waits until the last one's session is on screen.
void StepEditScript(EditScript& script, AppState& app, int frame);

/// Counts a swapped-in session and its latency (from app.build.last_latency).
void RecordSwap(EditScript& script, const AppState& app);

/// One frame's timings.
struct FrameTiming {
  double wall_ms = 0.0;  ///< from the previous SwapBuffers + glFinish to this one
  double ui_ms = 0.0;    ///< NewFrame .. Render on the CPU (layout and draw lists)
  std::string edit;      ///< the edit made in this frame (empty: none)
};

/// Prints the summary: UI-build percentiles, the worst frame, and last the line
/// "frames: N p50: X ms p95: Y ms max: Z ms".
void PrintEditBench(const std::vector<FrameTiming>& frames, const EditScript& script);

/// The value at `fraction` (0..1) of `values` (0 when empty).
double PercentileOf(std::vector<double> values, double fraction);

}  // namespace convstep::gui
