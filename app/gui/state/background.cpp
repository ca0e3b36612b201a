#include "state/background.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include "convstep/thread_pool.h"
#include "state/app_state.h"

namespace convstep::gui {
namespace {

// A monotonic clock in seconds, for the latency of a build.
double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Limits SessionLimits(const AppState& app) {
  return app.build.limits;
}

void SetMemoryBudgetMiB(AppState& app, int64_t mebibytes) {
  app.build.limits.max_bytes = std::max<int64_t>(1, mebibytes) << 20;
}

int BuildThreads(const AppState& app) {
  if (app.build.threads_override > 0) return app.build.threads_override;
  return app.build.threads_setting > 0 ? app.build.threads_setting : HardwareThreads();
}

void SetBuildThreadsSetting(AppState& app, int threads) {
  app.build.threads_setting = std::clamp(threads, 0, kMaxThreads);
  app.build.threads_override = 0;
}

bool BuildsInBackground(const AppState& app, const Geometry& g) {
  const int64_t cells = g.batch * g.in_channels * g.length + g.OutputCount();
  return g.MacCount() > app.build.min_macs || cells > app.build.min_cells;
}

void SubmitBuild(AppState& app, const Recipe& recipe, const char* control) {
  BackgroundBuild& build = app.build;
  if (!build.runner) build.runner = std::make_unique<LatestJob<std::shared_ptr<BuildOutcome>>>();
  build.pending = true;
  build.control = control;
  build.submitted_at = NowSeconds();
  const Limits limits = build.limits;
  const int threads = BuildThreads(app);
  std::shared_ptr<const Session> base = app.session;
  std::string edited = control;
  // The job owns copies of everything it reads: the UI thread may edit app meanwhile.
  build.runner->Submit([recipe, limits, base, edited, threads](const CancelToken& token) {
    if (token.cancelled()) return std::shared_ptr<BuildOutcome>();
#ifndef __EMSCRIPTEN__
    // The worker yields to the UI thread (and the GL driver's threads) on a busy machine (a
    // browser's Web Worker has no priority to lower).
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
    auto outcome = std::make_shared<BuildOutcome>();
    outcome->built = BuildSession(
        recipe, limits, [&token] { return token.cancelled(); }, threads);
    outcome->control = edited;
    outcome->base = base;
    return outcome;
  });
}

void CancelBuild(AppState& app) {
  BackgroundBuild& build = app.build;
  if (!build.pending || !build.runner) return;
  // A no-op job supersedes the running one: its result is never delivered.
  build.runner->Submit([](const CancelToken&) { return std::shared_ptr<BuildOutcome>(); });
  build.pending = false;
}

bool PollBuild(AppState& app) {
  BackgroundBuild& build = app.build;
  if (!build.pending || !build.runner) return false;
  std::optional<std::shared_ptr<BuildOutcome>> result = build.runner->TakeResult();
  if (!result) return false;
  build.pending = false;
  const std::shared_ptr<BuildOutcome>& outcome = *result;
  // Dropped when superseded, or when something else (a file, an undo) replaced the session.
  if (!outcome || outcome->base != app.session) return false;
  if (!outcome->built) {
    app.edit_error =
        EditError{outcome->built.error(), ControlForError(outcome->built.error(), outcome->control),
                  outcome->control};
    return false;
  }
  build.last_latency = NowSeconds() - build.submitted_at;
  ShowSession(app, std::move(outcome->built).value(), Keep::kPosition);
  return true;
}

void FinishBuild(AppState& app) {
  if (!app.build.pending || !app.build.runner) return;
  app.build.runner->Wait();
  PollBuild(app);
}

bool BuildPending(const AppState& app) {
  return app.build.pending;
}

}  // namespace convstep::gui
