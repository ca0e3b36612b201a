// The files parts of main() (platform layer, beside window.h): settings and Dear ImGui's
// ini file in the config folder, files dropped on the window, autosave, exports rendered
// while the app runs, and the headless runs (--export-gif, --export-png-dir,
// --save-session) that write files and exit.
#pragma once

#include "platform/export_capture.h"
#include "platform/options.h"
#include "state/app_state.h"

struct GLFWwindow;

namespace convstep::gui {

/// What main() keeps for these parts.
struct FilesRun {
  bool interactive = false;  ///< a visible window (not a screenshot, benchmark or export)
  ExportCapture capture;
};

/// Before the window: for interactive runs (unless --no-settings) loads the settings and
/// starts autosave; restores the newest orphaned autosave for --restore-autosave; takes the
/// window size from the settings when --size was not given. Returns an exit code, or -1.
int PrepareFiles(const AppOptions& options, AppState& app, FilesRun& run, int* width, int* height);

/// Runs --save-session, --export-gif and --export-png-dir (a hidden window renders the
/// frames). Returns the exit code: 0 done, 2 a bad request, 1 a failure while writing.
int RunHeadlessIo(const AppOptions& options, AppState& app);

/// After the window exists: the ini file's path, the drop callback.
void AttachFiles(FilesRun& run, AppState& app, GLFWwindow* window);

/// The display size this frame: an export at a chosen size draws at that size (shown scaled
/// in the window), otherwise the window's size.
ImVec2 ExportDisplaySize(const AppState& app, int window_w, int window_h);

/// After the platform's NewFrame, before ImGui::NewFrame: applies an export's display size
/// (scaling the pointer and the framebuffer), hides the pointer from the picture during an
/// export, and moves the timeline to the export's step. Returns true when this frame's
/// picture is to be captured.
/// The window's size is read from io.DisplaySize, as the platform's NewFrame set it.
bool BeginFilesFrame(FilesRun& run, AppState& app);

/// True while an export runs (the loop must not wait for input).
bool FilesBusy(const AppState& app);

/// After ImGui::Render(): captures the export's frame, autosaves and saves changed settings.
/// `now` is a clock in seconds.
void EndFilesFrame(FilesRun& run, AppState& app, bool capture, double now);

/// At a clean exit (before the window closes): settings with the window's size, the
/// autosave file removed, the offscreen target freed.
void FinishFiles(FilesRun& run, AppState& app, GLFWwindow* window);

}  // namespace convstep::gui
