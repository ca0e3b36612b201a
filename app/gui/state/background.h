// Background builds: a large edit validates at once (errors appear beside the control in the
// same frame) and makes its tensors and output on a worker thread, while the app keeps drawing
// the last valid session. A newer edit supersedes an older build; small edits stay synchronous
// so tests and the seed example are instant and deterministic.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "convstep/geometry.h"
#include "convstep/latest_job.h"
#include "convstep/result.h"
#include "model/session.h"

namespace convstep::gui {

struct AppState;

/// What a background build hands back to the UI thread.
struct BuildOutcome {
  Result<Session> built = MakeError("not built", "values", "");
  std::string control;                  ///< the control that was edited
  std::shared_ptr<const Session> base;  ///< the session on screen when it was submitted
};

/// The worker and its bookkeeping (one per AppState; the thread starts on first use).
struct BackgroundBuild {
  /// Edits with more multiply-adds than this, or more input + output cells than
  /// `min_cells`, build in the background (0 and 0: every edit does; tests use that).
  int64_t min_macs = 4'000'000;
  int64_t min_cells = 1'000'000;
  bool pending = false;       ///< a build was submitted and has not been swapped in yet
  double submitted_at = 0.0;  ///< ImGui time of the submission (for the indicator)
  std::string control;        ///< the control of the pending build
  Limits limits;              ///< the memory budget every edit is checked against (1 GiB)
  double last_latency = 0.0;  ///< seconds from the last swapped-in build's submission to its swap
  int threads_setting = 0;    ///< threads of a build, from the settings / menu (0: all cores)
  int threads_override = 0;   ///< --threads N for this run (0: none)
  std::unique_ptr<LatestJob<std::shared_ptr<BuildOutcome>>> runner;
};

/// The memory budget edits are checked against (default 1 GiB).
Limits SessionLimits(const AppState& app);
/// Sets the memory budget in MiB (at least 1); the session on screen is not rebuilt.
void SetMemoryBudgetMiB(AppState& app, int64_t mebibytes);

/// The threads a background build's forward pass uses: --threads, else the setting, else all
/// cores.
int BuildThreads(const AppState& app);
/// Sets the remembered thread count (0: all cores; else 1 .. kMaxThreads) and drops --threads.
void SetBuildThreadsSetting(AppState& app, int threads);

/// True when `geometry` is large enough to be built off the UI thread.
bool BuildsInBackground(const AppState& app, const Geometry& geometry);
/// Submits `recipe` (already checked) to the worker; supersedes any pending build.
void SubmitBuild(AppState& app, const Recipe& recipe, const char* control);
/// Drops any pending build (a synchronous edit or a file open superseded it).
void CancelBuild(AppState& app);
/// Swaps a finished build in (keeping (n, o, t) as synchronous edits do) or shows its error.
/// Call once per frame; returns true when the session changed.
bool PollBuild(AppState& app);
/// Blocks until the pending build is done and swaps it in (tests, headless runs, exit).
void FinishBuild(AppState& app);
/// True while a build is pending (draw the progress indicator, keep the loop awake).
bool BuildPending(const AppState& app);

}  // namespace convstep::gui
