// main()'s three ways to run the window: interactive (the app), screenshot (render N frames
// offscreen and write a PNG) and bench (timed frames, optionally with scripted edits). Each is
// a short loop over the same frame steps; headless exports are headless_run.h's.
#pragma once

#include <chrono>

#include "platform/headless_run.h"
#include "platform/options.h"
#include "platform/window.h"
#include "state/app_state.h"

namespace convstep::gui {

/// Start-up instants, printed by --startup-time.
struct StartupClock {
  using Clock = std::chrono::steady_clock;
  Clock::time_point process_start, state_ready, window_ready, fonts_ready;
};

/// The window a run draws in, and the offscreen target of a screenshot.
struct DesktopWindow {
  Platform platform;
  RenderTarget target;
};

/// Opens the window (hidden for a screenshot, which renders into an offscreen target of the
/// --size), attaches the files run, watches the display and queues lesson keys. Returns false
/// with the reason in `error`.
bool OpenDesktopWindow(const AppOptions& options, AppState& app, FilesRun& files, int width,
                       int height, DesktopWindow& window, std::string* error);
/// Closes it again.
void CloseDesktopWindow(DesktopWindow& window);

/// The app: waits for input when nothing moves. Returns the exit code.
int RunInteractive(const AppOptions& options, AppState& app, FilesRun& files, DesktopWindow& window,
                   StartupClock& clock);
/// --screenshot: options.frames frames at a fixed clock, then the PNG. Returns the exit code.
int RunScreenshot(const AppOptions& options, AppState& app, DesktopWindow& window);
/// --bench-frames / --bench-edits: timed frames at full speed, then the summary lines.
int RunBench(const AppOptions& options, AppState& app, DesktopWindow& window, StartupClock& clock);

}  // namespace convstep::gui
